import type { ChatRequest } from '../interlingua/request.js';
import type { ToolChoice } from '../interlingua/tool.js';
import type { Warning } from '../interlingua/warning.js';

/** The warning feature for everything about a list of allowed tools. */
export const allowedToolsFeature = 'tool_choice.allowed_tools';

/** The tools a choice lets the model call, or undefined when it lets it call every declared tool. */
export function allowedNames(choice: ToolChoice | undefined): readonly string[] | undefined {
  return choice?.type === 'auto' || choice?.type === 'required' ? choice.allowed : undefined;
}

/**
 * A list of allowed tools for an upstream that has no such list (Anthropic Messages, Bedrock
 * Converse, Ollama, a Chat Completions upstream that takes only `auto`): the restriction is kept
 * by what is declared rather than by the choice.
 * - `required` with one allowed tool, where the upstream takes a choice that forces a named tool
 *   (`forcesNamedTool`), is that forced choice, and every tool stays declared;
 * - otherwise only the allowed tools are declared, with the plain mode, and a warning says the
 *   tool list sent differs from the caller's: a prompt-cache prefix over the tools changes with it,
 *   which is what the caller's list was for;
 * - an allowed name that is not declared is left out, and a list left empty becomes `auto` over
 *   the declared tools, as a choice naming a tool that is not sent does (core/tool-choice-fit.ts).
 */
export function withAllowedToolsDeclared(request: ChatRequest, upstream: string, forcesNamedTool: boolean, warnings: Warning[]): ChatRequest {
  const choice = request.toolChoice;
  const allowed = allowedNames(choice);
  if (choice === undefined || allowed === undefined || (choice.type !== 'auto' && choice.type !== 'required')) return request;
  const tools = request.tools ?? [];
  const declared = new Set(tools.map((tool) => tool.name));
  const names = [...new Set(allowed)].filter((name) => declared.has(name));
  const missing = allowed.filter((name) => !declared.has(name));
  if (missing.length > 0) warnings.push(allowedNotSentWarning(missing));
  if (names.length === 0) {
    warnings.push(noAllowedToolSentWarning());
    return { ...request, toolChoice: { type: 'auto' } };
  }
  if (choice.type === 'required' && names.length === 1 && forcesNamedTool) return { ...request, toolChoice: { type: 'tool', name: names[0] as string } };
  if (names.length === declared.size) return { ...request, toolChoice: { type: choice.type } };
  const kept = new Set(names);
  warnings.push({
    type: 'compatibility',
    feature: allowedToolsFeature,
    message: `${upstream} takes no list of allowed tools, so only the allowed ones were declared (${names.join(', ')}; ${declared.size - names.length} left out): the tool list sent differs from the caller's, and a prompt cache over the tools does not carry over.`,
  });
  return { ...request, tools: tools.filter((tool) => kept.has(tool.name)), toolChoice: { type: choice.type } };
}

export function allowedNotSentWarning(missing: readonly string[]): Warning {
  return { type: 'unsupported', feature: allowedToolsFeature, message: `The allowed tools name tools the upstream does not get (${missing.join(', ')}); they were left out of the list.` };
}

export function noAllowedToolSentWarning(): Warning {
  return {
    type: 'compatibility',
    feature: allowedToolsFeature,
    message: 'None of the allowed tools reaches the upstream; the tool choice was sent as "auto", so the model chooses among the tools it has.',
  };
}
