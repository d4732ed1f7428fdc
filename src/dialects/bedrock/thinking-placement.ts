/**
 * Where Claude takes its thinking blocks on Converse: as on Anthropic's API
 * (core/claude-thinking-placement.ts, with the recorded refusals), since Converse hands Claude the
 * history as it is and relays its refusals (test/support/vendor-rules/bedrock.ts). Claude's thinking
 * block on Converse is a `reasoningContent` block, `reasoningText` with its `signature` or
 * `redactedContent`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ReasoningContentBlock.html);
 * a `cachePoint` after one closes it, so it moves, or goes, with it. These are asked for Claude only
 * (thinking.ts, request-emit.ts): other models' rules for reasoning in a history are not known.
 */
import type { Warning } from '../../interlingua/warning.js';
import { prefillLacksThinking as lacksThinking, withoutFinalThinking as withoutThinking, withThinkingFirst as thinkingFirst, type ThinkingBlocks } from '../../core/claude-thinking-placement.js';
import type { EmittedConversation, EmittedTurn } from './messages-emit.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

const reasoningBlocks: ThinkingBlocks = {
  isThinking: (block) => block?.['reasoningContent'] !== undefined,
  belongsToPrevious: (block) => block['cachePoint'] !== undefined,
};

/** Reasoning opens the assistant message that holds it; it moves, unchanged, to the front. */
export function withReasoningFirst(conversation: EmittedConversation): EmittedConversation {
  const messages = thinkingFirst(conversation.messages, reasoningBlocks);
  return messages === conversation.messages ? conversation : { ...conversation, messages: [...messages] };
}

/** With manual thinking on, a final assistant message (a prefill) must open with reasoning. */
export function prefillLacksReasoning(messages: readonly EmittedTurn[]): boolean {
  return lacksThinking(messages, reasoningBlocks);
}

/** With thinking off, a final assistant message holds no reasoning: a prefill's is left out, with a warning naming `platform`. */
export function withoutFinalReasoning(messages: readonly EmittedTurn[], platform: string, warnings: Warning[]): readonly EmittedTurn[] {
  return withoutThinking(messages, reasoningBlocks, platform, (warning) => addWarningPerFeature(warnings, warning));
}
