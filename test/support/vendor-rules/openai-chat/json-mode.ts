import { isRecord } from '../rule.js';
import type { OpenAIRule } from '../openai-family/openai-rule.js';

/**
 * JSON mode (`response_format: {type: json_object}`) is refused unless some message names JSON,
 * in any case and form. Not every OpenAI-compatible service checks it, so each judge that does
 * takes this rule on its own, in its vendor's words.
 */

/** Whether a Chat Completions message's text (a string, or its text parts) names JSON. */
function messageNamesJson(message: unknown): boolean {
  if (!isRecord(message)) return false;
  const { content } = message;
  if (typeof content === 'string') return /json/i.test(content);
  return Array.isArray(content) && content.some((part) => isRecord(part) && typeof part.text === 'string' && /json/i.test(part.text));
}

export function jsonModeNeedsWordRule(rule: Omit<OpenAIRule, 'check'> & { message: string }): OpenAIRule {
  const { message, ...rest } = rule;
  return {
    ...rest,
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.response_format) || body.response_format.type !== 'json_object') return undefined;
      return Array.isArray(body.messages) && body.messages.some(messageNamesJson) ? undefined : message;
    },
  };
}

/** OpenAI's own (also Azure's and Alibaba DashScope's, which word it the same). */
export const openaiJsonModeRule = jsonModeNeedsWordRule({
  id: 'openai-chat.response_format.json_object-needs-json-word',
  // A real 400 (github.com/meta-llama/PurpleLlama/issues/94, github.com/ultimatejimmy/xray.koplugin/issues/33):
  // {"error":{"message":"'messages' must contain the word 'json' in some form, to use 'response_format' of type
  // 'json_object'.","type":"invalid_request_error","param":"messages","code":null}}.
  source: 'github.com/meta-llama/PurpleLlama/issues/94; github.com/ultimatejimmy/xray.koplugin/issues/33',
  param: 'messages',
  message: "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
});
