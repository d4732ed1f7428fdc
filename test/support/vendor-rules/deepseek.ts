import { rolesRule } from './openai-chat/roles.js';
import { isRecord, type VendorJudge, type VendorRule } from './rule.js';
import { messageRules } from './openai-chat/messages.js';
import { toolRules } from './openai-chat/tools.js';
import { jsonModeNeedsWordRule } from './openai-chat/json-mode.js';

/**
 * DeepSeek's Chat Completions (`POST https://api.deepseek.com/chat/completions`). Its path is
 * OpenAI's (without `/v1`), so this judge is chosen by name (TestUpstream's `vendor: 'deepseek'`).
 * Error envelope as recorded in github.com/decolua/9router/issues/773 and
 * github.com/AstrBotDevs/AstrBot/issues/4174 (HTTP 400):
 * `{"error":{"message":…,"type":"invalid_request_error","param":null,"code":"invalid_request_error"}}`.
 */

const roles = ['system', 'user', 'assistant', 'tool', 'latest_reminder'];

/**
 * Thinking mode: on unless switched off, "Thinking mode is enabled by default" (https://api-docs.deepseek.com/guides/thinking_mode);
 * the legacy `deepseek-chat` alias is the non-thinking mode unless switched on.
 */
function thinking(body: Record<string, unknown>): boolean {
  const switched = isRecord(body.thinking) ? body.thinking.type : undefined;
  return switched === 'enabled' || (switched !== 'disabled' && body.model !== 'deepseek-chat');
}

/**
 * DeepSeek's text models, which take only text parts; V4.1 Flash (`deepseek-flash`, to which DeepSeek routes
 * `deepseek-v4-flash` and `deepseek-v4-flash-vision-exp` since 2026-09-10) reads images
 * (github.com/coulsontl/ai-toolbox/issues/337, github.com/kuan-er/sjtu-agent/pull/182).
 */
const textOnly = /^deepseek-(?:chat|reasoner|v4-pro)$/;

/** `"required"` or a named function: a choice that forces a call. */
function forcesCall(choice: unknown): boolean {
  return choice === 'required' || isRecord(choice);
}

