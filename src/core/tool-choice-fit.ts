import type { ChatRequest } from '../interlingua/request.js';
import type { ToolChoice } from '../interlingua/tool.js';
import type { Warning } from '../interlingua/warning.js';
import { allowedNotSentWarning, noAllowedToolSentWarning } from './allowed-tools.js';

/** What an emitter is about to send as tools. */
export interface ToolsSent {
  /** The names a tool choice may name on this target (its function tools, and named tools of its own it carries). */
  names: ReadonlySet<string>;
  /** Whether the target gets any tool a tool choice applies to. */
  any: boolean;
}

export interface FittedToolControls {
  toolChoice: ToolChoice | undefined;
  parallelToolCalls: boolean | undefined;
  warnings: Warning[];
}

/**
 * The request's tool choice and parallel-calls setting made consistent with the tools a target
 * actually gets. Tools are left out on the way (an Anthropic server tool such as Claude Code's
 * `web_search` reaches no other vendor; a Responses built-in none but Responses), and every
 * vendor refuses a choice that names a tool it was not given or that forces a call with no tools:
 * - a choice naming a tool that is not sent becomes `auto` while other tools are sent, with a
 *   warning, and is left out with a warning when none are;
 * - `required` with no tools is left out with a warning;
 * - a list of allowed tools keeps only the tools sent, with a warning for the others; one left
 *   empty that way becomes `auto`, as a named tool that is not sent does;
 * - `auto` and `none` with no tools, and the parallel-calls setting, are left out quietly: without
 *   tools there is no call for them to govern, so nothing is lost.
 * Each emitter calls this with what it sends and cites its vendor's rule beside the call.
 */
export function fitToolControls(request: Pick<ChatRequest, 'toolChoice' | 'parallelToolCalls'>, sent: ToolsSent): FittedToolControls {
  const warnings: Warning[] = [];
  const parallelToolCalls = sent.any ? request.parallelToolCalls : undefined;
  const choice = request.toolChoice;
  if (choice === undefined) return { toolChoice: undefined, parallelToolCalls, warnings };
  if (!sent.any) {
    if (choice.type === 'required') {
      warnings.push({ type: 'unsupported', feature: 'tool_choice.required', message: 'The tool choice asks for a tool call, but no tools are left to send upstream; it was left out.' });
    } else if (choice.type === 'tool') {
      warnings.push({
        type: 'unsupported',
        feature: 'tool_choice.tool',
        message: 'The tool choice names a tool the upstream does not get, and no tools are left to send; it was left out.',
        tool: choice.name,
      });
    }
    return { toolChoice: undefined, parallelToolCalls, warnings };
  }
  if (choice.type === 'tool' && !sent.names.has(choice.name)) {
    warnings.push({
      type: 'compatibility',
      feature: 'tool_choice.tool',
      message: 'The tool choice names a tool the upstream does not get; "auto" was sent instead, so the model chooses among the tools it has.',
      tool: choice.name,
    });
    return { toolChoice: { type: 'auto' }, parallelToolCalls, warnings };
  }
  if ((choice.type === 'auto' || choice.type === 'required') && choice.allowed !== undefined) {
    const allowed = choice.allowed.filter((name, index) => sent.names.has(name) && choice.allowed?.indexOf(name) === index);
    const missing = choice.allowed.filter((name) => !sent.names.has(name));
    if (missing.length > 0) warnings.push(allowedNotSentWarning(missing));
    // A list that was empty as written (only built-in tools, kept as vendor data) is the caller's own.
    if (allowed.length === 0 && missing.length > 0) {
      warnings.push(noAllowedToolSentWarning());
      return { toolChoice: { type: 'auto' }, parallelToolCalls, warnings };
    }
    return { toolChoice: { type: choice.type, allowed }, parallelToolCalls, warnings };
  }
  return { toolChoice: choice, parallelToolCalls, warnings };
}
