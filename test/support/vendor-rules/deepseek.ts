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

const deepseekRules: VendorRule[] = [
  {
    id: 'deepseek.messages.role',
    // A real 400 (github.com/decolua/9router/issues/773): "Failed to deserialize the JSON body into the target
    // type: messages[1].role: unknown variant `developer`, expected one of `system`, `user`, `assistant`, `tool`,
    // `latest_reminder` at line 1 column 51036" (the position in the body is left out here).
    source: 'github.com/decolua/9router/issues/773',
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
      const index = body.messages.findIndex((message) => isRecord(message) && typeof message.role === 'string' && !roles.includes(message.role));
      if (index === -1) return undefined;
      const role = (body.messages[index] as { role: string }).role;
      return `Failed to deserialize the JSON body into the target type: messages[${index}].role: unknown variant \`${role}\`, expected one of ${roles.map((name) => `\`${name}\``).join(', ')}`;
    },
  },
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
