import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';

/**
 * Anthropic Messages (`POST /v1/messages`). Error body as recorded in
 * test/fixtures/recorded/anthropic/pa-error-400-invalid-request.response.json:
 * `{"type":"error","error":{"type":"invalid_request_error","message":…},"request_id":…}`.
 */
const rules: VendorRule[] = [
  {
    id: 'anthropic.max_tokens.required',
    // https://docs.anthropic.com/en/api/messages: "max_tokens integer required".
    source: 'docs.anthropic.com/en/api/messages (max_tokens: required)',
    check: ({ body }) => (isRecord(body) && !Number.isInteger(body.max_tokens) ? 'max_tokens: Field required' : undefined),
  },
];

export const anthropicJudge: VendorJudge = {
  name: 'anthropic',
  judges: (request: JudgedRequest) => request.method === 'POST' && pathOf(request).endsWith('/v1/messages'),
  rules,
  errorBody: (status, message) => ({
    type: 'error',
    error: { type: status === 404 ? 'not_found_error' : 'invalid_request_error', message },
    request_id: 'req_test_upstream',
  }),
};
