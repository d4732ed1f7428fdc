/**
 * What the catalog (models-dev.ts) does not say and vendors enforce, per model family: sampling
 * controls a model refuses, and how a reasoning model's reasoning is asked for. Each rule is a
 * vendor's documented (or observed, quoted) behaviour with its source; it is laid over the
 * catalog's entry and applies to a model the catalog lacks as well. Limits and prices are not
 * written here: they come from the catalog, published-limits.ts (models newer than the catalog),
 * usage/prices.ts, or the configuration's `catalog:`.
 */
import type { ModelFacts } from './model-facts.js';
import type { CatalogVendor } from './models-dev.js';
import { compatibleVendorRules } from './model-rules-compatible.js';

/**
 * The vendors whose models the rules describe: the catalog's, Amazon, whose Nova models Bedrock
 * serves and the catalog does not list, and xAI, Groq, Alibaba (Qwen on DashScope), DeepSeek,
 * Moonshot (Kimi), Mistral and Zhipu (GLM) through their own APIs (the `xai`, `groq`, `qwen`,
 * `deepseek`, `moonshot`, `mistral` and `zhipu` presets); for the last eight the rules and
 * published limits are all that is known of them.
 */
export type RuleVendor = CatalogVendor | 'amazon' | 'xai' | 'groq' | 'alibaba' | 'deepseek' | 'moonshot' | 'mistral' | 'zhipu';

export interface ModelRule {
  vendor: RuleVendor;
  /** Matched against the undated model id (model-id.ts). */
  models: RegExp;
  facts: RuleFacts;
  source: string;
}

/** What a rule knows of a model: its facts, all but the id it is found under. */
export type RuleFacts = Omit<ModelFacts, 'id'>;

