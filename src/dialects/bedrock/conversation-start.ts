/**
 * Converse conversations open with a user message: "A conversation must start with a user message.
 * Try again with a conversation that starts with a user message." for a request of system
 * instructions only (https://github.com/elastic/kibana/pull/246393) and for one whose first message
 * is the assistant's (Nova, https://github.com/quarkiverse/quarkus-langchain4j/issues/1764), both of
 * which OpenAI takes. Lone instructions become the user turn; an assistant opening gets a user turn
 * before it (core/user-first-turn.ts, shared with InvokeModel); each with a warning. A request with
 * no content at all is refused in the caller's dialect.
 */
import { withUserTurnFirst } from '../../core/user-first-turn.js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedConversation, EmittedTurn } from './messages-emit.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { isBlank } from '../../core/blank-text.js';

export function withUserOpening(conversation: EmittedConversation, warnings: Warning[]): EmittedConversation {
  if (conversation.messages.length > 0) {
    const opening = (text: string): EmittedTurn => ({ role: 'user', content: [{ text }] });
    const messages = withUserTurnFirst(conversation.messages, opening, 'Bedrock Converse', (warning) => addWarningPerFeature(warnings, warning));
    return messages === conversation.messages ? conversation : { ...conversation, messages: [...messages] };
  }
  // Converse refuses blank text in a message ("The text field in the ContentBlock object at messages.0.content.0 is blank.").
  const blank = (block: Record<string, unknown>) => typeof block['text'] === 'string' && isBlank(block['text']);
  const content = conversation.system.filter((block) => !blank(block));
  if (!content.some((block) => typeof block['text'] === 'string')) {
    throw new InterlinguaError('invalid_request', 'The request has no message content to send; Bedrock needs at least one message that is not empty.');
  }
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'system_only',
    message: 'Bedrock Converse needs a user message beside the system prompt; the system instructions were sent as the user turn.',
  });
  return { system: [], messages: [{ role: 'user', content }] };
}
