/**
 * Anthropic's rule for thinking with tool use: while thinking is on, the assistant message whose
 * tool calls the request answers (the one before a final user turn of tool results) must start
 * with a signed `thinking` or `redacted_thinking` block. Anthropic refuses anything else with
 * "When `thinking` is enabled, a final `assistant` message must start with a thinking block
 * (preceeding the lastmost set of `tool_use` and `tool_result` blocks). […] To avoid this
 * requirement, disable `thinking`." (the 400 body as quoted in n8n-io/n8n#22550 and
 * anomalyco/opencode#3077; https://docs.claude.com/en/docs/build-with-claude/extended-thinking).
 * History from another vendor carries no Anthropic signature, so such a turn cannot be
 * completed; turning thinking off for that one request is the documented way out.
 */
import type { EmittedTurn } from './request-emit-messages.js';

const thinkingBlockTypes = new Set(['thinking', 'redacted_thinking']);

/** Whether the conversation answers tool calls whose assistant message opens with no thinking block. */
export function toolTurnLacksThinking(messages: readonly EmittedTurn[]): boolean {
  const last = messages.at(-1);
  if (last === undefined || last.role !== 'user' || !last.content.some((block) => block['type'] === 'tool_result')) return false;
  const answered = messages.at(-2);
  if (answered === undefined || answered.role !== 'assistant') return false;
  const first = answered.content[0];
  return first === undefined || !thinkingBlockTypes.has(String(first['type']));
}
