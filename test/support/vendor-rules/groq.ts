import { isRecord, type VendorJudge, type VendorRule } from './rule.js';
import { messageRules } from './openai-chat/messages.js';
import { parameterRules } from './openai-chat/parameters.js';
import { toolRules } from './openai-chat/tools.js';

/**
 * Groq (`POST https://api.groq.com/openai/v1/chat/completions`). Its path would be taken for Azure
 * OpenAI's `/openai/v1/…`, so this judge is chosen by name (TestUpstream's `vendor: 'groq'`).
 * "The following fields are currently not supported and will result in a 400 error (yikes) if they
 * are supplied: logprobs, logit_bias, top_logprobs, messages[].name" (https://console.groq.com/docs/openai).
 * Its wording, as recorded: "property 'store' is unsupported, did you mean 'stop'?" for a body field
 * (github.com/fanenr/chatbot/issues/21), "'messages.0' : for 'role:user' the following must be
 * satisfied[('messages.0' : property 'timestamp' is unsupported)]" for a message's
 * (github.com/ServiceStack/llms/issues/17), in `{"error":{"message":…,"type":"invalid_request_error"}}`.
 */

/**
 * And `prompt_cache_key`, refused as "property 'prompt_cache_key' is unsupported" (invalid_request_error;
 * github.com/eigent-ai/eigent/issues/1827, openai/gpt-oss-120b; llama-3.3-70b-versatile: github.com/sipeed/picoclaw/pull/1196).
 */
const refusedBodyFields = ['logprobs', 'logit_bias', 'top_logprobs', 'prompt_cache_key'];
const source = 'console.groq.com/docs/openai ("will result in a 400 error")';

/**
 * Output limits, where a refusal is recorded: Qwen 3 32B writes at most 40,960 tokens (console.groq.com/docs/model/qwen/qwen3-32b,
 * as github.com/BerriAI/litellm/pull/16564 quotes it), Kimi K2 Instruct 16,384 (github.com/anomalyco/opencode/issues/1000).
 */
const outputLimits: ReadonlyArray<[RegExp, number]> = [
  [/^qwen\/qwen3-32b$/, 40960],
  [/^moonshotai\/kimi-k2-instruct$/, 16384],
];

/** Groq's Llama 3 text models: no images, no JSON Schema (src/catalog/model-rules-compatible.ts). */
const llama3TextModels = /^(?:meta-llama\/)?llama-?3(?!.*vision)/;