const deepseekRules: VendorRule[] = [
  {
    id: 'deepseek.n.at-most-1',
    // A real 400 from deepseek-chat (github.com/vibrantlabsai/ragas/issues/1072): {"detail":"Invalid n value (currently only
    // n = 1 is supported)"}; "the deepseek api only support n = 1" (github.com/deepseek-ai/DeepSeek-V2/issues/55,
    // github.com/deepseek-ai/DeepSeek-V3/issues/291). `n` is not among the parameters of
    // api-docs.deepseek.com/api/create-chat-completion.
    source: 'github.com/vibrantlabsai/ragas/issues/1072 (recorded 400 body); github.com/deepseek-ai/DeepSeek-V3/issues/291',
    check: ({ body }) => (isRecord(body) && typeof body.n === 'number' && body.n > 1 ? 'Invalid n value (currently only n = 1 is supported)' : undefined),
  },
  // A real 400 (github.com/decolua/9router/issues/773): "Failed to deserialize the JSON body into the target
  // type: messages[1].role: unknown variant `developer`, expected one of `system`, `user`, `assistant`, `tool`,
  // `latest_reminder` at line 1 column 51036" (the position in the body is left out here).
  rolesRule({
    id: 'deepseek.messages.role',
    source: 'github.com/decolua/9router/issues/773',
    roles,
    refusal: (role, index) =>
      `Failed to deserialize the JSON body into the target type: messages[${index}].role: unknown variant \`${role}\`, expected one of ${roles.map((name) => `\`${name}\``).join(', ')}`,
  }),
  {
    id: 'deepseek.thinking.tool-call-reasoning',
    // The thinking-mode guide: "For turns that do perform tool calls, the reasoning_content must be fully passed back
    // to the API in all subsequent requests. If your code does not correctly pass back reasoning_content, the API will
    // return a 400 error" (quoted in github.com/anomalyco/opencode/issues/24722). The refusal as recorded in
    // github.com/AstrBotDevs/AstrBot/issues/4174 and github.com/anomalyco/opencode/issues/9397; an empty one is taken
    // (measured against the live API in github.com/theopenco/llmgateway/pull/2093).
    source: 'api-docs.deepseek.com/guides/thinking_mode#tool-calls; AstrBot#4174',
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages) || !thinking(body)) return undefined;
      const index = body.messages.findIndex(
        (message) => isRecord(message) && message.role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0 && typeof message.reasoning_content !== 'string',
      );
      return index === -1
        ? undefined
        : `Missing \`reasoning_content\` field in the assistant message at message index ${index}. For more information, please refer to https://api-docs.deepseek.com/guides/thinking_mode#tool-calls`;
    },
  },
  {
    id: 'deepseek.messages.text-parts-only',
    // A real 400 from deepseek-v4-pro and deepseek-v4-flash (github.com/rikkahub/rikkahub/issues/1433, 2026-07):
    // "Failed to deserialize the JSON body into the target type: messages[1]: unknown variant `image_url`, expected `text`
    // at line 1 column 679289"; deepseek-v4-pro (github.com/nesquena/hermes-webui/issues/2297) and deepseek-chat
    // (github.com/jxxghp/MoviePilot/issues/5863) alike. The position in the body is left out here.
    source: 'github.com/rikkahub/rikkahub/issues/1433; github.com/nesquena/hermes-webui/issues/2297',
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages) || typeof body.model !== 'string' || !textOnly.test(body.model)) return undefined;
      for (const [index, message] of body.messages.entries()) {
        if (!isRecord(message) || !Array.isArray(message.content)) continue;
        const part = message.content.find((candidate) => isRecord(candidate) && candidate.type !== 'text');
        if (isRecord(part)) return `Failed to deserialize the JSON body into the target type: messages[${index}]: unknown variant \`${String(part.type)}\`, expected \`text\``;
      }
      return undefined;
    },
  },
  {
    id: 'deepseek.messages.tool-content-string',
    // A tool message's content as an array of text parts: 400 "Failed to deserialize the JSON body into the target type:
    // messages[7]: invalid type: sequence, expected a string at line 1 column 22979" (deepseek-chat: github.com/QwenLM/qwen-code/issues/2318);
    // "DeepSeek rejects array content in `role: \"tool\"` messages" (github.com/Gitlawb/openclaude/pull/806, issue #774). The
    // position in the body is left out here.
    source: 'github.com/QwenLM/qwen-code/issues/2318; github.com/Gitlawb/openclaude/pull/806',
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
      const index = body.messages.findIndex((message) => isRecord(message) && message.role === 'tool' && Array.isArray(message.content));
      return index === -1 ? undefined : `Failed to deserialize the JSON body into the target type: messages[${index}]: invalid type: sequence, expected a string`;
    },
  },
  {
    id: 'deepseek.messages.system-content-string',
    // A system message's content as an array of text parts: "Failed to deserialize the JSON body into the target type:
    // messages[0].content: invalid type: sequence, expected a string at line 1 column 40"
    // (github.com/deepseek-ai/awesome-deepseek-integration/issues/23, 422 then); the same words with an OpenHands system prompt
    // of text parts (github.com/BerriAI/litellm/issues/6642). The position in the body is left out here.
    source: 'github.com/deepseek-ai/awesome-deepseek-integration/issues/23; github.com/BerriAI/litellm/issues/6642',
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
      const index = body.messages.findIndex((message) => isRecord(message) && message.role === 'system' && Array.isArray(message.content));
      return index === -1 ? undefined : `Failed to deserialize the JSON body into the target type: messages[${index}].content: invalid type: sequence, expected a string`;
    },
  },
  {
    id: 'deepseek.response_format.no-json-schema',
    // Response formats "text" and "json_object" only (api-docs.deepseek.com/api/create-chat-completion/); a json_schema
    // one is a real 400, {"error":{"message":"This response_format type is unavailable now","type":"invalid_request_error",
    // "param":null,"code":"invalid_request_error"}} (deepseek-v4-pro and deepseek-chat: github.com/llm-exe/llm-exe/issues/662;
    // deepseek-v4-flash: github.com/UKGovernmentBEIS/inspect_ai/issues/4916).
    source: 'github.com/llm-exe/llm-exe/issues/662; github.com/UKGovernmentBEIS/inspect_ai/issues/4916',
    check: ({ body }) => (isRecord(body) && isRecord(body.response_format) && body.response_format.type === 'json_schema' ? 'This response_format type is unavailable now' : undefined),
  },
  {
    id: 'deepseek.thinking.forced-tool-choice',
    // deepseek-v4-pro and deepseek-v4-flash, thinking by default, answer `tool_choice: "required"` or a named function with
    // 400 {"error":{"message":"Thinking mode does not support this tool_choice","type":"invalid_request_error"}}
    // (github.com/deepseek-ai/DeepSeek-V3/issues/1376, with `thinking: {"type": "enabled"}`: github.com/cloudwego/eino/issues/994);
    // with thinking disabled both are served (github.com/BerriAI/litellm/pull/37470).
    source: 'github.com/deepseek-ai/DeepSeek-V3/issues/1376; github.com/BerriAI/litellm/pull/37470',
    check: ({ body }) => (isRecord(body) && thinking(body) && forcesCall(body.tool_choice) ? 'Thinking mode does not support this tool_choice' : undefined),
  },
];

/**
 * JSON Output: "Include the word "json" in the system or user prompt" (api-docs.deepseek.com/guides/json_mode);
 * the refusal's words as a public project's notes record them (2025-01): "Prompt must contain the word 'json' in
 * some form to use 'response_format' of type 'json_object'".
 */
const jsonModeRule = jsonModeNeedsWordRule({
  id: 'deepseek.response_format.json_object-needs-json-word',
  source: 'api-docs.deepseek.com/guides/json_mode (Notice, 2)',
  message: "Prompt must contain the word 'json' in some form to use 'response_format' of type 'json_object'",
});

export const deepseekJudge: VendorJudge = {
  name: 'deepseek',
  // Chosen by name: every request sent to a DeepSeek test upstream is DeepSeek's.
  judges: () => true,
  rules: [...deepseekRules, jsonModeRule, ...messageRules, ...toolRules],
  errorBody: (_status, message) => ({ error: { message, type: 'invalid_request_error', param: null, code: 'invalid_request_error' } }),
};
