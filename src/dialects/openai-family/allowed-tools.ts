/**
 * OpenAI's `tool_choice: {type: "allowed_tools"}`: every tool stays declared (and a prompt cache
 * over them with it) while the calls are limited to some. `mode` is `auto` ("pick from among the
 * allowed tools and generate a message") or `required` ("call one or more of the allowed tools").
 * The two APIs spell it differently (openai-python `types/chat/chat_completion_allowed_tools_param.py`
 * and `types/responses/tool_choice_allowed.py`; `ChatCompletionAllowedToolChoice` and
 * `ToolChoiceAllowed` in node_modules/openai):
 * - Chat Completions: `{type, allowed_tools: {mode, tools: [{type: "function", function: {name}}]}}`;
 * - Responses: `{type, mode, tools: [{type: "function", name}, {type: "mcp", server_label}, {type: "image_generation"}]}`.
 *
 * A function entry becomes a name of the interlingua's `allowed`. Any other entry (a Chat custom
 * tool, a Responses built-in or MCP tool) names a tool that only the caller's own API has, which
 * travels as vendor data too; the entry is kept with it under `otherAllowedToolsKey`, added back
 * by the same dialect's emitter and reported as left out by every other one (foreignVendorWarnings),
 * while the functions' restriction still reaches them.
 */
import { z } from 'zod';
import type { AllowedTools } from '../../interlingua/tool.js';

/** Vendor key for the entries that are not functions; named after the wire field it comes from, which is what other targets report. */
export const otherAllowedToolsKey = 'tool_choice.allowed_tools';

const entry = z.looseObject({ type: z.string() });
const settings = { mode: z.enum(['auto', 'required']), tools: z.array(entry) };

export const chatAllowedToolsSchema = z.looseObject({ type: z.literal('allowed_tools'), allowed_tools: z.looseObject(settings) });
export const responsesAllowedToolsSchema = z.looseObject({ type: z.literal('allowed_tools'), ...settings });

/** The Chat Completions choice as written to an upstream. */
export interface WireChatAllowedTools {
  type: 'allowed_tools';
  allowed_tools: { mode: 'auto' | 'required'; tools: Array<Record<string, unknown>> };
}

export function isAllowedToolsChoice(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['type'] === 'allowed_tools';
}

export interface ParsedAllowedTools {
  choice: { type: 'auto' | 'required' } & Required<AllowedTools>;
  /** The entries that are not the dialect's functions, verbatim. */
  others: Array<Record<string, unknown>>;
}

/** `nameOf`: the interlingua tool an entry names, or undefined for an entry that stays verbatim. */
export function splitAllowedTools(mode: 'auto' | 'required', entries: ReadonlyArray<Record<string, unknown>>, nameOf: (entry: Record<string, unknown>, index: number) => string | undefined): ParsedAllowedTools {
  const allowed: string[] = [];
  const others: Array<Record<string, unknown>> = [];
  for (const [index, tool] of entries.entries()) {
    const name = nameOf(tool, index);
    if (name === undefined) others.push(tool);
    else if (!allowed.includes(name)) allowed.push(name);
  }
  return { choice: { type: mode, allowed }, others };
}
