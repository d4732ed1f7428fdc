/**
 * Tool call ids as Anthropic takes them. Anthropic checks both `tool_use.id` and
 * `tool_result.tool_use_id` against `^[a-zA-Z0-9_-]+$` and refuses anything else ("messages.1.content.0.tool_use.id:
 * String should match pattern '^[a-zA-Z0-9_-]+$'", https://github.com/screenpipe/screenpipe/pull/3252;
 * both fields, https://github.com/QwenLM/qwen-code/issues/8160), while other vendors' ids may hold
 * dots and colons (Kimi's `functions.get_weather:0`) or be empty. Such an id is rewritten the same
 * way in the call and in its result, and kept apart from every other id of the conversation.
 */
import type { Message } from '../../interlingua/message.js';

const anthropicIdPattern = /^[a-zA-Z0-9_-]+$/;

export interface ToolUseIds {
  /** The id to send in place of `id`. */
  wire(id: string): string;
  /** How many ids of the conversation had to be rewritten. */
  rewritten: number;
}

function idsOf(messages: readonly Message[]): string[] {
  return messages.flatMap((message) => {
    if (message.role === 'assistant') return message.content.flatMap((part) => (part.type === 'tool-call' ? [part.id] : []));
    if (message.role === 'tool') return message.content.map((part) => part.toolCallId);
    return [];
  });
}

export function toolUseIds(messages: readonly Message[]): ToolUseIds {
  const ids = idsOf(messages);
  const taken = new Set(ids.filter((id) => anthropicIdPattern.test(id)));
  const rewrites = new Map<string, string>();
  for (const id of ids) {
    if (taken.has(id) || rewrites.has(id)) continue;
    const base = id.replace(/[^a-zA-Z0-9_-]/g, '_') || 'toolu';
    let candidate = base;
    for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${base}_${suffix}`;
    taken.add(candidate);
    rewrites.set(id, candidate);
  }
  return { wire: (id) => rewrites.get(id) ?? id, rewritten: rewrites.size };
}
