import { pathOf, type JudgedRequest, type VendorJudge } from './rule.js';
import { openaiErrorBody } from './openai-family/openai-rule.js';
import { inputRules } from './openai-responses/input.js';
import { parameterRules } from './openai-responses/parameters.js';
import { toolRules } from './openai-responses/tools.js';

/**
 * OpenAI Responses (`POST …/responses`). Error body as recorded in
 * test/fixtures/recorded/openai-responses/error-400-unsupported-temperature.json and
 * pa-error-400-decimal-below-min.response.json.
 */
export const openaiResponsesJudge: VendorJudge = {
  name: 'openai-responses',
  judges: (request: JudgedRequest) => request.method === 'POST' && pathOf(request).endsWith('/responses'),
  rules: [...parameterRules, ...inputRules, ...toolRules],
  errorBody: openaiErrorBody,
};
