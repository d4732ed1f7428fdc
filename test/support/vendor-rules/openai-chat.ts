import { pathOf, type JudgedRequest, type VendorJudge } from './rule.js';
import { openaiErrorBody } from './openai-family/openai-rule.js';
import { messageRules } from './openai-chat/messages.js';
import { parameterRules } from './openai-chat/parameters.js';
import { openaiFunctionParametersRule, openaiResponseSchemaRootRule, openaiToolDescriptionRule, toolRules } from './openai-chat/tools.js';
import { openaiJsonModeRule } from './openai-chat/json-mode.js';

/**
 * OpenAI Chat Completions (`POST …/chat/completions`), also the judge for OpenAI-compatible
 * services. Error body as recorded in test/fixtures/recorded/openai-chat/error-400-unsupported-parameter.json:
 * `{"error":{"message":…,"type":"invalid_request_error","param":…,"code":…}}`.
 */
export const openaiChatJudge: VendorJudge = {
  name: 'openai-chat',
  judges: (request: JudgedRequest) => request.method === 'POST' && pathOf(request).endsWith('/chat/completions'),
  rules: [...parameterRules, openaiJsonModeRule, ...messageRules, ...toolRules, openaiToolDescriptionRule, openaiFunctionParametersRule, openaiResponseSchemaRootRule],
  errorBody: openaiErrorBody,
};
