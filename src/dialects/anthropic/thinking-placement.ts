/**
 * Where Anthropic takes thinking blocks in the history it is sent. A history written from another
 * dialect, or turns merged into one, can put them elsewhere; each rule below is a 400 otherwise.
 */
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedConversation, EmittedTurn } from './request-emit-messages.js';
import type { EmittedBlock } from './opaque-blocks.js';
import { addWarning } from './warnings.js';

function isThinkingBlock(block: EmittedBlock | undefined): boolean {
  return block?.['type'] === 'thinking' || block?.['type'] === 'redacted_thinking';
}

/**
 * Thinking blocks open the assistant message that holds them: "messages.1.content.0: If an
 * assistant message contains any thinking blocks, the first block must be `thinking` or
 * `redacted_thinking`. Found `text`." (recorded in anthropics/claude-code#20692 and #20705).
 * That is the order Claude writes them in; a Responses history (message, reasoning, call) or two
 * assistant turns merged into one can put text first. The blocks move, unchanged, to the front.
 */
export function withThinkingFirst(conversation: EmittedConversation): EmittedConversation {
  let moved = false;
  const messages = conversation.messages.map((turn): EmittedTurn => {
    if (turn.role !== 'assistant' || isThinkingBlock(turn.content[0]) || !turn.content.some(isThinkingBlock)) return turn;
    moved = true;
    return { role: 'assistant', content: [...turn.content.filter(isThinkingBlock), ...turn.content.filter((block) => !isThinkingBlock(block))] };
  });
  return moved ? { ...conversation, messages } : conversation;
}

/**
 * With thinking on, a final assistant message (a prefill Claude continues) must open with a
 * thinking block: "messages.3.content.0.type: Expected `thinking` or `redacted_thinking`, but
 * found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking
 * block. … To avoid this requirement, disable `thinking`." (recorded in Aider-AI/aider#3820, a
 * prefill continuing a cut answer of claude-3-7-sonnet).
 */
export function prefillLacksThinking(messages: readonly EmittedTurn[]): boolean {
  const last = messages.at(-1);
  return last?.role === 'assistant' && !isThinkingBlock(last.content[0]);
}

/**
 * With thinking off, a final assistant message holds no thinking block: "messages.1.content.0:
 * When thinking is disabled, an `assistant` message in the final position cannot contain
 * `thinking`. To use thinking blocks, enable `thinking` in your request." (recorded in
 * tailcallhq/forgecode#1853, claude-sonnet-4-5). Such blocks of a prefill are left out, with a
 * warning; a prefill of nothing else goes with them.
 */
export function withoutFinalThinking(messages: readonly EmittedTurn[], warnings: Warning[]): readonly EmittedTurn[] {
  const last = messages.at(-1);
  if (last?.role !== 'assistant' || !last.content.some(isThinkingBlock)) return messages;
  addWarning(warnings, {
    type: 'unsupported',
    feature: 'reasoning.prefill',
    message: 'Anthropic takes no thinking block in a final assistant message while thinking is off; the prefill was sent without its thinking.',
  });
  const content = last.content.filter((block) => !isThinkingBlock(block));
  return content.length === 0 ? messages.slice(0, -1) : [...messages.slice(0, -1), { role: 'assistant', content }];
}
