import type { OpenaiChatQuirks } from '../dialects/openai-chat/index.js';
import { mistralDeclaredFields } from './mistral-declared-fields.js';

/**
 * How a provider authenticates: a bearer key, Zhipu's key-or-JWT scheme (see zhipu-auth.ts), or
 * Microsoft Entra ID tokens (Azure OpenAI, see azure-tokens.ts).
 */
export type ProviderAuth = 'bearer' | 'zhipu' | 'entra';

/**
 * A named vendor over an existing dialect: its base URL (as its own OpenAI-compatible docs give
 * it) and the quirk switches that make the shared codec fit it. Users may declare more under
 * `presets:` in the configuration.
 */
export interface ProviderPreset {
  dialect: 'openai-chat';
  /** `{region}` in it is the provider's `region:`, or `defaultRegion` without one. */
  baseUrl: string;
  quirks: Partial<OpenaiChatQuirks>;
  auth: ProviderAuth;
  /** For a vendor whose host names an AWS region: the preset takes `region:`, and this is its default. */
  defaultRegion?: string;
}

/** Most compatible servers predate `max_completion_tokens` and only read `max_tokens`. */
const legacyMaxTokens = { maxTokensField: 'max_tokens' } as const;

export const builtInPresets: Record<string, ProviderPreset> = {
  /**
   * Zhipu GLM v4 (https://open.bigmodel.cn/dev/api): takes the API key as a bearer token or a
   * JWT made from an `id.secret` key; tool_choice takes only "auto"; no stream_options;
   * "preserved thinking" reads `reasoning_content` back from the history
   * (recorded in fixtures/zhipu-glm/pa-preserved-thinking-round-trip.i1.request.json).
   */
  zhipu: {
    dialect: 'openai-chat',
    baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    quirks: {
      ...legacyMaxTokens,
      streamOptions: false,
      toolChoice: 'auto-only',
      reasoningContentInHistory: true,
      reasoningSwitch: 'zhipu-thinking',
      // "Currently, only one stop word is supported"; temperature in [0.0, 1.0]; response formats text and
      // json_object only (https://docs.z.ai/api-reference/llm/chat-completion).
      maxStopSequences: 1,
      temperatureMax: 1,
      jsonSchema: false,
      developerRole: false,
    },
    auth: 'zhipu',
  },
  /**
   * DeepSeek (https://api-docs.deepseek.com): in thinking mode, `reasoning_content` of turns that
   * called tools must be passed back, or the API answers 400, so every such turn carries it; its
   * roles are system, user, assistant and tool (and its own latest_reminder), not developer. Its V4
   * models think unless told not to, by the `thinking` switch (quirks.ts). Its response formats are
   * `text` and `json_object` (https://api-docs.deepseek.com/api/create-chat-completion/); `json_schema`
   * is refused, "This response_format type is unavailable now" (deepseek-v4-flash:
   * https://github.com/UKGovernmentBEIS/inspect_ai/issues/4916; deepseek-v4-pro and deepseek-chat:
   * https://github.com/llm-exe/llm-exe/issues/662), so a schema is asked for in the system prompt with JSON mode on.
   */
  deepseek: {
    dialect: 'openai-chat',
    baseUrl: 'https://api.deepseek.com',
    // A tool result or a system prompt of several text parts goes as one string, as DeepSeek refuses an array there (quirks.ts).
    // One choice only: n above 1 is refused, "Invalid n value (currently only n = 1 is supported)" (HTTP 400 from
    // deepseek-chat, https://github.com/vibrantlabsai/ragas/issues/1072; https://github.com/deepseek-ai/DeepSeek-V3/issues/291).
    quirks: {
      ...legacyMaxTokens,
      reasoningContentInHistory: true,
      reasoningOnToolCalls: '',
      developerRole: false,
      reasoningSwitch: 'deepseek-thinking',
      jsonSchema: false,
      toolContentAsString: true,
      systemContentAsString: true,
      maxCandidates: 1,
    },
    auth: 'bearer',
  },
  /** Qwen through DashScope's compatible mode (https://help.aliyun.com/zh/model-studio/compatibility-of-openai-with-dashscope). */
  qwen: {
    dialect: 'openai-chat',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    // Thinking only in streams: a whole answer is asked for as a stream (quirks.ts, completeAsStream).
    // No `developer` role: "developer is not one of ['system', 'assistant', 'user', 'tool', 'function'] -
    // 'messages.[0].role'" (HTTP 400, measured against DashScope in https://github.com/proma-ai/Proma/issues/1496).
    // Temperature in [0, 2), 2 itself refused: "InternalError.Algo.InvalidParameter: Temperature should be in [0.0, 2.0)",
    // while 1.99 is served (probed live in https://github.com/mnfst/modelparams.dev/pull/232; "The range is [0, 2)",
    // https://www.alibabacloud.com/help/en/open-search/search-platform/developer-reference/openai-api-details).
    quirks: { ...legacyMaxTokens, reasoningSwitch: 'qwen-enable-thinking', completeAsStream: true, developerRole: false, temperatureMax: 1.99 },
    auth: 'bearer',
  },
  /** Moonshot Kimi (https://platform.moonshot.cn/docs): thinking models want reasoning_content back on tool-call turns. */
  moonshot: {
    dialect: 'openai-chat',
    baseUrl: 'https://api.moonshot.cn/v1',
    // Kimi K2.5/K2.6 take an empty reasoning_content as missing; a single space as given, and stop
    // thinking by `thinking: {"type": "disabled"}` (quirks.ts). An assistant message with no content
    // and no tool calls is refused, "Invalid request: the message at position 8 with role 'assistant'
    // must not be empty" (https://github.com/AstrBotDevs/AstrBot/issues/7200, kimi-k2.5;
    // https://github.com/labring/FastGPT/issues/3575), so such a turn (one that only thought, whatever
    // its reasoning_content) is left out (turn-fit.ts). No `developer` role: "The role can only be one of
    // system, user, assistant" (Moonshot's docs, quoted in https://github.com/openclaw/openclaw/pull/6266);
    // kimi-k2.5 answers 400 "invalid request: unsupported role ROLE_UNSPECIFIED" (https://github.com/openclaw/openclaw/pull/14187).
    quirks: { ...legacyMaxTokens, reasoningContentInHistory: true, reasoningOnToolCalls: ' ', reasoningSwitch: 'moonshot-thinking', refusesEmpty: 'assistant', developerRole: false },
    auth: 'bearer',
  },
  /**
   * OpenRouter (https://openrouter.ai/docs/api-reference/overview). Takes `cache_control` on content
   * parts and passes it on ("block-level markers also work on OpenAI models that support explicit
   * prompt caching — OpenRouter converts them to the provider's native format",
   * https://openrouter.ai/docs/client-sdks/typescript/models/anthropiccachecontroldirective.md).
   */
  openrouter: { dialect: 'openai-chat', baseUrl: 'https://openrouter.ai/api/v1', quirks: { ...legacyMaxTokens, cacheBreakpoints: 'cache-control' }, auth: 'bearer' },
  /**
   * Mistral (https://docs.mistral.ai/api, chat at https://api.mistral.ai/v1/chat/completions as
   * recorded in fixtures/mistral/pa-chat-penalties.request.json). Its parameters include
   * `max_tokens` and `random_seed` but no `seed` or `max_completion_tokens` ("max_tokens: integer …
   * random_seed: integer, default null", quoted from docs.mistral.ai/api#operation/createChatCompletion in
   * https://github.com/simonw/llm-mistral/issues/2). Usage comes on the finish chunk without asking
   * (fixtures/mistral/stream-live-p-padding-usage.data.ndjson), so no `stream_options` is sent.
   * Its tool_choice values are auto, none, any and required (the API's ToolChoiceEnum, mirrored in
   * https://github.com/board3r/mistral-sdk/blob/main/src/Enums/ToolChoiceEnum.php), so OpenAI's
   * `required` goes through. Magistral's thinking arrives as typed content chunks, which the
   * openai-chat codec reads (dialects/openai-chat/content-chunks.ts). It refuses fields it does not
   * declare, so a caller's others (OpenAI's `user`, `store`, a message's `name`) are left out, and
   * takes tool call ids of nine letters and digits only, so another vendor's ids are rewritten. A
   * prefill goes as an assistant message marked `prefix`, whose text its answer repeats and loses.
   * It refuses a user message right after tool results ("Unexpected role 'user' after role 'tool'"),
   * so a short assistant message goes between them, and an assistant message with neither text nor
   * tool calls, which is left out, and a system message after an assistant one, so system messages
   * go first, and refuses a top_p other than 1 at temperature 0 (quirks.ts, with the recorded errors).
   */
  mistral: {
    dialect: 'openai-chat',
    baseUrl: 'https://api.mistral.ai/v1',
    quirks: {
      ...legacyMaxTokens,
      seedField: 'random_seed',
      streamOptions: false,
      declaredFields: mistralDeclaredFields,
      developerRole: false,
      toolCallIdLength: 9,
      assistantPrefix: true,
      assistantAfterToolResults: true,
      refusesEmpty: 'assistant',
      systemFirst: true,
      // Temperature up to 1.5: 1.51 and 2 are refused with 422 `less_than_equal` `{le: 1.5}` (probed live on six
      // models in https://github.com/mnfst/modelparams.dev/pull/234).
      temperatureMax: 1.5,
      topPOneWhenGreedy: true,
    },
    auth: 'bearer',
  },
  /**
   * Cohere's Compatibility API ("configure it with the compatibility API base URL and your Cohere
   * API key": `base_url="https://api.cohere.ai/compatibility/v1"`, https://docs.cohere.com/docs/compatibility-api).
   * It answers in OpenAI's format, not Cohere v2's (no `tool_plan`, upper-case finish reasons or
   * `content-delta` events; those belong to https://api.cohere.com/v2/chat). No quirks: which
   * OpenAI fields it leaves out is not stated in the pages found, so none are assumed.
   */
  cohere: { dialect: 'openai-chat', baseUrl: 'https://api.cohere.ai/compatibility/v1', quirks: {}, auth: 'bearer' },
  /**
   * Amazon Bedrock's OpenAI Chat Completions endpoint, `https://bedrock-runtime.{region}.amazonaws.com/openai/v1`
   * (the "bedrock-runtime … Base URL" of https://docs.aws.amazon.com/bedrock/latest/userguide/inference-responses-api.html;
   * "base_url — Prefix the Bedrock Runtime endpoint to /openai/v1", inference-chat-completions.html)
   * ("You can use the Create chat completion API with all OpenAI models supported in Amazon Bedrock
   * and in the AWS Regions that support these models … authenticate with either your AWS
   * credentials or with an Amazon Bedrock API key",
   * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-chat-completions.html). The
   * models are gpt-oss-20b and gpt-oss-120b (`openai.gpt-oss-20b-1:0`, `openai.gpt-oss-120b-1:0`,
   * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-openai.html), whose
   * request body is OpenAI's, so no quirks. The key goes as a bearer token; API keys work in
   * us-west-2 among others (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-supported.html),
   * the region used when the provider names none (`region:`, as for `dialect: bedrock`; `baseUrl` overrides both).
   */
  'bedrock-openai': { dialect: 'openai-chat', baseUrl: 'https://bedrock-runtime.{region}.amazonaws.com/openai/v1', quirks: {}, auth: 'bearer', defaultRegion: 'us-west-2' },
  /**
   * Groq refuses some of OpenAI's fields with a 400, and more than one answer (https://console.groq.com/docs/openai): they
   * are left out. So is `prompt_cache_key`, which Codex sends with every request and Groq refuses, "property
   * 'prompt_cache_key' is unsupported" (invalid_request_error; https://github.com/eigent-ai/eigent/issues/1827,
   * https://github.com/sipeed/picoclaw/pull/1196). A tool result or a system prompt of several text parts goes as one string (quirks.ts).
   */
  groq: {
    dialect: 'openai-chat',
    baseUrl: 'https://api.groq.com/openai/v1',
    quirks: { refusedFields: { body: ['logprobs', 'logit_bias', 'top_logprobs', 'prompt_cache_key'], messages: ['name'] }, maxCandidates: 1, toolContentAsString: true, systemContentAsString: true },
    auth: 'bearer',
  },
  /**
   * xAI (https://api.x.ai/v1) refuses a message without content and one whose content is empty: a
   * tool-call turn goes with `""`, an empty tool result says that it was empty, and any other empty
   * message (an assistant turn that only reasoned) is left out (quirks.ts, with the recorded errors).
   */
  xai: {
    dialect: 'openai-chat',
    baseUrl: 'https://api.x.ai/v1',
    quirks: { contentOnToolCalls: '', refusesEmpty: 'all' },
    auth: 'bearer',
  },
  /** Local servers, at their default ports. */
  vllm: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:8000/v1', quirks: { ...legacyMaxTokens }, auth: 'bearer' },
  llamacpp: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:8080/v1', quirks: { ...legacyMaxTokens }, auth: 'bearer' },
  lmstudio: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:1234/v1', quirks: { ...legacyMaxTokens }, auth: 'bearer' },
  tgi: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:8080/v1', quirks: { ...legacyMaxTokens }, auth: 'bearer' },
};
