import { pathOf, type JudgedRequest, type VendorJudge } from './rule.js';
import { cacheRules } from './anthropic/cache-rules.js';
import { contentRules } from './anthropic/content-rules.js';
import { headerRules, requestRules } from './anthropic/request-rules.js';
import { thinkingRules } from './anthropic/thinking-rules.js';
import { toolRules } from './anthropic/tool-rules.js';
import { structuredOutputRules } from './anthropic/structured-output-rules.js';

/**
 * Anthropic Messages (`POST /v1/messages`) and its token counter (`POST /v1/messages/count_tokens`,
 * the same body without `max_tokens`). Rules run in order and the first broken one answers; each
 * cites its source beside it in ./anthropic/. Error body as recorded in
 * test/fixtures/recorded/anthropic/pa-error-400-invalid-request.response.json:
 * `{"type":"error","error":{"type":"invalid_request_error","message":…},"request_id":…}`.
 */
const rules = [...requestRules, ...contentRules, ...toolRules, ...structuredOutputRules, ...thinkingRules, ...cacheRules, ...headerRules];

export const anthropicJudge: VendorJudge = {
  name: 'anthropic',
  judges: (request: JudgedRequest) => {
    const path = pathOf(request);
    return request.method === 'POST' && (path.endsWith('/v1/messages') || path.endsWith('/v1/messages/count_tokens'));
  },
  rules,
  errorBody: (status, message) => ({
    type: 'error',
    error: { type: status === 404 ? 'not_found_error' : 'invalid_request_error', message },
    request_id: 'req_test_upstream',
  }),
};
