import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';

/**
 * OpenAI Chat Completions (`POST …/chat/completions`), also the judge for OpenAI-compatible
 * services. Error body as recorded in test/fixtures/recorded/openai-chat/error-400-unsupported-parameter.json:
 * `{"error":{"message":…,"type":"invalid_request_error","param":…,"code":…}}`.
 */
const rules: VendorRule[] = [
  {
    id: 'openai-chat.messages.required',
    // https://platform.openai.com/docs/api-reference/chat/create: "messages array Required".
    source: 'platform.openai.com/docs/api-reference/chat/create (messages: required)',
    check: ({ body }) =>
      isRecord(body) && (!Array.isArray(body.messages) || body.messages.length === 0)
        ? "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead."
        : undefined,
  },
];

export const openaiChatJudge: VendorJudge = {
  name: 'openai-chat',
  judges: (request: JudgedRequest) => request.method === 'POST' && pathOf(request).endsWith('/chat/completions'),
  rules,
  errorBody: (_status, message) => ({ error: { message, type: 'invalid_request_error', param: null, code: null } }),
};
