import { rolesRule } from './openai-chat/roles.js';
import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';
import { messageRules } from './openai-chat/messages.js';
import { parameterRules } from './openai-chat/parameters.js';
import { toolRules } from './openai-chat/tools.js';
import { openaiJsonModeRule } from './openai-chat/json-mode.js';

/**
 * Alibaba Cloud Model Studio (DashScope) in its OpenAI-compatible mode
 * (`POST https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions`): Chat Completions, and
 * Qwen3's thinking only in streamed calls. Error body as recorded in
 * github.com/datawhalechina/hello-agents/issues/230 (HTTP 400):
 * `{"error":{"code":"invalid_parameter_error","message":"parameter.enable_thinking must be set to false for non-streaming calls","param":null,"type":"invalid_request_error"},"request_id":"…"}`.
 */

/**
 * The open-source Qwen3 models, which think unless told not to ("Qwen3 商业版模型默认值为 False，Qwen3 开源版模型默认值为 True":
 * the API reference on enable_thinking, quoted in github.com/cloudwego/eino-ext/issues/375, where qwen3-8b was
 * refused): qwen3-8b, qwen3-32b, qwen3-30b-a3b, qwen3-235b-a22b and their -thinking-2507 versions.
 */
const thinksByDefault = /^qwen3-\d+(\.\d+)?b(-a\d+b)?(-thinking-\d+)?$/;

/**
 * The models that think unless told not to, for the tool-choice rule: the open-source Qwen3 ones above, and
 * qwen3.5-plus and qwen3.5-flash ("qwen3.5-plus默认开启": DashScope's docs as quoted in
 * github.com/langgenius/dify-official-plugins/pull/2628; qwen3.5-flash: /pull/2626), which also answer without streaming.
 */
const thinksByDefaultForTools = /^(?:qwen3-\d+(\.\d+)?b(-a\d+b)?(-thinking-\d+)?|qwen3\.5-(?:plus|flash))$/;

/** Output limits where a refusal is recorded: Qwen-Max writes at most 8,192 tokens. */
const outputLimits: ReadonlyArray<[RegExp, number]> = [[/^qwen-max(?:-\d{4}-\d{2}-\d{2})?$/, 8192]];

/** The roles DashScope's compatible mode takes, as its refusal lists them. */
const roles = ['system', 'assistant', 'user', 'tool', 'function'];

const dashscopeRules: VendorRule[] = [
  // HTTP 400 for a `developer` message, measured against DashScope (qwen3.7-flash: `system` 200, `developer` 400) in
  // github.com/proma-ai/Proma/issues/1496: "developer is not one of ['system', 'assistant', 'user', 'tool', 'function'] - 'messages.[0].role'".
  rolesRule({
    id: 'dashscope.messages.role',
    source: 'github.com/proma-ai/Proma/issues/1496; github.com/ChatLab/ChatLab/issues/480',
    roles,
    refusal: (role, index) => `${role} is not one of [${roles.map((name) => `'${name}'`).join(', ')}] - 'messages.[${index}].role'`,
  }),
  {
    id: 'dashscope.temperature.range',
    // Temperature lies in [0, 2), 2 itself excluded ("The range is [0, 2)": Alibaba Cloud's OpenAI-compatible API
    // reference, www.alibabacloud.com/help/en/open-search/search-platform/developer-reference/openai-api-details);
    // probed live against DashScope, `temperature: 2` is refused and 1.99 served, in these words
    // (github.com/mnfst/modelparams.dev/pull/232): "InternalError.Algo.InvalidParameter: Temperature should be in [0.0, 2.0)".
    source: 'github.com/mnfst/modelparams.dev/pull/232; alibabacloud.com openai-api-details (temperature [0, 2))',
    check: ({ body }) =>
      isRecord(body) && typeof body.temperature === 'number' && body.temperature >= 2 ? '<400> InternalError.Algo.InvalidParameter: Temperature should be in [0.0, 2.0)' : undefined,
  },
  {
    id: 'dashscope.model.output-limit',
    // "<400> InternalError.Algo.InvalidParameter: Range of max_tokens should be [1, 8192]" (qwen-max, in the
    // compatible mode's error body: github.com/musistudio/claude-code-router/issues/184; also open-webui/open-webui#10507).
    source: 'github.com/musistudio/claude-code-router/issues/184',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string') return undefined;
      const model = body.model;
      const asked = body['max_tokens'] ?? body['max_completion_tokens'];
      const limit = outputLimits.find(([models]) => models.test(model))?.[1];
      if (limit === undefined || typeof asked !== 'number' || asked <= limit) return undefined;
      return `<400> InternalError.Algo.InvalidParameter: Range of max_tokens should be [1, ${limit}]`;
    },
  },
  {
    id: 'dashscope.enable_thinking.streams-only',
    // "parameter.enable_thinking must be set to false for non-streaming calls" (github.com/langchain4j/langchain4j/issues/3974,
    // github.com/QuantumNous/new-api/pull/1109: "qwen3非流模型默认调用会报" — the default call of a Qwen3 model without streaming fails).
    source: 'github.com/langchain4j/langchain4j/issues/3974; github.com/cloudwego/eino-ext/issues/375',
    check: ({ body }) => {
      if (!isRecord(body) || body.stream === true) return undefined;
      const thinking = body.enable_thinking === true || (body.enable_thinking !== false && typeof body.model === 'string' && thinksByDefault.test(body.model));
      return thinking ? 'parameter.enable_thinking must be set to false for non-streaming calls' : undefined;
    },
  },
  {
    id: 'dashscope.tool_choice.not-forced-while-thinking',
    // A real 400 (github.com/cloudwego/eino/issues/994, qwen3.5-plus with enable_thinking true and tool_choice "required"):
    // {"error":{"message":"<400> InternalError.Algo.InvalidParameter: The tool_choice parameter does not support being set to
    // required or object in thinking mode","type":"invalid_request_error","param":null,"code":"invalid_parameter_error"},…};
    // a named choice on qwen3.8-max the same, and served with thinking disabled (github.com/agentscope-ai/agentscope/issues/1608).
    source: 'github.com/cloudwego/eino/issues/994; github.com/agentscope-ai/agentscope/issues/1608',
    check: ({ body }) => {
      if (!isRecord(body) || (body.tool_choice !== 'required' && !isRecord(body.tool_choice))) return undefined;
      const thinking = body.enable_thinking === true || (body.enable_thinking !== false && typeof body.model === 'string' && thinksByDefaultForTools.test(body.model));
      return thinking ? '<400> InternalError.Algo.InvalidParameter: The tool_choice parameter does not support being set to required or object in thinking mode' : undefined;
    },
  },
];

export const dashscopeJudge: VendorJudge = {
  name: 'dashscope',
  judges: (request: JudgedRequest) => request.method === 'POST' && pathOf(request).endsWith('/compatible-mode/v1/chat/completions'),
  rules: [...dashscopeRules, ...parameterRules, openaiJsonModeRule, ...messageRules, ...toolRules],
  errorBody: (_status, message) => ({ error: { code: 'invalid_parameter_error', message, param: null, type: 'invalid_request_error' }, request_id: '00000000-0000-0000-0000-000000000000' }),
};
