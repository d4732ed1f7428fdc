/**
 * Switches for OpenAI-compatible upstreams that differ from OpenAI itself. A provider (DeepSeek,
 * Zhipu, vLLM, …) is configuration plus these hooks over this one dialect, not a copy of it.
 * The defaults are what api.openai.com accepts.
 */
export interface OpenaiChatQuirks {
  /**
   * Send reasoning parts of the assistant history back as `reasoning_content`. OpenAI rejects
   * unknown message fields, so by default they are dropped (with a warning); DeepSeek (thinking
   * with tools) and Zhipu ("preserved thinking") expect them echoed back.
   */
  reasoningContentInHistory: boolean;
  /**
   * Whether the upstream returns the model's reasoning as text (`reasoning_content`, `reasoning`).
   * api.openai.com does not: its Chat Completions message has content, refusal, annotations, audio
   * and tool calls only (`ChatCompletionMessage` in node_modules/openai/resources/chat/completions/completions.d.ts);
   * reasoning summaries come through the Responses API (`reasoning.summary`,
   * https://platform.openai.com/docs/guides/reasoning#reasoning-summaries; "The API also enables access
   * to reasoning summaries", https://cookbook.openai.com/examples/responses_api/reasoning_items).
   * The compatible servers that reason (DeepSeek, Zhipu, Moonshot, Qwen, OpenRouter, Groq, vLLM)
   * return it, so a dialect made with quirks takes it unless told otherwise (index.ts).
   */
  reasoningText: boolean;
  /**
   * What `reasoning_content` a tool-call turn without reasoning to echo carries, where the upstream
   * requires the field on every tool-call turn in thinking mode; unset, none. DeepSeek: "For turns
   * that do perform tool calls, the reasoning_content must be fully passed back to the API in all
   * subsequent requests. If your code does not correctly pass back reasoning_content, the API will
   * return a 400 error" (its thinking-mode guide as quoted in https://github.com/anomalyco/opencode/issues/24722),
   * and it takes an empty one; Moonshot's Kimi K2.5 and K2.6 refuse the same way ("thinking is
   * enabled but reasoning_content is missing in assistant tool call message at index N") and take an
   * empty one as missing, a single space as given. Both measured against the live APIs in
   * https://github.com/theopenco/llmgateway/pull/2093. A history written by another model has no
   * reasoning to give.
   */
  reasoningOnToolCalls?: string;
  /**
   * Whether the upstream knows OpenAI's `developer` role; where it does not, a caller's `developer`
   * message goes as `system`, its older name. DeepSeek refuses it ("messages[1].role: unknown variant
   * `developer`, expected one of `system`, `user`, `assistant`, `tool`, `latest_reminder`",
   * https://github.com/decolua/9router/issues/773); Zhipu and Mistral document only system, user,
   * assistant and tool messages (https://docs.z.ai/api-reference/llm/chat-completion; Mistral's SDK
   * message types, src/models/components/ in https://github.com/mistralai/client-ts).
   */
  developerRole: boolean;
  /**
   * Which field carries the output limit. OpenAI deprecated `max_tokens` and reasoning models
   * reject it (fixtures/openai-chat/error-400-unsupported-parameter.json); some compatible
   * servers only know `max_tokens`.
   */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /**
   * Whether the upstream takes `stream_options` (to ask for usage in streams). Zhipu's v4 API
   * has no such field and always reports usage in its last chunk.
   */
  streamOptions: boolean;
  /**
   * Whether the upstream takes `parallel_tool_calls`; where it does not, a caller's setting is left
   * out with a warning, and the model calls tools as it does by default.
   */
  parallelToolCalls: boolean;
  /**
   * Which `tool_choice` values the upstream takes: all of OpenAI's, or only `auto` (Zhipu:
   * "tool_choice: only auto is supported"). Others are then left out with a warning.
   */
  toolChoice: 'all' | 'auto-only';
  /**
   * Whether the upstream takes OpenAI's `tool_choice: {type: "allowed_tools"}` (openai-family/allowed-tools.ts).
   * OpenAI's own API does; a compatible service documents only `auto`, `none`, `required` and a named
   * function at most (DeepSeek, Groq, Mistral, vLLM), so every preset starts without it (config/load.ts)
   * and the restriction goes by declaring only the allowed tools, with a warning (core/allowed-tools.ts).
   */
  allowedToolsChoice: boolean;
  /**
   * How the upstream switches thinking, instead of `reasoning_effort`: Zhipu GLM's
   * `thinking: {type: "enabled" | "disabled"}` (https://docs.bigmodel.cn/cn/guide/capabilities/thinking-mode)
   * or Qwen's `enable_thinking` with an optional `thinking_budget` (DashScope compatible mode), or
   * DeepSeek's `thinking` switch beside `reasoning_effort`: its V4 models think unless sent
   * `thinking: {"type": "disabled"}`, and map every effort word onto their own (minimal and low to
   * low, medium to xhigh to high, max and ultra to max: https://api-docs.deepseek.com/guides/thinking_mode).
   * `moonshot-thinking`: Kimi reasons by `reasoning_effort`, as OpenAI, and stops by `thinking: {"type":
   * "disabled"}` on the models the catalog knows to take it (K2.5 and K2.6, which think by default:
   * https://github.com/anomalyco/models.dev/pull/2294), never with both ("cannot specify both 'thinking'
   * and 'reasoning_effort'", https://github.com/HKUDS/nanobot/issues/3939).
   */
  reasoningSwitch: 'effort' | 'zhipu-thinking' | 'qwen-enable-thinking' | 'deepseek-thinking' | 'moonshot-thinking';
  /**
   * Whether the upstream knows `reasoning_effort`; where it does not, the field is left out with a
   * warning, and a reasoning model reasons at its default effort. Azure OpenAI's api-versions before
   * 2024-12-01-preview answer "Unknown parameter: 'reasoning_effort'." (azure-api-versions.ts).
   */
  reasoningEffort: boolean;
  /**
   * How many stop sequences the upstream takes. OpenAI refuses more than 4 ("Invalid 'stop': array
   * too long. Expected an array with maximum length 4, but got an array with length 14 instead.",
   * https://github.com/continuedev/continue/issues/1572); Anthropic and Gemini callers may send more,
   * so the rest are left out with a warning.
   */
  maxStopSequences: number;
  /**
   * How cache breakpoints reach the upstream. `automatic`: not written, since OpenAI caches long
   * prefixes itself ("By default, OpenAI automatically chooses one implicit cache breakpoint",
   * `prompt_cache_options` in node_modules/openai/resources/chat/completions/completions.d.ts) and
   * may refuse fields it does not know (as with `reasoning_content` above);
   * a Chat caller's own `cache_control` or `prompt_cache_breakpoint` still comes back from vendor
   * data. `cache-control`: written as `cache_control` on content parts, which OpenRouter and the
   * LiteLLM proxy pass on to Anthropic and Gemini models (core/cache-control.ts).
   */
  cacheBreakpoints: 'automatic' | 'cache-control';
  /**
   * Which field carries the sampling seed. Mistral's chat completions call it `random_seed`
   * ("random_seed: integer, default null", the API's parameters as quoted from
   * https://docs.mistral.ai/api#operation/createChatCompletion in
   * https://github.com/simonw/llm-mistral/issues/2).
   */
  seedField: 'seed' | 'random_seed';
  /**
   * The highest temperature the upstream takes; a higher one is sent as this, with a warning.
   * OpenAI's range is 0 to 2 (https://platform.openai.com/docs/api-reference/chat/create,
   * temperature "between 0 and 2"); Zhipu's is [0.0, 1.0] (https://docs.z.ai/api-reference/llm/chat-completion),
   * and it refuses more ("temperature参数非法。请检查文档。", code 1214:
   * https://github.com/songquanpeng/one-api/issues/1141).
   */
  temperatureMax: number;
  /**
   * Whether the upstream takes `response_format: {type: "json_schema"}`. Zhipu takes only `text`
   * and `json_object` ("Supports two formats", https://docs.z.ai/api-reference/llm/chat-completion):
   * there the schema is asked for in the system prompt and JSON mode is on.
   */
  jsonSchema: boolean;
  /**
   * The only fields the upstream takes, for one that refuses any other (Mistral): the rest are left
   * out with a warning (declared-fields.ts). Unset: every field goes, as OpenAI ignores none it knows.
   */
  declaredFields?: DeclaredFields;
  /**
   * Fields the upstream refuses by name, at the top and in any message: they are left out with a
   * warning (declared-fields.ts). Groq: "The following fields are currently not supported and will
   * result in a 400 error (yikes) if they are supplied: logprobs, logit_bias, top_logprobs,
   * messages[].name" (https://console.groq.com/docs/openai).
   */
  refusedFields?: RefusedFields;
  /**
   * How many alternative answers (`n`) the upstream gives; more are asked as this many, with a
   * warning. Unset: any. Groq: "N: If N is supplied, it must be equal to 1"
   * (https://console.groq.com/docs/openai), refused as "'n' : number must be at most 1".
   */
  maxCandidates?: number;
  /**
   * Tool call ids the upstream takes only as exactly this many letters and digits; any other id of
   * the history goes as that many hex digits of its digest, alike in the call and its result.
   * Mistral: "Tool call id was call_0fypS1hVX but must be a-z, A-Z, 0-9, with a length of 9."
   * (https://github.com/karthink/gptel/issues/1203, https://github.com/nearai/ironclaw/issues/1241).
   */
  toolCallIdLength?: number;
  /**
   * The longest tool description the upstream takes; a longer one keeps its beginning and is given
   * whole in the system prompt (core/tool-description-fit.ts). Unset: any length. OpenAI and Azure
   * OpenAI refuse more than 1024 characters ("Invalid 'tools[13].function.description': string too
   * long. Expected a string with maximum length 1024, …", https://github.com/getsentry/sentry-mcp/issues/106).
   */
  toolDescriptionLength?: number;
  /**
   * The most tools the upstream takes; past it the first go, with a warning naming the rest
   * (core/tool-count-fit.ts). Unset: any number. OpenAI: "Invalid 'tools': array too long. Expected
   * an array with maximum length 128, …" (https://github.com/vishalmysore/Tools4AI/issues/16).
   */
  maxTools?: number;
  /**
   * Whether a conversation that ends with an assistant message of text (a prefill) marks it
   * `prefix: true`, for an upstream that refuses it otherwise. Mistral: "Expected last role User or
   * Tool (or Assistant with prefix True) for serving but got assistant" (recorded in
   * https://github.com/huggingface/smolagents/issues/757). Its answer then begins with the prefill
   * again, which is taken off (core/echoed-prefix.ts).
   */
  assistantPrefix?: boolean;
  /**
   * Ask for a whole answer as a stream and fold it. DashScope (Qwen) thinks only in streamed calls:
   * "parameter.enable_thinking must be set to false for non-streaming calls" (HTTP 400,
   * https://github.com/langchain4j/langchain4j/issues/3974), and its open-source Qwen3 models think
   * unless told not to ("Qwen3 商业版模型默认值为 False，Qwen3 开源版模型默认值为 True", its API reference as
   * quoted in https://github.com/cloudwego/eino-ext/issues/375); streamed, thinking works whether asked or by default.
   */
  completeAsStream: boolean;
  /**
   * A stream finishes at `[DONE]` (or its end) rather than at the usage chunk: Azure's asynchronous
   * content filter annotates the answer after its finish chunk
   * (https://learn.microsoft.com/azure/foundry/openai/concepts/content-streaming, its sample
   * streams), so anything it sends before `[DONE]` is still read (azure-filter-chunks.ts).
   */
  finishAtDone?: boolean;
  /**
   * What `content` an assistant turn of tool calls and no text carries: OpenAI's `null` when unset,
   * else this. xAI refuses null: "Invalid request content: Each message must have at least one
   * content element." (grok-4-1-fast-reasoning, https://github.com/langchain-ai/langchain/issues/34140,
   * where `""` is the reported fix), so it gets `""`.
   */
  contentOnToolCalls?: string;
  /**
   * Which messages with nothing in them (content `""`, and no tool calls) the upstream refuses; none
   * when unset. They are mended with a warning (turn-fit.ts): an empty turn is left out (an assistant
   * turn that only reasoned, where the reasoning is not sent back, becomes one), an empty tool result,
   * which must answer its call, says that it was empty.
   * `assistant`: Mistral, "Assistant message must have either content or tool_calls, but not none."
   * (https://github.com/solbrowse/extension/issues/16), for `content: ""` too
   * (https://github.com/zed-industries/zed/pull/47579; mistral-common's validator tests
   * `bool(message.content)`, src/mistral_common/protocol/instruct/validator.py).
   * `all`: xAI, "An empty message was provided. Every message needs at least one non-empty content
   * element." (https://github.com/langbot-app/LangBot/issues/1205, grok-2); an empty system prompt
   * too (Cherry Studio's FAQ as cited in https://github.com/CherryHQ/cherry-studio/issues/4866).
   */
  refusesEmpty?: 'assistant' | 'all';
  /**
   * Put an assistant message between tool results and a user (or system) message right after them,
   * with a warning (turn-fit.ts). Mistral: `{"message":"Unexpected role 'user' after role 'tool'",
   * "type":"invalid_request_message_order","code":"3230"}` (https://github.com/datapizza-labs/datapizza-ai/issues/98,
   * https://github.com/zed-industries/zed/issues/37021); after `tool` it takes only `assistant` or
   * `tool` (mistral-common's validator, `_validate_message_order`). Clients bridge the same way
   * (https://github.com/avante-corp/avante.nvim/pull/2695, https://github.com/zed-industries/zed/pull/31736),
   * with text, since an empty assistant message is refused as well (see above).
   */
  assistantAfterToolResults?: boolean;
  /**
   * A tool result of several text parts goes as one string, the parts joined by a blank line, for an
   * upstream that takes a tool message's `content` only as a string; a result whose parts carry fields
   * of their own keeps the array form. DeepSeek: "Failed to deserialize the JSON body into the target
   * type: messages[7]: invalid type: sequence, expected a string" (https://github.com/QwenLM/qwen-code/issues/2318;
   * https://github.com/Gitlawb/openclaude/pull/806). Groq: "'messages.2' : for 'role:tool' the following
   * must be satisfied[('messages.2.content' : value must be a string)]" (https://github.com/CherryHQ/cherry-studio/issues/3307).
   */
  toolContentAsString?: boolean;
  /**
   * The system prompt of several text parts (Claude Code sends two or three system blocks) goes as one
   * string, the parts joined by a blank line, for an upstream that takes a system message's `content`
   * only as a string. Groq: "'messages.0' : for 'role:system' the following must be satisfied[('messages.0.content' :
   * value must be a string)]" (https://github.com/OpenHands/OpenHands/issues/4643, 2024;
   * https://github.com/i-am-bee/beeai-framework/issues/752, 2025). DeepSeek: "messages[0].content: invalid type:
   * sequence, expected a string" (https://github.com/deepseek-ai/awesome-deepseek-integration/issues/23).
   */
  systemContentAsString?: boolean;
  /**
   * System messages go first: one later in the conversation joins the leading ones, with a warning
   * (turn-fit.ts). Mistral: {"message":"Unexpected role 'system' after role 'assistant'",
   * "type":"invalid_request_error"} (https://github.com/swarmauri/swarmauri-sdk/issues/162).
   */
  systemFirst?: boolean;
  /**
   * At temperature 0 a top_p other than 1 goes as 1, with a warning: the upstream samples greedily
   * there and refuses any other. Mistral: "top_p must be 1 when using greedy sampling." (HTTP 400
   * from Mistral Large and Codestral, https://github.com/devoxx/DevoxxGenieIDEAPlugin/issues/338).
   * With the most likely token always taken, top_p changes nothing, so nothing the caller asked is lost.
   * The same upstream refuses a top_p of 0 (422 `greater_than`, `{gt: 0}`, probed live on every model in
   * https://github.com/mnfst/modelparams.dev/pull/231 and /pull/234), which keeps only the most likely
   * token: it goes as temperature 0 with top_p 1, which does the same.
   */
  topPOneWhenGreedy?: boolean;
}

/** Fields an upstream refuses: in the body, and in any message. */
export interface RefusedFields {
  body: readonly string[];
  messages: readonly string[];
}

/** The fields a strict upstream declares: in the body, and in a message by its role. */
export interface DeclaredFields {
  body: readonly string[];
  messages: Readonly<Record<string, readonly string[]>>;
}

export const defaultQuirks: OpenaiChatQuirks = {
  reasoningContentInHistory: false,
  reasoningText: false,
  developerRole: true,
  maxTokensField: 'max_completion_tokens',
  streamOptions: true,
  parallelToolCalls: true,
  toolChoice: 'all',
  allowedToolsChoice: true,
  reasoningSwitch: 'effort',
  reasoningEffort: true,
  maxStopSequences: 4,
  cacheBreakpoints: 'automatic',
  seedField: 'seed',
  temperatureMax: 2,
  jsonSchema: true,
  toolDescriptionLength: 1024,
  maxTools: 128,
  completeAsStream: false,
};
