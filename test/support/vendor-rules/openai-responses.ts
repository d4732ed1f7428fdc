import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';

/**
 * OpenAI Responses (`POST …/responses`). Error body as recorded in
 * test/fixtures/recorded/openai-responses/error-400-unsupported-temperature.json.
 */
const rules: VendorRule[] = [
  {
    id: 'openai-responses.model.required',
    // https://platform.openai.com/docs/api-reference/responses/create: "model string Required".
    source: 'platform.openai.com/docs/api-reference/responses/create (model: required)',
    check: ({ body }) => (isRecord(body) && typeof body.model !== 'string' ? "Missing required parameter: 'model'." : undefined),
  },
];

export const openaiResponsesJudge: VendorJudge = {
  name: 'openai-responses',
  judges: (request: JudgedRequest) => request.method === 'POST' && pathOf(request).endsWith('/responses'),
  rules,
  errorBody: (_status, message) => ({ error: { message, type: 'invalid_request_error', param: null, code: null } }),
};
