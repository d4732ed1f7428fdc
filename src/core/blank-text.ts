import type { ContentPart } from '../interlingua/content.js';

/**
 * Text that is only whitespace, which Anthropic and Bedrock refuse when it is all a message says:
 * "messages: text content blocks must contain non-whitespace text" for a message whose only text
 * block is " " or "\n", while [" ", "real"] is taken (measured against Anthropic's API in
 * https://github.com/LibreChat-AI/agents/pull/124); on Bedrock Converse "The text field in the
 * ContentBlock object at messages.1.content.0 is blank" for an assistant text of "\n\n" alone
 * (an AWS CLI reproduction in https://github.com/langchain-ai/langchain-aws/issues/403), while a
 * recorded request it served has a "\n" block beside other text
 * (test/fixtures/recorded/bedrock/pa-converse-cachepoint.request.json). OpenAI takes it anywhere:
 * a model's "\n\n" before its tool calls comes back in the history.
 */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/**
 * Whether a message's text is only whitespace: it has text that is not empty (empty parts every
 * emitter leaves out), and none of it holds anything else. Its text parts are then left out.
 */
export function saysOnlyWhitespace(parts: readonly ContentPart[]): boolean {
  let blank = false;
  for (const part of parts) {
    if (part.type !== 'text') continue;
    if (!isBlank(part.text)) return false;
    if (part.text !== '') blank = true;
  }
  return blank;
}
