/**
 * Claude takes no prefill beside tools, on Converse as on Anthropic's API: "Your API request
 * included an `assistant` message in the final position, which would pre-fill the `assistant`
 * response. When using tools, pre-filling the `assistant` response is not supported." (Claude 3.5
 * Sonnet on Bedrock: https://github.com/langchain-ai/langchain-aws/issues/124). A conversation that
 * ends on Claude's turn then gets a user turn asking to go on, with a warning, as on Anthropic's
 * API (dialects/anthropic/prefill.ts). Other models are left as they are: no such refusal is known.
 */
import { openingUserText } from '../../core/opening-user-turn.js';
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedConversation } from './messages-emit.js';
import { isClaude } from './thinking.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

export function withoutClaudePrefillBesideTools(conversation: EmittedConversation, model: string, toolsDeclared: boolean, warnings: Warning[]): EmittedConversation {
  if (!toolsDeclared || !isClaude(model) || conversation.messages.at(-1)?.role !== 'assistant') return conversation;
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'prefill',
    message: `Claude takes no assistant prefill beside tools: the conversation ended on an assistant turn, so a user turn "${openingUserText}" was added after it.`,
  });
  return { ...conversation, messages: [...conversation.messages, { role: 'user', content: [{ text: openingUserText }] }] };
}
