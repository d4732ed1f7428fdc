import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';
import { messageRules } from './openai-chat/messages.js';
import { parameterRules } from './openai-chat/parameters.js';
import { toolRules } from './openai-chat/tools.js';

/**
 * Zhipu GLM's Chat Completions (`POST /api/paas/v4/chat/completions` at open.bigmodel.cn and
 * api.z.ai, and the coding plan's `/api/coding/paas/v4/…`): OpenAI-compatible, with narrower
 * parameters. Its own rules come first; the Chat Completions rules it shares follow.
 * Unknown fields are not refused: recorded requests with `stream_options` and `reasoning_effort`
 * were answered 200 (test/fixtures/recorded/zhipu-glm/fantasy-glm47flash-thinking-streaming.i0.*).
 * Error body, recorded in github.com/CherryHQ/cherry-studio/issues/4142 (HTTP 400):
 * `{"error":{"code":"1210","message":"API 调用参数有误，请检查文档。"}}`.
 */

/** The API reference: https://docs.z.ai/api-reference/llm/chat-completion (the OpenAPI of `/paas/v4/chat/completions`). */
const reference = 'docs.z.ai/api-reference/llm/chat-completion';
const parameterError = 'API 调用参数有误，请检查文档。';

interface ZhipuRule extends VendorRule {
  /** Zhipu's business code, a string in its error body. */
  code: string;
}

/** GLM's text models: no `v` after the version (glm-4.6, glm-5-turbo; not glm-4.6v or glm-4v-flash). */
const textModels = /^glm-\d+(?:\.\d+)?(?!v)(?:-.+)?$/;

const zhipuRules: ZhipuRule[] = [
  {
    id: 'zhipu-glm.messages.text-model-content-type',
    // A text model given an image part answers code 1210 "messages.content.type 参数非法，取值范围 ['text']"
    // (glm-4.6 and glm-5: github.com/TriDefender/zcode-api/pull/26; github.com/BigPizzaV3/CodexPlusPlus/issues/1760).
    source: 'github.com/TriDefender/zcode-api/pull/26; github.com/BigPizzaV3/CodexPlusPlus/issues/1760',
    code: '1210',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string' || !textModels.test(body.model) || !Array.isArray(body.messages)) return undefined;
      const other = body.messages.some((message) => isRecord(message) && Array.isArray(message.content) && message.content.some((part) => isRecord(part) && part.type !== 'text'));
      return other ? "messages.content.type 参数非法，取值范围 ['text']" : undefined;
    },
  },
  {
    id: 'zhipu-glm.temperature.range',
    // "Sampling temperature … must be a positive number within the range: [0.0, 1.0]" ("0 <= x <= 1").
    // Refused as "temperature参数非法。请检查文档。", HTTP 400, ErrorCode 1214 (github.com/songquanpeng/one-api/issues/1141;
    // the same message in github.com/binary-husky/gpt_academic/issues/1684).
    source: `${reference} (temperature: [0.0, 1.0]); github.com/songquanpeng/one-api/issues/1141`,
    code: '1214',
    check: ({ body }) =>
      isRecord(body) && typeof body.temperature === 'number' && (body.temperature < 0 || body.temperature > 1) ? 'temperature参数非法。请检查文档。' : undefined,
  },
  {
    id: 'zhipu-glm.stop.one-word',
    // "Stop word list … Currently, only one stop word is supported, in the format ["stop_word1"]."
    source: `${reference} (stop: "Currently, only one stop word is supported")`,
    code: '1210',
    check: ({ body }) => (isRecord(body) && Array.isArray(body.stop) && body.stop.length > 1 ? parameterError : undefined),
  },
  {
    id: 'zhipu-glm.response_format.type',
    // "Specifies the response format of the model. Defaults to text. Supports two formats: { "type": "text" } …
    // { "type": "json_object" }": no `json_schema`.
    source: `${reference} (response_format: "Supports two formats" text and json_object)`,
    code: '1210',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.response_format)) return undefined;
      const type = body.response_format.type;
      return type === 'text' || type === 'json_object' ? undefined : parameterError;
    },
  },
];

export const zhipuGlmJudge: VendorJudge = {
  name: 'zhipu-glm',
  judges: (request: JudgedRequest) => request.method === 'POST' && pathOf(request).endsWith('/paas/v4/chat/completions'),
  rules: [...zhipuRules, ...parameterRules, ...messageRules, ...toolRules],
  errorBody: (_status, message, rule) => ({ error: { code: (rule as Partial<ZhipuRule>).code ?? '1210', message } }),
};
