import { isRecord } from '../rule.js';
import type { OpenAIRule } from '../openai-family/openai-rule.js';
import { rangeRules } from '../openai-family/numeric-range.js';
import { strictSchemaViolation } from '../openai-family/strict-schema.js';
import { promptCacheKeyRule } from '../openai-family/prompt-cache-key.js';

/** Chat Completions rules on sampling and output parameters that hold for every model. */

const chatCreate = 'platform.openai.com/docs/api-reference/chat/create';
const maxStopSequences = 4;
const jsonSchemaNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;

export const parameterRules: OpenAIRule[] = [
  promptCacheKeyRule('openai-chat'),
  {
    id: 'openai-chat.model.required',
    // A real 400 (github.com/lss233/kirara-ai/issues/800): {"message":"you must provide a model parameter",
    // "type":"invalid_request_error","param":null,"code":null}.
    source: `${chatCreate} (model: required); github.com/lss233/kirara-ai/issues/800`,
    check: ({ body }) => (isRecord(body) && typeof body.model !== 'string' ? 'you must provide a model parameter' : undefined),
  },
  ...rangeRules('openai-chat', 'temperature', { min: 0, max: 2 }, `${chatCreate}: temperature "between 0 and 2"`),
  ...rangeRules('openai-chat', 'top_p', { min: 0, max: 1 }, `${chatCreate}: top_p, "0.1 means only the tokens comprising the top 10% probability mass"; range 0..1 in the OpenAPI spec`),
  ...rangeRules('openai-chat', 'frequency_penalty', { min: -2, max: 2 }, `${chatCreate}: frequency_penalty "Number between -2.0 and 2.0"`),
  ...rangeRules('openai-chat', 'presence_penalty', { min: -2, max: 2 }, `${chatCreate}: presence_penalty "Number between -2.0 and 2.0"`),
  ...rangeRules('openai-chat', 'n', { min: 1, max: 128, integer: true }, `${chatCreate}: n "How many chat completion choices to generate"; minimum 1, maximum 128 in the OpenAPI spec`),
  ...rangeRules('openai-chat', 'top_logprobs', { min: 0, max: 20, integer: true }, `${chatCreate}: top_logprobs "An integer between 0 and 20"`),
  {
    id: 'openai-chat.metadata.requires-store',
    // Not in the API reference, but OpenAI's 400 as recorded by its callers (github.com/QwenLM/qwen-code/issues/243,
    // github.com/looplj/axonhub/issues/1380, github.com/spiceai/spiceai/pull/5231 citing community.openai.com thread 1119240).
    source: 'github.com/QwenLM/qwen-code/issues/243; github.com/spiceai/spiceai/pull/5231',
    param: 'metadata',
    check: ({ body }) =>
      isRecord(body) && body.metadata != null && body.store !== true ? "The 'metadata' parameter is only allowed when 'store' is enabled." : undefined,
  },
  {
    id: 'openai-chat.top_logprobs.requires-logprobs',
    // platform.openai.com/docs/api-reference/chat/create, top_logprobs: "logprobs must be set to true if
    // this parameter is used."
    source: `${chatCreate} (top_logprobs: "logprobs must be set to true if this parameter is used")`,
    param: 'top_logprobs',
    check: ({ body }) =>
      isRecord(body) && typeof body.top_logprobs === 'number' && body.logprobs !== true
        ? "Invalid value for 'top_logprobs': 'logprobs' must be set to true if 'top_logprobs' is used."
        : undefined,
  },
  {
    id: 'openai-chat.stop.max-count',
    // A real 400 (github.com/continuedev/continue/issues/1572, param stop, code array_above_max_length):
    // "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length 14 instead."
    source: 'github.com/continuedev/continue/issues/1572; chat/create stop "Up to 4 sequences"',
    param: 'stop',
    code: 'array_above_max_length',
    check: ({ body }) =>
      isRecord(body) && Array.isArray(body.stop) && body.stop.length > maxStopSequences
        ? `Invalid 'stop': array too long. Expected an array with maximum length ${maxStopSequences}, but got an array with length ${body.stop.length} instead.`
        : undefined,
  },
  {
    id: 'openai-chat.stream_options.requires-stream',
    // A real 400 (github.com/BerriAI/litellm/issues/5803, param stream_options): "The 'stream_options'
    // parameter is only allowed when 'stream' is enabled."
    source: 'github.com/BerriAI/litellm/issues/5803 (stream_options only with stream)',
    param: 'stream_options',
    check: ({ body }) =>
      isRecord(body) && body.stream_options !== undefined && body.stream_options !== null && body.stream !== true
        ? "The 'stream_options' parameter is only allowed when 'stream' is enabled."
        : undefined,
  },
  {
    id: 'openai-chat.max_tokens.not-with-max_completion_tokens',
    // A real 400 (github.com/langchain-ai/langgraph/issues/5943, param max_tokens, code
    // invalid_parameter_combination): "Setting 'max_tokens' and 'max_completion_tokens' at the same time is not supported."
    source: 'github.com/langchain-ai/langgraph/issues/5943 (max_tokens with max_completion_tokens)',
    param: 'max_tokens',
    code: 'invalid_parameter_combination',
    check: ({ body }) =>
      isRecord(body) && body.max_tokens !== undefined && body.max_tokens !== null && body.max_completion_tokens !== undefined && body.max_completion_tokens !== null
        ? "Setting 'max_tokens' and 'max_completion_tokens' at the same time is not supported."
        : undefined,
  },
  {
    id: 'openai-chat.response_format.json_schema-name',
    // openai-node resources/shared ResponseFormatJSONSchema.JSONSchema: "name: string" (required), "Must be
    // a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64." Wording as the
    // Responses API's real 400 "Missing required parameter: 'text.format.name'." (openai/openai-node#1404).
    source: 'openai-node shared.d.ts ResponseFormatJSONSchema (json_schema.name required, pattern, max 64)',
    param: 'response_format',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.response_format) || body.response_format.type !== 'json_schema') return undefined;
      const jsonSchema = body.response_format.json_schema;
      if (!isRecord(jsonSchema)) return "Missing required parameter: 'response_format.json_schema'.";
      if (typeof jsonSchema.name !== 'string') return "Missing required parameter: 'response_format.json_schema.name'.";
      return jsonSchemaNamePattern.test(jsonSchema.name)
        ? undefined
        : "Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.";
    },
  },
  {
    id: 'openai-chat.response_format.strict-schema',
    // platform.openai.com/docs/guides/structured-outputs#supported-schemas; wording in openai-family/strict-schema.ts.
    source: 'platform.openai.com/docs/guides/structured-outputs (strict json_schema subset)',
    param: 'response_format',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.response_format) || !isRecord(body.response_format.json_schema)) return undefined;
      const jsonSchema = body.response_format.json_schema;
      return jsonSchema.strict === true ? strictSchemaViolation(jsonSchema.schema, `response_format '${String(jsonSchema.name)}'`) : undefined;
    },
  },
];
