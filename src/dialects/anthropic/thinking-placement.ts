/**
 * Where Anthropic takes thinking blocks in the history it is sent. A history written from another
 * dialect, or turns merged into one, can put them elsewhere; each rule is a 400 otherwise, cited
 * where the placement lives (core/claude-thinking-placement.ts, shared with Bedrock's Converse).
 * Here, a thinking block is a `thinking` or `redacted_thinking` block.
 */
import type { Warning } from '../../interlingua/warning.js';
import { prefillLacksThinking as lacksThinking, withoutFinalThinking as withoutThinking, withThinkingFirst as thinkingFirst, type ThinkingBlocks } from '../../core/claude-thinking-placement.js';
import type { EmittedConversation, EmittedTurn } from './request-emit-messages.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

const thinkingBlocks: ThinkingBlocks = {
  isThinking: (block) => block?.['type'] === 'thinking' || block?.['type'] === 'redacted_thinking',
};

/** Thinking blocks open the assistant message that holds them; they move, unchanged, to the front. */
export function withThinkingFirst(conversation: EmittedConversation): EmittedConversation {
  const messages = thinkingFirst(conversation.messages, thinkingBlocks);
  return messages === conversation.messages ? conversation : { ...conversation, messages: [...messages] };
}

/** With thinking on, a final assistant message (a prefill Claude continues) must open with a thinking block. */
export function prefillLacksThinking(messages: readonly EmittedTurn[]): boolean {
  return lacksThinking(messages, thinkingBlocks);
}

/** With thinking off, a final assistant message holds no thinking block: a prefill's are left out, with a warning. */
export function withoutFinalThinking(messages: readonly EmittedTurn[], warnings: Warning[]): readonly EmittedTurn[] {
  return withoutThinking(messages, thinkingBlocks, 'Anthropic', (warning) => addWarningPerFeature(warnings, warning));
}
