/**
 * Anthropic's rule for thinking with tool use: while thinking is on, the assistant turn that the
 * request's final tool results continue must open with a signed `thinking` or `redacted_thinking`
 * block. Anthropic refuses anything else with "When `thinking` is enabled, a final `assistant`
 * message must start with a thinking block (preceeding the lastmost set of `tool_use` and
 * `tool_result` blocks). […] To avoid this requirement, disable `thinking`." (the 400 body as quoted
 * in n8n-io/n8n#22550 and anomalyco/opencode#3077; https://docs.claude.com/en/docs/build-with-claude/extended-thinking).
 * The turn is the whole tool loop ("a tool-use loop is one assistant turn",
 * https://platform.claude.com/docs/en/build-with-claude/thinking-tool-workflows), and without
 * interleaved thinking Claude thinks only at its start: the loop's first assistant message is the
 * one that must open with thinking, and later steps need none.
 * History from another vendor carries no Anthropic signature, so such a turn cannot be
 * completed; turning thinking off for that one request is the documented way out.
 */
import type { EmittedTurn } from './request-emit-messages.js';

const thinkingBlockTypes = new Set(['thinking', 'redacted_thinking']);

function holdsToolResult(turn: EmittedTurn): boolean {
  return turn.role === 'user' && turn.content.some((block) => block['type'] === 'tool_result');
}

/**
 * The first assistant message of the tool loop the final tool results belong to: walking back,
 * user messages holding tool results continue the loop, and one without any ends it.
 */
function openingOfToolLoop(messages: readonly EmittedTurn[]): EmittedTurn | undefined {
  const last = messages.at(-1);
  if (last === undefined || !holdsToolResult(last)) return undefined;
  let opening: EmittedTurn | undefined;
  for (const turn of messages.slice(0, -1).reverse()) {
    if (turn.role === 'user' && !holdsToolResult(turn)) break;
    if (turn.role === 'assistant') opening = turn;
  }
  return opening;
}

/** Whether the conversation answers tool calls whose assistant turn opens with no thinking block. */
export function toolTurnLacksThinking(messages: readonly EmittedTurn[]): boolean {
  const opening = openingOfToolLoop(messages);
  if (opening === undefined) return false;
  const first = opening.content[0];
  return first === undefined || !thinkingBlockTypes.has(String(first['type']));
}
