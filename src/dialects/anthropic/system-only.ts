/**
 * Anthropic needs at least one message beside the system prompt (an empty `messages` list is an
 * error: https://docs.latitude.so/guides/prompt-manager/provider-rules/anthropic), while OpenAI takes
 * a request of a lone system message. Such instructions become the user turn, with a warning; a
 * request with no content at all has nothing to send and is refused in the caller's dialect.
 */
import { InterlinguaError } from '../../interlingua/error.js';
import type { Warning } from '../../interlingua/warning.js';
import { textBlock, type EmittedConversation } from './request-emit-messages.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { isBlank } from '../../core/blank-text.js';

export function withOneTurn(conversation: EmittedConversation, warnings: Warning[]): EmittedConversation {
  if (conversation.messages.length > 0) return conversation;
  // Anthropic refuses text that is only whitespace ("text content blocks must contain non-whitespace text").
  const instructions = conversation.system.filter((part) => !isBlank(part.text));
  if (instructions.length === 0) {
    throw new InterlinguaError('invalid_request', 'The request has no message content to send; Anthropic needs at least one message that is not empty.');
  }
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'system_only',
    message: 'Anthropic needs at least one message beside the system prompt; the system instructions were sent as the user turn.',
  });
  return { system: [], messages: [{ role: 'user', content: instructions.map(textBlock) }] };
}