const groqRules: VendorRule[] = [
  {
    id: 'groq.messages.image-on-text-model',
    // An image part for a model without vision: "message[0].content must be a string" (github.com/vercel/ai/issues/2837,
    // "any groq model" then; llama-3.1-8b-instant: github.com/Skyvern-AI/skyvern/pull/5636).
    source: 'github.com/vercel/ai/issues/2837; github.com/Skyvern-AI/skyvern/pull/5636',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string' || !llama3TextModels.test(body.model) || !Array.isArray(body.messages)) return undefined;
      const index = body.messages.findIndex((message) => isRecord(message) && Array.isArray(message.content) && message.content.some((part) => isRecord(part) && part.type !== 'text'));
      return index === -1 ? undefined : `message[${index}].content must be a string`;
    },
  },
  {
    id: 'groq.response_format.json-schema-by-model',
    // "400 This model does not support response format `json_schema`." from llama-3.3-70b-versatile
    // (github.com/plune-ai/cairn/pull/36); Structured Outputs are GPT-OSS's, Kimi K2's and Llama 4's
    // (console.groq.com/docs/structured-outputs, listed in github.com/anotherai-dev/anotherai/issues/164).
    source: 'github.com/plune-ai/cairn/pull/36; github.com/anotherai-dev/anotherai/issues/164',
    check: ({ body }) =>
      isRecord(body) && typeof body.model === 'string' && llama3TextModels.test(body.model) && isRecord(body.response_format) && body.response_format.type === 'json_schema'
        ? 'This model does not support response format `json_schema`.'
        : undefined,
  },
  {
    id: 'groq.model.output-limit',
    // "max_completion_tokens must be less than or equal to 40960, the maximum value for max_completion_tokens is less
    // than the context_window for this model" (Claude Code's request through a proxy, 2026:
    // github.com/Alishahryar1/free-claude-code/issues/955); the same words name `max_tokens` when that is what was sent
    // (github.com/anomalyco/opencode/issues/1000).
    source: 'github.com/Alishahryar1/free-claude-code/issues/955; github.com/anomalyco/opencode/issues/1000',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string') return undefined;
      const name = body['max_completion_tokens'] !== undefined ? 'max_completion_tokens' : 'max_tokens';
      const asked = body[name];
      const model = body.model;
      const limit = outputLimits.find(([models]) => models.test(model))?.[1];
      if (limit === undefined || typeof asked !== 'number' || asked <= limit) return undefined;
      return `${name} must be less than or equal to ${limit}, the maximum value for ${name} is less than the context_window for this model`;
    },
  },
  {
    id: 'groq.reasoning-effort.by-model',
    // Llama models refuse the field: "400 reasoning_effort is not supported with this model" (llama-4-scout,
    // github.com/brendanlong/lion-reader/pull/1325; llama-3.3-70b-versatile, github.com/diegosouzapw/OmniRoute/pull/3277).
    // gpt-oss "only accepts "low", "medium", or "high"" (github.com/DataTalksClub/llm-zoomcamp/issues/183); that
    // refusal's words are not recorded and follow Qwen's ("`reasoning_effort` must be one of `none` or `default`",
    // github.com/iamsrikanthnani/pluely/pull/219).
    source: 'github.com/brendanlong/lion-reader/pull/1325; github.com/DataTalksClub/llm-zoomcamp/issues/183',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string' || body['reasoning_effort'] === undefined) return undefined;
      if (/^(?:meta-llama\/)?llama-/.test(body.model)) return 'reasoning_effort is not supported with this model';
      const effort = body['reasoning_effort'];
      if (/^openai\/gpt-oss-/.test(body.model) && effort !== 'low' && effort !== 'medium' && effort !== 'high') return '`reasoning_effort` must be one of `low`, `medium`, or `high`';
      // Qwen 3: "none" or "default" (github.com/groq/groq-changelog/pull/8), refused otherwise in these words.
      if (/^qwen\/qwen3/.test(body.model) && effort !== null && effort !== 'none' && effort !== 'default') return '`reasoning_effort` must be one of `none` or `default`';
      return undefined;
    },
  },
  {
    id: 'groq.body.unsupported',
    source,
    check: ({ body }) => {
      const field = isRecord(body) ? refusedBodyFields.find((name) => body[name] !== undefined) : undefined;
      return field === undefined ? undefined : `property '${field}' is unsupported`;
    },
  },
  {
    id: 'groq.n.at-most-1',
    // "N: If N is supplied, it must be equal to 1" (console.groq.com/docs/openai); refused as
    // "'n' : number must be at most 1" (recorded by evaluation projects whose judge runs on Groq, 2026).
    source: 'console.groq.com/docs/openai (N must be 1)',
    check: ({ body }) => (isRecord(body) && typeof body.n === 'number' && body.n > 1 ? "'n' : number must be at most 1" : undefined),
  },
  {
    id: 'groq.messages.tool-content-string',
    // A tool message's content as an array of parts: "'messages.2' : for 'role:tool' the following must be
    // satisfied[('messages.2.content' : value must be a string)]" (github.com/CherryHQ/cherry-studio/issues/3307, 400).
    source: 'github.com/CherryHQ/cherry-studio/issues/3307',
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
      const index = body.messages.findIndex((message) => isRecord(message) && message.role === 'tool' && Array.isArray(message.content));
      return index === -1 ? undefined : `'messages.${index}' : for 'role:tool' the following must be satisfied[('messages.${index}.content' : value must be a string)]`;
    },
  },
  {
    id: 'groq.messages.system-content-string',
    // A system message's content as an array of parts: "'messages.0' : for 'role:system' the following must be
    // satisfied[('messages.0.content' : value must be a string)]" (github.com/OpenHands/OpenHands/issues/4643, 2024;
    // github.com/i-am-bee/beeai-framework/issues/752, 2025; github.com/livekit/agents/issues/1790), 400 invalid_request_error.
    source: 'github.com/OpenHands/OpenHands/issues/4643; github.com/i-am-bee/beeai-framework/issues/752',
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
      const index = body.messages.findIndex((message) => isRecord(message) && message.role === 'system' && Array.isArray(message.content));
      return index === -1 ? undefined : `'messages.${index}' : for 'role:system' the following must be satisfied[('messages.${index}.content' : value must be a string)]`;
    },
  },
  {
    id: 'groq.messages.name',
    source,
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
      const index = body.messages.findIndex((message) => isRecord(message) && message.name !== undefined);
      if (index === -1) return undefined;
      const role = String((body.messages[index] as { role?: unknown }).role);
      return `'messages.${index}' : for 'role:${role}' the following must be satisfied[('messages.${index}' : property 'name' is unsupported)]`;
    },
  },
];

export const groqJudge: VendorJudge = {
  name: 'groq',
  // Chosen by name: every request sent to a Groq test upstream is Groq's.
  judges: () => true,
  rules: [...groqRules, ...parameterRules, ...messageRules, ...toolRules],
  errorBody: (_status, message) => ({ error: { message, type: 'invalid_request_error' } }),
};