export const modelRules: readonly ModelRule[] = [
  {
    vendor: 'anthropic',
    models: /^claude-(?:sonnet-4-5|haiku-4-5|opus-4-5)$/,
    facts: { temperatureOrTopP: true },
    // "Use only temperature OR top_p, not both" (breaking change from Claude Sonnet 3.7 and Haiku 3.5).
    source: 'https://platform.claude.com/docs/en/about-claude/models/migrating-to-claude-4 (Update sampling parameters)',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:opus-4-1|sonnet-4-6|opus-4-6)$/,
    facts: { temperatureOrTopP: true },
    // Opus 4.1: "Claude Opus 4.1 has the same constraint and returns 400: 'temperature and top_p cannot both be
    // specified for this model.'" (https://github.com/open-webui/functions/pull/9); Sonnet 4.6: the same 400
    // (https://github.com/Vali-98/ChatterUI/issues/564, https://github.com/skydiscover-ai/skydiscover/issues/15).
    source: 'https://github.com/open-webui/functions/pull/9, https://github.com/Vali-98/ChatterUI/issues/564',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:opus-4-[7-9]|(?:opus|sonnet|haiku)-(?:[5-9]|\d\d)(?:-.+)?|mythos-.+|fable-.+)$/,
    facts: { refusedSampling: ['temperature', 'topP', 'topK'] },
    // "Claude Opus 4.7 no longer accepts temperature, top_p, or top_k"; Anthropic answers 400 "`temperature` is
    // deprecated for this model." (https://github.com/Comfy-Org/ComfyUI/issues/13923). Anthropic's list of the models
    // that refuse them on every request: "Claude Fable 5.1, Mythos 5.1, Fable 5, Mythos 5, Mythos Preview, Opus 5.5,
    // Opus 5, Opus 4.8, Opus 4.7, Sonnet 5.5, Sonnet 5 and Haiku 5.5" (quoted in
    // https://docs.memberjunction.org/v6.2/api/functions/_memberjunction_ai-anthropic.RejectsSamplingParams.html);
    // "Non-default sampling parameters return an error" (https://platform.claude.com/docs/en/models/haiku-5-5/whats-new-haiku-5-5),
    // and on Sonnet 5.5 "sampling parameters" are among "five settings that return a 400 error"
    // (https://platform.claude.com/docs/en/models/sonnet-5-5/migration-guide).
    source: 'https://openrouter.ai/docs/guides/evaluate-and-optimize/model-migrations/claude-4-7, https://platform.claude.com/docs/en/models/sonnet-5-5/migration-guide',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:3-.+|sonnet-4|opus-4)$/,
    facts: { structuredOutput: false },
    // Structured outputs came in public beta for Claude Sonnet 4.5 and Opus 4.1, and are "generally available
    // on the Claude API and Amazon Bedrock for Claude Opus 4.6, Claude Sonnet 4.6, Claude Sonnet 4.5, Claude
    // Opus 4.5, and Claude Haiku 4.5": the Claude 3 models, Sonnet 4 and Opus 4 never took `output_config.format`.
    source: 'https://platform.claude.com/docs/en/build-with-claude/structured-outputs; https://github.com/envoyproxy/ai-gateway/pull/1846',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:opus-4-[78]|(?:opus|sonnet|haiku)-(?:[5-9]|\d\d)(?:-.+)?|mythos-.+|fable-.+)$/,
    facts: { reasoning: { type: 'effort' } },
    // "Claude Fable 5.1, Claude Mythos 5.1, Claude Mythos 5, Claude Fable 5, [Claude Opus 4.7] and Claude Mythos
    // Preview only support adaptive thinking. Manual extended thinking (thinking.type: \"enabled\" with budget_tokens)
    // and disabled thinking (thinking.type: \"disabled\") are not supported on these models and will return a 400
    // error." Opus 4.7 answers "\"thinking.type.enabled\" is not supported for this model. Use
    // \"thinking.type.adaptive\" and \"output_config.effort\" to control thinking behavior."
    // (https://github.com/earendil-works/pi/issues/3297); Opus 4.8 the same (https://github.com/AAswordman/Operit/pull/568).
    // On Claude Opus 5.5 "thinking is always on": `disabled` or a budget "return 400 invalid_request_error" in those words
    // (https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5, "Thinking can't be disabled"). The 5 models
    // all refuse a budget: Opus 5 "supports the same set of features as Claude Opus 4.8"
    // (https://platform.claude.com/docs/en/models/opus-5/migration-guide); Sonnet 5 "Manual extended thinking
    // (budget_tokens) is removed and returns a 400" (https://github.com/Zoo-Code-Org/Zoo-Code/pull/778); on Sonnet 5.5
    // "thinking budgets" return a 400 (https://platform.claude.com/docs/en/models/sonnet-5-5/migration-guide); on Haiku 5.5
    // "Manual extended thinking returns an error" (https://platform.claude.com/docs/en/models/haiku-5-5/whats-new-haiku-5-5).
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html, https://github.com/earendil-works/pi/issues/3297',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:opus|sonnet)-5$/,
    facts: { reasoning: { type: 'effort', turnOff: 'disabled' } },
    // "Thinking on by default: on Claude Opus 4.8, a request without a thinking field runs without thinking; on Claude
    // Opus 5 the same request runs with adaptive thinking … To keep the old behavior, pass thinking: {type: \"disabled\"}"
    // (Opus 5 migration guide, "Breaking changes"); Sonnet 5 took `disabled` as well ("the same as with disabled on
    // Claude Sonnet 5": https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5).
    source: 'https://platform.claude.com/docs/en/models/opus-5/migration-guide',
  },
  {
    vendor: 'anthropic',
    models: /^claude-sonnet-5-5$/,
    facts: { reasoning: { type: 'effort', turnOff: 'between-tools' } },
    // "To turn off up-front thinking on Claude Sonnet 5.5, send thinking: {\"type\": \"between_tools\"} instead of
    // \"disabled\". This is the lowest thinking setting on this model"; `disabled` "returns 400 invalid_request_error".
    source: 'https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:opus-5-5|fable-5-1)$/,
    facts: { reasoning: { type: 'effort', turnOff: 'never' } },
    // Opus 5.5: "Thinking can't be disabled" (whats-new-opus-5-5); Fable 5.1: "Adaptive (always on)" in the models
    // comparison (https://platform.claude.com/docs/en/models/haiku-5-5/overview).
    source: 'https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:(?:opus|sonnet)-4-(?:[6-9]|\d\d)|(?:opus|sonnet|haiku)-(?:[5-9]|\d\d)(?:-.+)?|mythos-.+|fable-.+)$/,
    facts: { assistantPrefill: false },
    // "Prefill removal: Prefilling assistant messages returns a 400 error on Claude 4.6 models"; Anthropic answers
    // "This model does not support assistant message prefill. The conversation must end with a user message."
    // (https://github.com/agenticloops-ai/agentic-ai-engineering/issues/43), for 4.7, 4.8 and the 5 models as well
    // (https://github.com/livekit/agents/issues/7217), and on Bedrock (https://github.com/strands-agents/sdk-python/issues/1694).
    source: 'https://platform.claude.com/docs/en/about-claude/models/migration-guide, https://github.com/livekit/agents/issues/7217',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:opus-5-5|sonnet-5-5|fable-5-1)$/,
    facts: { forcedToolChoice: false },
    // "Forced tool use returns an error" is a breaking change of Claude Opus 5.5, and "The first three also apply on
    // Claude Fable 5.1"; `tool_choice: {"type": "any"}` or a named tool returns a 400
    // (https://openrouter.ai/docs/cookbook/evaluate-and-optimize/model-migrations/opus-5-5). Claude Sonnet 5.5 too:
    // "Forced tool use returns an error" (https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5).
    source: 'https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:fable-5-[12]|mythos-5-[12]|opus-5-5|sonnet-5-5|haiku-5-5)$/,
    facts: { preservedThinking: true },
    // Preserved thinking: "If the prefix differs from what you sent when the block was produced, that block and every
    // later thinking block are invalid, and the API rejects the request with a 400 error or drops the invalid blocks,
    // whichever you choose" (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking); the models are
    // those the fix page lists (supportedModels of
    // https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/fix-bound-to-a-different-conversation).
    source: 'https://platform.claude.com/docs/en/build-with-claude/preserved-thinking',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:3-7-sonnet|sonnet-4|sonnet-4-5|sonnet-4-6|opus-4|opus-4-1|opus-4-5|opus-4-6|haiku-4-5)$/,
    facts: { reasoning: { type: 'budget', minTokens: 1024, canTurnOff: true, thinkingInOutput: true } },
    // Extended thinking takes `budget_tokens`, "The minimum budget is 1,024 tokens", and `budget_tokens` must be
    // less than `max_tokens`, which counts thinking and answer together.
    source: 'https://docs.claude.com/en/docs/build-with-claude/extended-thinking#working-with-thinking-budgets',
  },
  {
    vendor: 'anthropic',
    models: /^claude-opus-4-5$/,
    facts: { outputEffortBeyondScale: [] },
    // Opus 4.5 takes effort low, medium and high only: `max` is "Available on … Claude Opus 4.6, … and Claude Sonnet
    // 4.6" and `xhigh` on Opus 4.7 and later; Bedrock answers "output_config.effort: Input should be 'low', 'medium' or
    // 'high'" (https://github.com/coder/coder/issues/25356).
    source: 'https://platform.claude.com/docs/en/build-with-claude/effort (Effort levels), https://github.com/coder/coder/issues/25356',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:opus|sonnet)-4-6$/,
    facts: { outputEffortBeyondScale: ['max'] },
    // `max` but not `xhigh` (effort levels table); Opus 4.6 answers 400 "This model does not support effort level
    // 'xhigh'. Supported levels: high, low, max, medium." (test/fixtures/recorded/anthropic/pa-error-400-invalid-request.response.json).
    source: 'https://platform.claude.com/docs/en/build-with-claude/effort (Effort levels)',
  },
  {
    vendor: 'openai',
    models: /^codex-mini(?:-latest)?$/,
    facts: { vision: true },
    // The catalog lists its input as text only; OpenAI's model page says "Input modalities: text, image" (a fine-tune of
    // o4-mini), so its images are sent, not replaced (fit-images.ts).
    source: 'https://developers.openai.com/api/docs/models/codex-mini-latest',
  },
  {
    vendor: 'openai',
    models: /^(?!gpt-5\.[124]$)(?:o1|o3|o3-mini|o3-pro|o4-mini|gpt-5|gpt-5-mini|gpt-5-nano|gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*|-sol|-terra|-luna)?|gpt-6(?:\.\d+)?-(?:astra|sol|terra|luna))$/,
    facts: { reasoning: { type: 'effort' }, refusedSampling: ['temperature', 'topP'] },
    // Reasoning models take `reasoning_effort` (https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort)
    // and refuse sampling: "Unsupported parameter: 'top_p' is not supported with this model." for o1
    // (https://github.com/aandrew-me/tgpt/issues/333) and gpt-5 (https://github.com/lfnovo/open-notebook/issues/107);
    // temperature: test/fixtures/recorded/openai-responses/error-400-unsupported-temperature.json.
    // GPT-5.6 and GPT-6 take `temperature` only with reasoning off ("temperature only applies with reasoning_effort=\"none\"":
    // https://github.com/BerriAI/litellm/discussions/42523), and GPT-6 Astra not at all ("temperature, top_p and logprobs
    // are removed": https://apidog.com/jp/blog/gpt-6-astra-api/); it is left out for all of them.
    source: 'https://github.com/lfnovo/open-notebook/issues/107, test/fixtures/recorded/openai-responses/error-400-unsupported-temperature.json',
  },
  {
    vendor: 'openai',
    models: /^gpt-5\.[124]$/,
    facts: { reasoning: { type: 'effort' }, reasoningOffOnlySampling: ['temperature', 'topP'], reasoningOffByDefault: true },
    // "The following parameters are only supported when using GPT-5.2 with reasoning effort set to `none`: temperature,
    // top_p, logprobs. Requests to GPT-5.2 or GPT-5.1 with any other reasoning effort setting … will raise an error", and
    // the same for GPT-5.4 (OpenAI's latest-model guide, "GPT-5.2/GPT-5.4 parameter compatibility"; for gpt-5.1 as quoted
    // in https://github.com/vercel/ai/pull/10940, for gpt-5.2 in /pull/11174). `none` "is the default setting" of GPT-5.2
    // and GPT-5.4 (the same guide, "Lower reasoning effort"); "gpt-5.1 defaults to none"
    // (https://learn.microsoft.com/en-us/javascript/api/@azure/ai-projects/reasoningeffort). Their mini, nano, pro and
    // codex are not named there: the rule above leaves temperature and top_p out for them.
    source: 'https://developers.openai.com/api/docs/guides/latest-model, https://github.com/vercel/ai/pull/11174',
  },
  {
    vendor: 'openai',
    models: /^(?:o1|o3|o3-mini|o3-pro|o4-mini|gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*|-sol|-terra|-luna)?|gpt-6(?:\.\d+)?-(?:terra|luna))$/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'] } },
    // "Earlier reasoning models like o3 supported only low, medium, and high" (OpenAI's GPT-5 guide, quoted in
    // https://github.com/QuantumNous/new-api/pull/1525); from gpt-5.1 on "Unsupported value: 'minimal' is not supported
    // with the 'gpt-5.1' model. Supported values are: 'none', 'low', 'medium', and 'high'."
    // (https://github.com/anomalyco/opencode/issues/4451). Only gpt-5, its mini and nano take `minimal`.
    source: 'https://github.com/anomalyco/opencode/issues/4451, https://github.com/QuantumNous/new-api/pull/1525',
  },
  {
    vendor: 'openai',
    models: /^gpt-6(?:\.\d+)?-(?:astra|sol)$/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: ['xhigh', 'max'], turnOff: 'never' } },
    // GPT-6 Astra and Sol take "low, medium, high, xhigh, max" (OpenAI's models page: gpt-6-astra, gpt-6.1-sol,
    // gpt-6.2-astra, gpt-6.2-sol); Terra and Luna take "none" as well. "none and minimal were removed"
    // (https://apidog.com/jp/blog/gpt-6-astra-api/).
    source: 'https://developers.openai.com/api/docs/models',
  },
  {
    vendor: 'openai',
    models: /^(?:o1|o3|o3-mini|o3-pro|o4-mini)$/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: [] } },
    // "Earlier reasoning models like o3 supported only low, medium, and high" (OpenAI's GPT-5 guide, quoted in
    // https://github.com/QuantumNous/new-api/pull/1525): neither none nor xhigh.
    source: 'https://github.com/QuantumNous/new-api/pull/1525',
  },
  {
    vendor: 'openai',
    models: /^gpt-5(?:-mini|-nano)?$/,
    facts: { reasoning: { type: 'effort', beyondScale: [] } },
    // "Unsupported value: 'xhigh' is not supported with the 'gpt-5-mini' model. Supported values are: 'minimal', 'low',
    // 'medium', and 'high'." (https://github.com/microsoft/vscode/issues/301045); "All models before gpt-5.1 … do not
    // support none" (https://learn.microsoft.com/en-us/javascript/api/@azure/ai-projects/reasoningeffort).
    source: 'https://github.com/microsoft/vscode/issues/301045',
  },
  {
    vendor: 'openai',
    models: /^gpt-5\.1$/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: ['none'] } },
    // "Unsupported value: 'xhigh' is not supported with the 'gpt-5.1' model. Supported values are: 'none', 'low',
    // 'medium', and 'high'." (https://github.com/microsoft/vscode/issues/299129).
    source: 'https://github.com/microsoft/vscode/issues/299129',
  },
  {
    vendor: 'openai',
    models: /^gpt-5\.1-codex-max$/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: ['xhigh'] } },
    // "xhigh (available only on gpt-5.1-codex-max)" (Codex's docs/config.md, https://github.com/openai/codex/pull/7449);
    // GPT-5.1's codex models take no none: "Unsupported value: 'none' is not supported with the 'gpt-5.1-codex' model.
    // Supported values are: 'low', 'medium', and 'high'." (https://github.com/openai/codex/issues/6647).
    source: 'https://github.com/openai/codex/pull/7449, https://github.com/openai/codex/issues/6647',
  },
  {
    vendor: 'openai',
    models: /^gpt-5\.2$/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: ['none', 'xhigh'] } },
    // "GPT-5.2, GPT-5.2-pro: none, low, medium, high, xhigh" (https://docs.rs/openai-tools/3.0.0/openai_tools/responses/request/enum.ReasoningEffort.html);
    // "gpt-5.2 … have xhigh" (https://github.com/charmbracelet/catwalk/issues/164).
    source: 'https://docs.rs/openai-tools/3.0.0/openai_tools/responses/request/enum.ReasoningEffort.html',
  },
  {
    vendor: 'openai',
    models: /^gpt-5-chat$/,
    facts: { reasoning: { type: 'none' } },
    // gpt-5-chat-latest (ids lose `-latest`, model-id.ts) does not reason and refuses the setting: "Unsupported parameter:
    // 'reasoning.effort' is not supported with this model." (param reasoning.effort, code unsupported_parameter;
    // https://github.com/Laisky/one-api/issues/120, https://github.com/logancyang/obsidian-copilot/issues/1712).
    source: 'https://github.com/Laisky/one-api/issues/120',
  },
  {
    vendor: 'openai',
    models: /^gpt-5\.\d+-chat$/,
    facts: { reasoning: { type: 'effort', efforts: ['medium'], beyondScale: [] } },
    // gpt-5.x-chat-latest take one effort: "Unsupported value: 'reasoning_effort' does not support 'high' with this model.
    // Supported values are: 'medium'." (code unsupported_value; GPT-5.2 Chat: https://github.com/egoist/chatwise-releases/issues/1257,
    // https://github.com/Laisky/one-api/issues/285); on Responses "Unsupported value: 'high' is not supported with the
    // 'gpt-5.1-chat-latest' model. Supported values are: 'medium'." (https://github.com/Laisky/one-api/issues/266).
    // Another asked effort goes as `medium`, with a warning.
    source: 'https://github.com/egoist/chatwise-releases/issues/1257, https://github.com/Laisky/one-api/issues/266',
  },
  {
    vendor: 'openai',
    models: /^(?:o1-pro|o3-pro|codex-mini|gpt-5(?:\.1)?-codex(?:-mini|-max)?)$/,
    facts: { chatCompletions: false },
    // 404 "This model is only supported in v1/responses and not in v1/chat/completions." (param model) from o3-pro
    // (https://github.com/simonw/llm/issues/1169), o1-pro (https://github.com/BoltAI/BoltAI/issues/292), gpt-5-codex
    // (https://github.com/alvinunreal/tmuxai/issues/82), codex-mini-latest (https://github.com/aaif-goose/goose/issues/2564),
    // gpt-5.1-codex-mini (https://github.com/HeyPuter/puter/issues/2110) and gpt-5.1-codex-max ("Chat Completions API
    // returns 404 for this model", https://github.com/promptfoo/promptfoo/pull/6539). Such a request goes to the
    // provider's Responses endpoint (responses-bridge.ts).
    source: 'https://github.com/simonw/llm/issues/1169, https://github.com/alvinunreal/tmuxai/issues/82, https://github.com/aaif-goose/goose/issues/2564',
  },
  {
    vendor: 'openai',
    models: /^gpt-5\.[24]$/,
    facts: { chatRefusesToolsWhileReasoning: 'when-asked' },
    // "Function tools with reasoning_effort are not supported for gpt-5.4 in /v1/chat/completions. Please use
    // /v1/responses instead." (https://github.com/pipecat-ai/pipecat/issues/4043, https://github.com/openai/openai-openapi/issues/541);
    // gpt-5.2 and 5.4 alike (https://github.com/livekit/agents/pull/5088). They do not reason unless asked.
    source: 'https://github.com/openai/openai-openapi/issues/541',
  },
  {
    vendor: 'openai',
    models: /^(?:gpt-5\.6(?:-sol|-terra|-luna)?|gpt-6(?:\.\d+)?-(?:astra|sol|terra|luna))$/,
    facts: { chatRefusesToolsWhileReasoning: 'unless-off' },
    // "Function tools with reasoning_effort are not supported for gpt-5.6-sol in /v1/chat/completions. To use function
    // tools, use /v1/responses or set reasoning_effort to 'none'." (https://github.com/github/app/issues/2133; gpt-5.6-terra:
    // https://github.com/GoogleChromeLabs/webmcp-tools/issues/417; gpt-6-astra: https://github.com/Wei-Shaw/sub2api/issues/6740).
    // They reason by default, so a request that says nothing of reasoning is refused too
    // (https://github.com/danny-avila/LibreChat/issues/14355, https://github.com/huggingface/speech-to-speech/issues/490).
    source: 'https://github.com/github/app/issues/2133, https://github.com/danny-avila/LibreChat/issues/14355',
  },
  {
    vendor: 'openai',
    models: /^(?:o1|o3|o3-mini|o4-mini|gpt-5|gpt-5-mini|gpt-5-nano)$/,
    facts: { refusedSampling: ['presencePenalty', 'frequencyPenalty'] },
    // "Unsupported parameter: 'frequency_penalty' is not supported with this model." from gpt-5
    // (https://github.com/oracle/ai-optimizer/issues/240), the same for 'presence_penalty' from gpt-5-mini
    // (https://github.com/nextai-translator/nextai-translator/issues/1781) and o3-mini
    // (https://github.com/TabbyML/tabby/issues/3974); "top_p, frequency_penalty and presence_penalty" are
    // unsupported on the o-series (https://github.com/stanford-crfm/helm/pull/3617).
    source: 'https://github.com/oracle/ai-optimizer/issues/240, https://github.com/stanford-crfm/helm/pull/3617',
  },
  {
    vendor: 'openai',
    models: /^gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*)?$/,
    facts: { refusedSampling: ['presencePenalty', 'frequencyPenalty'] },
    // Azure's reasoning-models page, whose GPT-5 tab lists gpt-5.1 to gpt-5.4 with their mini, nano, pro and codex:
    // "The following are currently unsupported with reasoning models: `temperature`, `top_p`, `presence_penalty`,
    // `frequency_penalty`, `logprobs`, `top_logprobs`, `logit_bias`, `max_tokens`" (github.com/MicrosoftDocs/azure-ai-docs,
    // articles/foundry/openai/how-to/reasoning.md, "Not Supported"). OpenAI's exception for reasoning effort `none` names
    // three of them only: "Logprobs, temperature and top-p are controllable parameters on gpt-5.1 when reasoning effort
    // is set to \"none\"" (https://github.com/vercel/ai/pull/10940, after
    // https://platform.openai.com/docs/guides/latest-model#gpt-5-1-parameter-compatibility), and "GPT-5.2 models support
    // temperature, topP, and logprobs when reasoningEffort is set to 'none', same as GPT-5.1"
    // (https://github.com/vercel/ai/pull/11174). The penalties have no such exception: they are left out whatever the effort.
    source: 'https://learn.microsoft.com/azure/foundry/openai/how-to/reasoning#not-supported, https://github.com/vercel/ai/pull/10940',
  },
  {
    vendor: 'openai',
    models: /^(?:o3|o4-mini|gpt-5|gpt-5-mini|gpt-5-nano|gpt-5\.1|gpt-5\.2)$/,
    facts: { refusedSampling: ['stopSequences'] },
    // "Unsupported parameter: 'stop' is not supported with this model." (code unsupported_parameter) from o3
    // (https://github.com/crewAIInc/crewAI/issues/2738, https://github.com/BerriAI/litellm/issues/11182), o4-mini
    // (https://github.com/langgenius/dify/issues/18971), gpt-5 and gpt-5-mini
    // (https://github.com/huggingface/smolagents/issues/1671, /pull/1662: "gpt-5, gpt-5-mini, and gpt-5-nano"), gpt-5.1
    // (https://github.com/huggingface/smolagents/pull/1868) and gpt-5.2 (https://github.com/huggingface/smolagents/issues/1893).
    // Later models take `stop` again (gpt-5.5: https://github.com/BerriAI/litellm/pull/28650); those not named here are sent it.
    source: 'https://github.com/huggingface/smolagents/issues/1671, https://github.com/crewAIInc/crewAI/issues/2738, https://github.com/huggingface/smolagents/pull/1868',
  },
  {
    vendor: 'openai',
    models: /^(?:o1|o3|o3-mini|o3-pro|o4-mini|gpt-5|gpt-5-mini|gpt-5-nano|gpt-6(?:\.\d+)?-astra)$/,
    facts: { logprobs: 'refused' },
    // 403 {"error":{"message":"You are not allowed to request logprobs from this model","type":"invalid_request_error",
    // "param":null,"code":null}} from o4-mini (https://github.com/confident-ai/deepeval/pull/2184); o3-mini alike
    // (https://github.com/confident-ai/deepeval/issues/1358); "logprobs are not supported for reasoning models" on the
    // Responses API too (https://github.com/UKGovernmentBEIS/inspect_ai/pull/2739); gpt-5, its mini and nano "expose no log
    // probabilities" (https://github.com/confident-ai/deepeval/pull/2805); GPT-6 Astra: "temperature, top_p and logprobs are
    // removed" (https://apidog.com/jp/blog/gpt-6-astra-api/).
    source: 'https://github.com/confident-ai/deepeval/pull/2184, https://github.com/UKGovernmentBEIS/inspect_ai/pull/2739',
  },
  {
    vendor: 'openai',
    models: /^(?:o1|o1-mini|o3|o3-mini|o3-pro|o4-mini|codex-mini|gpt-5(?:-mini|-nano|-pro|-codex[a-z-]*)?|gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*)?)$/,
    facts: { logitBias: false },
    // "The following are currently unsupported with reasoning models: `temperature`, `top_p`, `presence_penalty`,
    // `frequency_penalty`, `logprobs`, `top_logprobs`, `logit_bias`, `max_tokens`" (Azure's reasoning-models page, whose
    // models are the o-series and the gpt-5 family: github.com/MicrosoftDocs/azure-ai-docs,
    // articles/foundry/openai/how-to/reasoning.md, "Not Supported"); OpenAI's o1, o1-mini and o3-mini refuse it alike
    // ("logit_bias … No": https://community.openai.com/t/developer-role-not-accepted-for-o1-o1-mini-o3-mini/1110750/7).
    // An Azure deployment named after its model, or whose `catalog:` entry names it as `baseModel`, has these facts.
    source: 'https://learn.microsoft.com/azure/foundry/openai/how-to/reasoning#not-supported, https://community.openai.com/t/developer-role-not-accepted-for-o1-o1-mini-o3-mini/1110750/7',
  },
  {
    vendor: 'openai',
    models: /^gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*|-sol|-terra|-luna)?$/,
    facts: { logprobs: 'reasoning-off-only' },
    // "Logprobs, temperature and top-p are controllable parameters on gpt-5.1 when reasoning effort is set to \"none\""
    // (https://github.com/vercel/ai/pull/10940, after https://platform.openai.com/docs/guides/latest-model#gpt-5-1-parameter-compatibility;
    // https://github.com/vercel/ai/issues/10932); with reasoning on, the o-series' refusal above.
    source: 'https://github.com/vercel/ai/pull/10940',
  },
  {
    vendor: 'openai',
    models: /^(?:gpt-|chatgpt-|o\d|codex-|computer-use-)/,
    facts: { maxUserLength: 64 },
    // OpenAI's API refuses a longer end-user id: "Invalid 'user': string too long. Expected a string with maximum length
    // 64, but got a string with length 123 instead." (code string_above_max_length; quoted in BerriAI/litellm's
    // tests/test_litellm/litellm_core_utils/test_exception_mapping_utils.py), on Responses as on Chat Completions
    // ("OpenAI enforces a 64 character maximum on the user field", applied to both in https://github.com/maximhq/bifrost/pull/1000).
    // OpenAI-compatible services differ (OpenRouter's own API description sets no limit on Chat Completions' `user`, and 256
    // on its Responses and Messages APIs, raised from 128 in 2026-03: .speakeasy/in.openapi.yaml of
    // https://github.com/OpenRouterTeam/typescript-sdk), so the rule is OpenAI's own API's, by the names of its models.
    source: 'https://github.com/BerriAI/litellm/blob/main/tests/test_litellm/litellm_core_utils/test_exception_mapping_utils.py',
  },
  {
    vendor: 'openai',
    models: /^(?:o1|o3|o3-mini|o4-mini)$/,
    facts: { parallelToolCalls: false },
    // 400 "Unsupported parameter: 'parallel_tool_calls' is not supported with this model." (param parallel_tool_calls,
    // code unsupported_parameter) on Chat Completions from o1 (https://github.com/langchain-ai/langchain/issues/29416),
    // o3-mini (https://github.com/microsoft/semantic-kernel/issues/10365), o4-mini
    // (https://github.com/evalstate/fast-agent/issues/279) and o3 (https://github.com/langchain-ai/langgraph-supervisor-py/pull/125).
    // What the Responses API does with it for these models is not recorded; it is left out there too.
    source: 'https://github.com/langchain-ai/langchain/issues/29416, https://github.com/evalstate/fast-agent/issues/279',
  },
  {
    vendor: 'google',
    models: /^gemini-2\.5-pro(?:-preview.*)?$/,
    facts: { reasoning: { type: 'budget', minTokens: 128, maxTokens: 32768, canTurnOff: false } },
    // "The thinkingBudget must be an integer in the range 128 to 32768. You cannot turn thinking off when using Gemini 2.5 Pro".
    source: 'https://ai.google.dev/gemini-api/docs/thinking#set-budget',
  },
  {
    vendor: 'google',
    models: /^gemini-2\.5-flash-lite(?:-preview.*)?$/,
    facts: { reasoning: { type: 'budget', minTokens: 512, maxTokens: 24576, canTurnOff: true } },
    // Flash-Lite: "-1, 0, 512 to 24576" (the same page, as quoted in https://github.com/snailyp/gemini-balance/pull/160).
    source: 'https://ai.google.dev/gemini-api/docs/thinking#set-budget',
  },
  {
    vendor: 'google',
    models: /^gemini-2\.5-flash(?:-preview.*)?$/,
    facts: { reasoning: { type: 'budget', minTokens: 1, maxTokens: 24576, canTurnOff: true } },
    // "The thinkingBudget must be an integer in the range 0 to 24576. Setting the thinking budget to 0 disables thinking."
    source: 'https://ai.google.dev/gemini-api/docs/thinking#set-budget',
  },
  {
    vendor: 'google',
    models: /^gemini-3/,
    facts: { reasoning: { type: 'effort' } },
    // Gemini 3 takes `thinkingLevel`; "If you use the thinking_level parameter with a model earlier than Gemini 3,
    // the model returns an error" (Google's thinking guide, quoted in https://github.com/juspay/neurolink/pull/1707).
    source: 'https://ai.google.dev/gemini-api/docs/thinking',
  },
  {
    vendor: 'google',
    models: /^gemini-3-pro/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'high'], turnOff: 'never' } },
    // "You cannot disable thinking for Gemini 3 Pro" (Google's thinking guide, quoted in
    // https://github.com/enricoros/big-AGI/issues/893). Its levels are LOW and HIGH: 400 INVALID_ARGUMENT "Thinking
    // level MEDIUM is not supported for this model. Please retry with other thinking level."
    // (https://github.com/egoist/chatwise-releases/issues/1206); "Gemini 3 Pro supports 'low' and 'high'" (the
    // guide's table, quoted in https://github.com/macro-inc/macro/pull/6389).
    source: 'https://ai.google.dev/gemini-api/docs/thinking, https://github.com/egoist/chatwise-releases/issues/1206',
  },
  {
    vendor: 'google',
    models: /^gemini-3\.\d+-pro/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'], turnOff: 'never' } },
    // "3.x Pro models accept only low/medium/high and can't disable thinking": gemini-3.1-pro-preview answers MINIMAL
    // with 400 "Thinking level MINIMAL is not supported for this model." (https://github.com/vellum-ai/vellum-assistant/pull/32687);
    // "Gemini 3.1 Pro supports 'low', 'medium', and 'high'" (the guide's table, quoted in https://github.com/macro-inc/macro/pull/6389).
    source: 'https://ai.google.dev/gemini-api/docs/thinking, https://github.com/vellum-ai/vellum-assistant/pull/32687',
  },
  {
    vendor: 'google',
    models: /^gemini-3\.[78]-flash$/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'] } },
    // Gemini 3.7 and 3.8 Flash take no MINIMAL: "Google's official thinking-level table marks `minimal` as Not supported
    // (error) for Gemini 3.7 Flash (low/medium/high only, medium default)" (https://github.com/can1357/oh-my-pi/issues/10543);
    // gemini-3.8-flash answers it with 400 "Thinking level MINIMAL is not supported for this model. Please retry with
    // other thinking level." (https://github.com/earendil-works/pi/issues/9455). The other Gemini 3 Flash and
    // Flash-Lite models take all four (https://github.com/mozilla-ai/any-llm/pull/1345).
    source: 'https://github.com/can1357/oh-my-pi/issues/10543, https://github.com/earendil-works/pi/issues/9455',
  },
  {
    vendor: 'google',
    models: /^gemini-3\.\d+-flash(?:-lite)?-image/,
    facts: { reasoning: { type: 'effort', efforts: ['minimal', 'high'] } },
    // The Gemini 3.1 image models take only MINIMAL and HIGH: "gemini-3.1-flash-image* accepts only MINIMAL and HIGH
    // (LOW/MEDIUM → 400)", measured against the Gemini API (https://github.com/dhyansraj/mcp-mesh/issues/1346);
    // gemini-3.1-flash-lite-image alike (https://github.com/mozilla-ai/any-llm/pull/1345).
    source: 'https://github.com/dhyansraj/mcp-mesh/issues/1346, https://github.com/mozilla-ai/any-llm/pull/1345',
  },
  {
    vendor: 'google',
    models: /^gemini-(?:2\.5|3(?:\.\d+)?)-/,
    facts: { refusedUnlessZero: ['presencePenalty', 'frequencyPenalty'] },
    // 400 INVALID_ARGUMENT "Penalty is not enabled for models/gemini-2.5-flash" from gemini-2.5-flash and gemini-2.5-pro
    // (https://github.com/vercel/ai/issues/8943), gemini-2.5-flash-preview-05-20 (https://github.com/PublicAffairs/openai-gemini/issues/63), and Flash-Lite among them
    // (https://github.com/vercel/ai/pull/17102);
    // "Penalty is not enabled for this model" for "any non-zero value (e.g. 0.2)" on every model Google's cookbook was
    // tried with, while 0.0 "executes successfully" (https://github.com/google-gemini/cookbook/issues/1290). Gemini 3:
    // LiteLLM removed the penalties for it (https://github.com/BerriAI/litellm/pull/16907), and the same 400 is recorded
    // from Gemini 3.x Flash models through Vertex AI (https://github.com/Ikalus1988/MisakaNet/issues/1473). 2.0 takes them.
    source: 'https://github.com/vercel/ai/issues/8943, https://github.com/google-gemini/cookbook/issues/1290',
  },
  {
    vendor: 'google',
    models: /^gemini-3(?:\.\d+)?-/,
    facts: { maxCandidates: 1 },
    // candidateCount above 1: 400 INVALID_ARGUMENT "Multiple candidates is not enabled for this model" from
    // gemini-3-pro-preview (https://github.com/googleapis/python-genai/issues/1723) and "all Gemini 3.x models I've tested"
    // (gemini-3.1-flash-lite, gemini-3-flash-preview, gemini-3.1-pro-preview: https://github.com/googleapis/js-genai/issues/1609);
    // gemini-2.5-flash takes it. Vertex served gemini-3.1-pro-preview 4 candidates once (a comment on python-genai#1723);
    // the catalog does not tell the two platforms apart, so Vertex is asked for one as well.
    source: 'https://github.com/googleapis/js-genai/issues/1609, https://github.com/googleapis/python-genai/issues/1723',
  },
  {
    vendor: 'google',
    models: /^gemini-(?:1\.5|2\.0)-/,
    facts: { maxTopK: 40 },
    // A larger topK is a 400: "Unable to submit request because it has a topK value of 50 but the supported range is
    // from 1 (inclusive) to 41 (exclusive). Update the value and try again." from gemini-1.5-flash on the Gemini API
    // (https://github.com/genkit-ai/genkit/issues/1397), the same for 100 on gemini-2.0-flash-exp
    // (https://github.com/Robitx/gp.nvim/issues/241) and for 64 (https://github.com/Blarc/ai-commits-intellij-plugin/pull/279).
    source: 'https://github.com/genkit-ai/genkit/issues/1397, https://github.com/Robitx/gp.nvim/issues/241',
  },
  {
    vendor: 'amazon',
    models: /^nova-/,
    facts: { promptCacheFields: ['system', 'messages'] },
    // Bedrock's prompt caching table: "Amazon Nova Micro | amazon.nova-micro-v1:0 | 1,000 | 4 | system, messages"
    // (likewise Lite and Pro; Claude's row reads "system, messages, tools"), and "Tools caching is not supported
    // for Amazon Nova models" (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html#prompt-caching-models,
    // as quoted in https://portkey.ai/docs/integrations/llms/bedrock/prompt-caching).
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html#prompt-caching-models (via portkey.ai/docs/integrations/llms/bedrock/prompt-caching)',
  },
  {
    vendor: 'xai',
    models: /^grok-(?:3-mini|4)/,
    facts: { refusedSampling: ['presencePenalty', 'frequencyPenalty'] },
    // "Argument not supported on this model: presencePenalty" (HTTP 400, body {"code":"Client specified an invalid
    // argument","error":…}) from grok-3-mini-beta (https://github.com/yym68686/uni-api/issues/105) and grok-4
    // (https://github.com/lobehub/lobehub/issues/8381); "Model grok-4.5 does not support parameter presencePenalty."
    // (https://github.com/QuantumNous/new-api/pull/6081), and the same from grok-4.6, grok-4.3 and
    // grok-4.20-0309-non-reasoning with both penalties set to 0 (https://github.com/miaoxworld/NativeTavern/issues/83).
    source: 'https://github.com/yym68686/uni-api/issues/105, https://github.com/QuantumNous/new-api/pull/6081',
  },
  {
    vendor: 'xai',
    models: /^grok-(?:4(?:-0709)?|4-fast-reasoning|4-1-fast-reasoning|4\.20(?:-\d{4})?-reasoning|code-fast-1)$/,
    facts: { reasoning: { type: 'automatic' } },
    // "reasoning_effort is not supported by grok-3, grok-4 and grok-4-fast-reasoning. Specifying reasoning_effort
    // parameter will get an error response." (docs.x.ai/developers/model-capabilities/text/reasoning, as quoted in
    // https://github.com/superagent-ai/grok-cli/issues/198); the refusal, {"code":"Client specified an invalid
    // argument","error":"Model grok-4-latest does not support parameter reasoningEffort."}
    // (https://github.com/BerriAI/litellm/pull/16265). Measured against api.x.ai on 2026-05-10
    // (https://github.com/NousResearch/hermes-agent/pull/23435): grok-4, grok-4-0709, the 4 and 4.1 fast models,
    // grok-4.20-0309 and grok-code-fast-1 refuse it and "still reason"; grok-3-mini, grok-4.3 and
    // grok-4.20-multi-agent take it.
    source: 'https://github.com/NousResearch/hermes-agent/pull/23435, https://github.com/BerriAI/litellm/pull/16265',
  },
  {
    vendor: 'xai',
    models: /^grok-(?:3|4-fast-non-reasoning|4-1-fast-non-reasoning|4\.20(?:-\d{4})?-non-reasoning)$/,
    facts: { reasoning: { type: 'none' } },
    // The same measurement: grok-3 and the non-reasoning variants refuse `reasoning_effort` too
    // ("Model grok-4.20-0309-non-reasoning does not support parameter reasoningEffort.",
    // https://github.com/neavo/LinguaGacha/issues/771), and do not reason.
    source: 'https://github.com/NousResearch/hermes-agent/pull/23435, https://github.com/neavo/LinguaGacha/issues/771',
  },
  {
    vendor: 'xai',
    models: /^grok-(?:3-mini|code-fast|4)(?!.*-non-reasoning$)/,
    facts: { refusedSampling: ['stopSequences'] },
    // xAI's reasoning models refuse `stop`: "Argument not supported on this model: stop" from grok-4-0709
    // (https://github.com/BerriAI/litellm/issues/12635), grok-4 and grok-3-mini (https://github.com/huggingface/smolagents/issues/1765)
    // and grok-code-fast (https://github.com/BerriAI/litellm/pull/14565); "Model grok-4.5 does not support parameter stop."
    // (https://github.com/BerriAI/litellm-docs/pull/817), and grok-4.6 alike (https://github.com/mnfst/modelparams.dev/pull/330).
    // grok-3 and the non-reasoning variants take it (https://github.com/langchain-ai/langchain/pull/38335).
    source: 'https://github.com/BerriAI/litellm/issues/12635, https://github.com/BerriAI/litellm-docs/pull/817',
  },
  {
    vendor: 'xai',
    models: /^grok-3-mini/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'high'], beyondScale: [], turnOff: 'never' } },
    // `reasoning_effort` is "only supported by grok-3-mini and only low and high values are supported"
    // (https://github.com/UKGovernmentBEIS/inspect_ai/pull/2734; "api just support low and high":
    // https://github.com/egoist/chatwise-releases/issues/515); it always reasons.
    source: 'https://github.com/UKGovernmentBEIS/inspect_ai/pull/2734',
  },
  {
    vendor: 'xai',
    models: /^grok-4\.3$/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: ['none'], turnOff: 'disabled' } },
    // "Grok 4.3 has 4 reasoning effort levels (none, low, medium, and high)" (docs.x.ai/developers/migration/may-15-retirement,
    // quoted in https://github.com/theopenco/llmgateway/pull/3046); it reasons by default and "none" disables reasoning
    // entirely (@ai-sdk/xai 3.0.97, https://github.com/vercel/ai/releases/tag/%40ai-sdk%2Fxai%403.0.97).
    source: 'https://github.com/theopenco/llmgateway/pull/3046',
  },
  {
    vendor: 'xai',
    models: /^grok-4\.5$/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: [], turnOff: 'never' } },
    // grok-4.5 takes low, medium or high, default high, and "Reasoning cannot be disabled (no none)"
    // (docs.x.ai/developers/model-capabilities/text/reasoning, quoted in https://github.com/anomalyco/opencode/issues/39448
    // and https://github.com/anomalyco/models.dev/pull/3110); xhigh "xAI 400s" (https://github.com/can1357/oh-my-pi/pull/4888),
    // in the words "invalid-argument: Invalid reasoning effort." (https://github.com/YishenTu/claudian/pull/1003).
    source: 'https://github.com/anomalyco/models.dev/pull/3110, https://github.com/YishenTu/claudian/pull/1003',
  },
  {
    vendor: 'xai',
    models: /^grok-(?:4\.6|4\.7|4\.20-multi-agent(?:-\d{4})?)$/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: ['xhigh'], turnOff: 'never' } },
    // grok-4.6 takes low, medium, high and xhigh, default high, "none is invalid" (https://github.com/mnfst/modelparams.dev/pull/330,
    // from docs.x.ai/developers/model-capabilities/text/reasoning); grok-4.7 "supports low/medium/high/xhigh, default high,
    // no off", and grok-4.20-multi-agent low/medium/high/xhigh, where effort sets the number of agents
    // (https://docs.rs/synaps/0.10.2/synaps_cli/runtime/openai/catalog/enum.XaiReasoningCapability.html).
    source: 'https://github.com/mnfst/modelparams.dev/pull/330, https://docs.rs/synaps/0.10.2/synaps_cli/runtime/openai/catalog/enum.XaiReasoningCapability.html',
  },
  {
    vendor: 'groq',
    models: /^(?:meta-llama\/)?llama-/,
    facts: { reasoning: { type: 'none' } },
    // Groq's Llama models do not reason and refuse the field: "400 reasoning_effort is not supported with this model"
    // (llama-4-scout, https://github.com/brendanlong/lion-reader/pull/1325); "Groq returns HTTP 400 for
    // reasoning_effort on non-reasoning models" (llama-3.3-70b-versatile and llama-4-scout-17b-16e-instruct,
    // https://github.com/diegosouzapw/OmniRoute/pull/3277).
    source: 'https://github.com/brendanlong/lion-reader/pull/1325, https://github.com/diegosouzapw/OmniRoute/pull/3277',
  },
  {
    vendor: 'groq',
    models: /^qwen\/qwen3/,
    facts: { reasoning: { type: 'switch', on: 'default', off: 'none' } },
    // Qwen 3 on Groq takes reasoning_effort "none" to stop reasoning and "default" (or null) to reason, as it does
    // unless told (Groq's changelog: https://github.com/groq/groq-changelog/pull/8; qwen3.6-27b:
    // https://github.com/langchain-ai/langchain/pull/38976); anything else is refused, "reasoning_effort must be one
    // of none or default" (https://github.com/earendil-works/pi/issues/1745).
    source: 'https://github.com/groq/groq-changelog/pull/8, https://github.com/earendil-works/pi/issues/1745',
  },
  {
    vendor: 'groq',
    models: /^openai\/gpt-oss-/,
    facts: { reasoning: { type: 'effort', efforts: ['low', 'medium', 'high'], turnOff: 'never' } },
    // "gpt-oss-120b only accepts "low", "medium", or "high" for the reasoning_effort parameter" on Groq
    // (https://github.com/DataTalksClub/llm-zoomcamp/issues/183), as its reasoning page lists
    // (https://console.groq.com/docs/reasoning); it always reasons.
    source: 'https://github.com/DataTalksClub/llm-zoomcamp/issues/183 (console.groq.com/docs/reasoning)',
  },
  ...compatibleVendorRules,
];

/** The rules for a model, in table order. */
export function rulesFor(vendor: RuleVendor, undatedId: string): ModelRule[] {
  return modelRules.filter((rule) => rule.vendor === vendor && rule.models.test(undatedId));
}
