import { pathOf, type JudgedRequest, type VendorRule } from '../rule.js';
import { quotedList, type OpenAIRule } from '../openai-family/openai-rule.js';
import { bodyModel, field } from './model-name.js';

/**
 * OpenAI's reasoning models (https://platform.openai.com/docs/guides/reasoning): the o-series and the gpt-5 family, gpt-5.1
 * on with their mini, nano, pro, codex, Sol, Terra and Luna, and GPT-6's ("Unsupported parameter: 'max_tokens' is not
 * supported with this model. Use 'max_completion_tokens' instead.": test/fixtures/recorded/openai-chat/error-400-unsupported-parameter.json).
 */
const reasoningModels = /^(?:o1|o3|o3-mini|o3-pro|o4-mini|gpt-5|gpt-5-mini|gpt-5-nano|gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*|-sol|-terra|-luna)?|gpt-6(?:\.\d+)?-(?:astra|sol|terra|luna))$/;
/**
 * From gpt-5.1 on, reasoning can be turned off, and then "Logprobs, temperature and top-p are controllable parameters
 * on gpt-5.1 when reasoning effort is set to \"none\"" (github.com/vercel/ai/pull/10940, after OpenAI's
 * latest-model guide, "GPT-5.1 parameter compatibility"; github.com/vercel/ai/issues/10932).
 */
const logprobsWithEffortNone = /^gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*|-sol|-terra|-luna)?$/;
/** The same for sampling, and GPT-6 Terra and Luna take `temperature` with it too (github.com/BerriAI/litellm/discussions/42523). */
const takesSamplingWithEffortNone = /^(?:gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*|-sol|-terra|-luna)?|gpt-6(?:\.\d+)?-(?:terra|luna))$/;
/** Reasoning models that refuse logprobs whatever the effort (github.com/confident-ai/deepeval/pull/2184, /pull/2805). */
const noLogprobsModels = /^(?:o1|o3|o3-mini|o3-pro|o4-mini|gpt-5|gpt-5-mini|gpt-5-nano|gpt-6(?:\.\d+)?-astra)$/;
/** Models that do not reason (https://platform.openai.com/docs/models: GPT-4o, GPT-4.1, GPT-4 Turbo, GPT-3.5 Turbo). */
const nonReasoningModels = /^(?:gpt-4o|gpt-4o-mini|gpt-4\.1|gpt-4\.1-mini|gpt-4\.1-nano|gpt-4-turbo|gpt-3\.5-turbo)$/;

/** Reasoning models that refuse the `minimal` effort: the o-series and gpt-5.1 on (only gpt-5, its mini and nano take it). */
const noMinimalModels = /^(?:o1|o3|o3-mini|o3-pro|o4-mini|gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*)?)$/;
const minimalRefused = (request: JudgedRequest, effort: unknown): boolean => effort === 'minimal' && noMinimalModels.test(bodyModel(request) ?? '');

/**
 * Reasoning models that refuse `presence_penalty` and `frequency_penalty`, whatever the effort: o3-mini, gpt-5 and its
 * mini and nano, recorded; gpt-5.1 on with their mini, nano, pro and codex, by Azure's reasoning-models page ("The
 * following are currently unsupported with reasoning models: `temperature`, `top_p`, `presence_penalty`,
 * `frequency_penalty`, …": github.com/MicrosoftDocs/azure-ai-docs, articles/foundry/openai/how-to/reasoning.md, "Not
 * Supported"), where OpenAI's exception for effort `none` names only logprobs, temperature and top_p
 * (github.com/vercel/ai/pull/10940, /pull/11174).
 */
const penaltyRefusingModels = /^(?:o3-mini|gpt-5|gpt-5-mini|gpt-5-nano|gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*)?)$/;
/** The o-series models recorded refusing `parallel_tool_calls` on Chat Completions. */
const noParallelToolCallsModels = /^(?:o1|o3|o3-mini|o4-mini)$/;
/** Reasoning models recorded refusing `stop` (later ones, gpt-5.5 on, take it again). */
const noStopModels = /^(?:o3|o4-mini|gpt-5|gpt-5-mini|gpt-5-nano|gpt-5\.1|gpt-5\.2)$/;

/**
 * Models served by the Responses API only (`-latest` is cut off: codex-mini-latest is `codex-mini`): o3-pro
 * (github.com/simonw/llm/issues/1169), o1-pro (github.com/BoltAI/BoltAI/issues/292), gpt-5-codex
 * (github.com/alvinunreal/tmuxai/issues/82), codex-mini-latest (github.com/aaif-goose/goose/issues/2564),
 * gpt-5.1-codex-mini (github.com/HeyPuter/puter/issues/2110), gpt-5.1-codex-max (github.com/promptfoo/promptfoo/pull/6539).
 */
const responsesOnlyModels = /^(?:o1-pro|o3-pro|codex-mini|gpt-5(?:\.1)?-codex(?:-mini|-max)?)$/;
/** gpt-5-chat-latest does not reason and refuses the setting (github.com/Laisky/one-api/issues/120). */
const noEffortChatModels = /^gpt-5-chat$/;

/** Chat Completions refuses function tools with a reasoning effort other than `none` (gpt-5.2, gpt-5.4: they default to none). */
const toolsRefusedWhenAskedModels = /^gpt-5\.[24]$/;
/** The same, and these reason by default, so no effort at all is refused too (GPT-5.6 and GPT-6). */
const toolsRefusedUnlessOffModels = /^(?:gpt-5\.6(?:-sol|-terra|-luna)?|gpt-6(?:\.\d+)?-(?:astra|sol|terra|luna))$/;
/** GPT-6 Astra and Sol take "low, medium, high, xhigh, max" only (OpenAI's models page). */
const noNoneEffortModels = /^gpt-6(?:\.\d+)?-(?:astra|sol)$/;
/**
 * The effort words a model takes, where recorded or documented: the o-series low to high ("Earlier reasoning
 * models like o3 supported only low, medium, and high", OpenAI's GPT-5 guide via github.com/QuantumNous/new-api/pull/1525);
 * gpt-5 and its mini and nano minimal to high ("Unsupported value: 'xhigh' is not supported with the 'gpt-5-mini'
 * model. Supported values are: 'minimal', 'low', 'medium', and 'high'.": github.com/microsoft/vscode/issues/301045);
 * gpt-5.1 none to high (the same for 'gpt-5.1': github.com/microsoft/vscode/issues/299129); gpt-5.2 none to xhigh
 * (docs.rs/openai-tools 3.0.0 ReasoningEffort; "gpt-5.2 … have xhigh": github.com/charmbracelet/catwalk/issues/164);
 * GPT-6 Astra and Sol "low, medium, high, xhigh, max" (OpenAI's models page).
 */
const effortWords: Array<[models: RegExp, words: readonly string[]]> = [
  [/^(?:o1|o3|o3-mini|o3-pro|o4-mini)$/, ['low', 'medium', 'high']],
  [/^gpt-5(?:-mini|-nano)?$/, ['minimal', 'low', 'medium', 'high']],
  [/^gpt-5\.1$/, ['none', 'low', 'medium', 'high']],
  [/^gpt-5\.2$/, ['none', 'low', 'medium', 'high', 'xhigh']],
  [noNoneEffortModels, ['low', 'medium', 'high', 'xhigh', 'max']],
  // "Unsupported value: 'reasoning_effort' does not support 'high' with this model. Supported values are: 'medium'."
  // (GPT-5.2 Chat: github.com/egoist/chatwise-releases/issues/1257, github.com/Laisky/one-api/issues/285); on Responses
  // "Unsupported value: 'high' is not supported with the 'gpt-5.1-chat-latest' model. Supported values are: 'medium'."
  // (github.com/Laisky/one-api/issues/266).
  [/^gpt-5\.\d+-chat$/, ['medium']],
];

/** The words the model takes when `effort` is not one of them, listed as OpenAI lists them ('a', 'b', and 'c'). */
function refusedEffort(request: JudgedRequest, effort: unknown): string | undefined {
  // `minimal` where recorded refused has its own rule, in its own words (minimal-effort).
  if (typeof effort !== 'string' || minimalRefused(request, effort)) return undefined;
  const words = effortWords.find(([models]) => models.test(bodyModel(request) ?? ''))?.[1];
  if (words === undefined || words.includes(effort)) return undefined;
  return quotedList(words);
}

/** GPT-5.6 and GPT-6 take `temperature` only with reasoning off (github.com/BerriAI/litellm/discussions/42523). */
const temperatureWhenOffModels = toolsRefusedUnlessOffModels;

const hasFunctionTools = (request: JudgedRequest): boolean => {
  const tools = field(request, 'tools');
  return Array.isArray(tools) && tools.some((tool) => typeof tool === 'object' && tool !== null && (tool as { type?: unknown }).type === 'function');
};

const isReasoning = (request: JudgedRequest) => reasoningModels.test(bodyModel(request) ?? '');
/**
 * Models whose default effort is `none`: "gpt-5.1 defaults to none" (learn.microsoft.com/en-us/javascript/api/@azure/ai-projects/reasoningeffort);
 * for GPT-5.2 and GPT-5.4 `none` "is the default setting for both models" (developers.openai.com/api/docs/guides/latest-model,
 * "Lower reasoning effort"). Without an effort they take temperature, top_p and logprobs, which "are only supported"
 * at effort `none` (the same guide, "GPT-5.2 parameter compatibility", "GPT-5.4 parameter compatibility").
 */
const defaultNoneModels = /^gpt-5\.[124]$/;
/** The effort the request was sent with, on either API; a model's default `none` where it was sent none. */
const sentEffort = (request: JudgedRequest): unknown =>
  field(request, 'reasoning_effort') ?? field(request, 'reasoning', 'effort') ?? (defaultNoneModels.test(bodyModel(request) ?? '') ? 'none' : undefined);
/** A reasoning model that, as asked, reasons: sampling and logprobs are refused. gpt-5.1 on takes them with effort `none`. */
const isReasoningNow = (request: JudgedRequest): boolean =>
  isReasoning(request) && !(takesSamplingWithEffortNone.test(bodyModel(request) ?? '') && sentEffort(request) === 'none');
/**
 * A reasoning model asked for log probabilities: 403 {"error":{"message":"You are not allowed to request logprobs from this
 * model","type":"invalid_request_error","param":null,"code":null}} (o4-mini: github.com/confident-ai/deepeval/pull/2184; o3-mini:
 * github.com/confident-ai/deepeval/issues/1358), on Responses too ("logprobs are not supported for reasoning models":
 * github.com/UKGovernmentBEIS/inspect_ai/pull/2739); gpt-5, its mini and nano have none (github.com/confident-ai/deepeval/pull/2805).
 */
function logprobsRefused(request: JudgedRequest, asked: boolean): string | undefined {
  if (!asked) return undefined;
  const model = bodyModel(request) ?? '';
  if (!noLogprobsModels.test(model) && !(logprobsWithEffortNone.test(model) && sentEffort(request) !== 'none')) return undefined;
  return 'You are not allowed to request logprobs from this model';
}
const logprobsSource = 'github.com/confident-ai/deepeval/pull/2184; github.com/UKGovernmentBEIS/inspect_ai/pull/2739; github.com/vercel/ai/pull/10940';
const isNonReasoning = (request: JudgedRequest) => nonReasoningModels.test(bodyModel(request) ?? '');

/**
 * Output limits: "16,384 max output tokens" (https://developers.openai.com/api/docs/models/gpt-4o, and gpt-4o-mini);
 * GPT-4.1 and its mini and nano 32,768 ("Maximum output tokens: 32,768", vercel.com/ai-gateway/models/gpt-4.1-fast.md
 * and its mini and nano pages, after platform.openai.com/docs/models/gpt-4.1); GPT-4 Turbo 4,096, refused in the same words ("max_tokens is too large: 10000. This model supports at most 4096
 * completion tokens": github.com/logancyang/obsidian-copilot/issues/256).
 */
const outputLimits: Readonly<Record<string, number>> = {
  'gpt-4o': 16384,
  'gpt-4o-mini': 16384,
  'gpt-4.1': 32768,
  'gpt-4.1-mini': 32768,
  'gpt-4.1-nano': 32768,
  'gpt-4-turbo': 4096,
};

export const openaiChatModelRules: OpenAIRule[] = [
  {
    id: 'openai-chat.model.responses-only',
    // 404 {"error":{"message":"This model is only supported in v1/responses and not in v1/chat/completions.",
    // "type":"invalid_request_error","param":"model","code":null}} (o3-pro: github.com/simonw/llm/issues/1169;
    // gpt-5-codex: github.com/alvinunreal/tmuxai/issues/82). Azure refuses in words of its own ("The chatCompletion
    // operation does not work with the specified model, o3-pro.", github.com/cline/cline/issues/5018), not judged here.
    source: 'github.com/simonw/llm/issues/1169; github.com/alvinunreal/tmuxai/issues/82',
    status: 404,
    param: 'model',
    check: (request) =>
      responsesOnlyModels.test(bodyModel(request) ?? '') && !pathOf(request).startsWith('/openai/')
        ? 'This model is only supported in v1/responses and not in v1/chat/completions.'
        : undefined,
  },
  {
    id: 'openai-chat.model.chat-model-effort',
    // "Unsupported parameter: 'reasoning.effort' is not supported with this model." (param reasoning.effort, code
    // unsupported_parameter) from gpt-5-chat-latest (github.com/Laisky/one-api/issues/120), as Chat Completions names it.
    source: 'github.com/Laisky/one-api/issues/120',
    param: 'reasoning_effort',
    code: 'unsupported_parameter',
    check: (request) =>
      noEffortChatModels.test(bodyModel(request) ?? '') && field(request, 'reasoning_effort') !== undefined
        ? "Unsupported parameter: 'reasoning_effort' is not supported with this model."
        : undefined,
  },
  {
    id: 'openai-chat.model.tools-with-reasoning',
    // "Function tools with reasoning_effort are not supported for gpt-5.4 in /v1/chat/completions. Please use
    // /v1/responses instead." (param reasoning_effort: github.com/pipecat-ai/pipecat/issues/4043); from GPT-5.6 on
    // "… To use function tools, use /v1/responses or set reasoning_effort to 'none'." (gpt-5.6-sol:
    // github.com/github/app/issues/2133; gpt-6-astra: github.com/Wei-Shaw/sub2api/issues/6740), also when no effort is
    // sent, as those models reason by default (github.com/danny-avila/LibreChat/issues/14355).
    source: 'github.com/pipecat-ai/pipecat/issues/4043; github.com/github/app/issues/2133; github.com/danny-avila/LibreChat/issues/14355',
    check: (request) => {
      const model = bodyModel(request) ?? '';
      const effort = field(request, 'reasoning_effort');
      const named = String(field(request, 'model'));
      if (!hasFunctionTools(request)) return undefined;
      if (toolsRefusedWhenAskedModels.test(model) && effort !== undefined && effort !== 'none') {
        return `Function tools with reasoning_effort are not supported for ${named} in /v1/chat/completions. Please use /v1/responses instead.`;
      }
      if (toolsRefusedUnlessOffModels.test(model) && effort !== 'none') {
        return `Function tools with reasoning_effort are not supported for ${named} in /v1/chat/completions. To use function tools, use /v1/responses or set reasoning_effort to 'none'.`;
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.model.effort-values',
    // Each model's words (effortWords above). Worded as the recorded refusal of `minimal` by gpt-5.1
    // (github.com/immersive-translate/immersive-translate/issues/3529).
    source: 'github.com/microsoft/vscode/issues/301045; github.com/immersive-translate/immersive-translate/issues/3529',
    check: (request) => {
      const effort = field(request, 'reasoning_effort');
      const taken = refusedEffort(request, effort);
      return taken === undefined ? undefined : `Unsupported value: 'reasoning_effort' does not support '${String(effort)}' with this model. Supported values are: ${taken}.`;
    },
  },
  {
    id: 'openai-chat.model.temperature-while-reasoning',
    // "temperature only applies with reasoning_effort=\"none\". The default effort is medium" (GPT-6 Sol and Luna:
    // github.com/BerriAI/litellm/discussions/42523). Worded as gpt-5's refusal (github.com/diffbot/code-gpt-docs/issues/445).
    source: 'github.com/BerriAI/litellm/discussions/42523',
    check: (request) => {
      const temperature = field(request, 'temperature');
      if (!temperatureWhenOffModels.test(bodyModel(request) ?? '') || temperature === undefined || temperature === 1) return undefined;
      if (field(request, 'reasoning_effort') === 'none' && !noNoneEffortModels.test(bodyModel(request) ?? '')) return undefined;
      return `Unsupported value: 'temperature' does not support ${String(temperature)} with this model. Only the default (1) value is supported.`;
    },
  },
  {
    id: 'openai-chat.model.reasoning-temperature',
    // gpt-5 answers "Unsupported value: 'temperature' does not support 0.5 with this model. Only the default (1) value
    // is supported." (code unsupported_value: https://github.com/diffbot/code-gpt-docs/issues/445,
    // https://github.com/chatboxai/chatbox/issues/2564); the default 1 is accepted.
    source: 'github.com/diffbot/code-gpt-docs/issues/445',
    check: (request) => {
      const temperature = field(request, 'temperature');
      if (!isReasoningNow(request) || temperature === undefined || temperature === 1) return undefined;
      return `Unsupported value: 'temperature' does not support ${String(temperature)} with this model. Only the default (1) value is supported.`;
    },
  },
  {
    id: 'openai-chat.model.reasoning-top-p',
    // "Unsupported parameter: 'top_p' is not supported with this model." for o1 (https://github.com/aandrew-me/tgpt/issues/333)
    // and gpt-5 (https://github.com/lfnovo/open-notebook/issues/107).
    source: 'github.com/lfnovo/open-notebook/issues/107',
    check: (request) => (isReasoningNow(request) && field(request, 'top_p') !== undefined ? "Unsupported parameter: 'top_p' is not supported with this model." : undefined),
  },
  {
    id: 'openai-chat.model.reasoning-logprobs',
    source: logprobsSource,
    status: 403,
    check: (request) => {
      const logprobs = field(request, 'logprobs');
      return logprobsRefused(request, (logprobs !== undefined && logprobs !== null && logprobs !== false) || field(request, 'top_logprobs') !== undefined);
    },
  },
  {
    id: 'openai-chat.model.reasoning-penalties',
    // "Unsupported parameter: 'frequency_penalty' is not supported with this model." (param, code unsupported_parameter)
    // recorded from gpt-5 (https://github.com/oracle/ai-optimizer/issues/240); 'presence_penalty' from gpt-5-mini
    // (https://github.com/nextai-translator/nextai-translator/issues/1781) and o3-mini (https://github.com/TabbyML/tabby/issues/3974);
    // gpt-5.1 on by Azure's "Not Supported" list, with no exception for effort `none` (penaltyRefusingModels above).
    source: 'github.com/oracle/ai-optimizer/issues/240; github.com/nextai-translator/nextai-translator/issues/1781; learn.microsoft.com/azure/foundry/openai/how-to/reasoning#not-supported',
    check: (request) => {
      if (!penaltyRefusingModels.test(bodyModel(request) ?? '')) return undefined;
      const sent = ['presence_penalty', 'frequency_penalty'].find((name) => field(request, name) !== undefined);
      return sent === undefined ? undefined : `Unsupported parameter: '${sent}' is not supported with this model.`;
    },
  },
  {
    id: 'openai-chat.model.minimal-effort',
    // "Unsupported value: 'reasoning_effort' does not support 'minimal' with this model. Supported values are: 'none',
    // 'low', 'medium', and 'high'." (gpt-5.1: https://github.com/immersive-translate/immersive-translate/issues/3529);
    // "Earlier reasoning models like o3 supported only low, medium, and high" (https://github.com/QuantumNous/new-api/pull/1525).
    source: 'github.com/immersive-translate/immersive-translate/issues/3529',
    check: (request) =>
      minimalRefused(request, field(request, 'reasoning_effort'))
        ? "Unsupported value: 'reasoning_effort' does not support 'minimal' with this model. Supported values are: 'none', 'low', 'medium', and 'high'."
        : undefined,
  },
  {
    id: 'openai-chat.model.no-stop',
    // "Unsupported parameter: 'stop' is not supported with this model." (param stop, code unsupported_parameter), recorded
    // for o3 (https://github.com/crewAIInc/crewAI/issues/2738, https://github.com/BerriAI/litellm/issues/11182), o4-mini
    // (https://github.com/langgenius/dify/issues/18971), gpt-5-mini (https://github.com/huggingface/smolagents/issues/1671),
    // gpt-5 (https://github.com/BittnerPierre/AI-Agent-Casebook/issues/133), gpt-5.1 (https://github.com/huggingface/smolagents/pull/1868)
    // and gpt-5.2 (https://github.com/huggingface/smolagents/issues/1893).
    source: 'github.com/langgenius/dify/issues/18971; github.com/huggingface/smolagents/issues/1671',
    check: (request) =>
      noStopModels.test(bodyModel(request) ?? '') && field(request, 'stop') !== undefined ? "Unsupported parameter: 'stop' is not supported with this model." : undefined,
  },
  {
    id: 'openai-chat.model.no-parallel-tool-calls',
    // 400 "Unsupported parameter: 'parallel_tool_calls' is not supported with this model." (param parallel_tool_calls,
    // code unsupported_parameter), whatever its value: o1 (https://github.com/langchain-ai/langchain/issues/29416), o3-mini
    // (https://github.com/microsoft/semantic-kernel/issues/10365), o4-mini with `parallel_tool_calls = false`
    // (https://github.com/evalstate/fast-agent/issues/279, https://github.com/tensorzero/tensorzero/issues/2805), o3
    // (https://github.com/langchain-ai/langgraph-supervisor-py/pull/125).
    source: 'github.com/langchain-ai/langchain/issues/29416; github.com/evalstate/fast-agent/issues/279',
    check: (request) =>
      noParallelToolCallsModels.test(bodyModel(request) ?? '') && field(request, 'parallel_tool_calls') !== undefined
        ? "Unsupported parameter: 'parallel_tool_calls' is not supported with this model."
        : undefined,
  },
  {
    id: 'openai-chat.model.reasoning-max-tokens',
    source: 'test/fixtures/recorded/openai-chat/error-400-unsupported-parameter.json',
    check: (request) =>
      isReasoning(request) && field(request, 'max_tokens') !== undefined
        ? "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."
        : undefined,
  },
  {
    id: 'openai-chat.model.no-reasoning-effort',
    // gpt-4o answers "Unrecognized request argument supplied: reasoning_effort" (https://github.com/AAswordman/Operit/issues/1048).
    source: 'github.com/AAswordman/Operit/issues/1048',
    check: (request) => (isNonReasoning(request) && field(request, 'reasoning_effort') !== undefined ? 'Unrecognized request argument supplied: reasoning_effort' : undefined),
  },
  {
    id: 'openai-chat.model.output-limit',
    // "max_tokens is too large: 32000. This model supports at most 16384 completion tokens, whereas you provided 32000."
    // (gpt-4o: https://github.com/enoch3712/ExtractThinker/issues/346, https://github.com/charmbracelet/catwalk/issues/41).
    source: 'github.com/enoch3712/ExtractThinker/issues/346',
    check: (request) => {
      const limit = outputLimits[bodyModel(request) ?? ''];
      const asked = field(request, 'max_completion_tokens') ?? field(request, 'max_tokens');
      if (limit === undefined || typeof asked !== 'number' || asked <= limit) return undefined;
      return `max_tokens is too large: ${asked}. This model supports at most ${limit} completion tokens, whereas you provided ${asked}.`;
    },
  },
];

export const openaiResponsesModelRules: VendorRule[] = [
  {
    id: 'openai-responses.model.effort-values',
    // Each model's words (effortWords above), worded as the recorded Responses refusal of `minimal` by gpt-5.1
    // (github.com/anomalyco/opencode/issues/4451).
    source: 'github.com/microsoft/vscode/issues/301045; github.com/anomalyco/opencode/issues/4451',
    check: (request) => {
      const effort = field(request, 'reasoning', 'effort');
      const taken = refusedEffort(request, effort);
      return taken === undefined ? undefined : `Unsupported value: '${String(effort)}' is not supported with the '${String(field(request, 'model'))}' model. Supported values are: ${taken}.`;
    },
  },
  {
    id: 'openai-responses.model.temperature-while-reasoning',
    // As on Chat Completions: GPT-5.6 and GPT-6 take `temperature` only with reasoning off
    // (github.com/BerriAI/litellm/discussions/42523), in the Responses wording of the recorded refusal.
    source: 'github.com/BerriAI/litellm/discussions/42523; test/fixtures/recorded/openai-responses/error-400-unsupported-temperature.json',
    check: (request) => {
      const model = bodyModel(request) ?? '';
      if (!temperatureWhenOffModels.test(model) || field(request, 'temperature') === undefined) return undefined;
      if (field(request, 'reasoning', 'effort') === 'none' && !noNoneEffortModels.test(model)) return undefined;
      return "Unsupported parameter: 'temperature' is not supported with this model.";
    },
  },
  {
    id: 'openai-responses.model.reasoning-temperature',
    source: 'test/fixtures/recorded/openai-responses/error-400-unsupported-temperature.json',
    check: (request) => (isReasoningNow(request) && field(request, 'temperature') !== undefined ? "Unsupported parameter: 'temperature' is not supported with this model." : undefined),
  },
  {
    id: 'openai-responses.model.reasoning-logprobs',
    source: logprobsSource,
    status: 403,
    check: (request) => {
      const include = field(request, 'include');
      const asked = field(request, 'top_logprobs') !== undefined || (Array.isArray(include) && include.includes('message.output_text.logprobs'));
      return logprobsRefused(request, asked);
    },
  },
  {
    id: 'openai-responses.model.reasoning-top-p',
    // The same wording for top_p (https://github.com/brainlid/langchain/pull/428, Responses API).
    source: 'github.com/brainlid/langchain/pull/428; github.com/lfnovo/open-notebook/issues/107',
    check: (request) => (isReasoningNow(request) && field(request, 'top_p') !== undefined ? "Unsupported parameter: 'top_p' is not supported with this model." : undefined),
  },
  {
    id: 'openai-responses.model.minimal-effort',
    // "Unsupported value: 'minimal' is not supported with the 'gpt-5.1' model. Supported values are: 'none', 'low',
    // 'medium', and 'high'." (https://github.com/anomalyco/opencode/issues/4451, recorded body).
    source: 'github.com/anomalyco/opencode/issues/4451',
    check: (request) =>
      minimalRefused(request, field(request, 'reasoning', 'effort'))
        ? `Unsupported value: 'minimal' is not supported with the '${bodyModel(request) ?? ''}' model. Supported values are: 'none', 'low', 'medium', and 'high'.`
        : undefined,
  },
  {
    id: 'openai-responses.model.reasoning-input-items',
    // "Reasoning input items can only be provided to a reasoning or computer use model." (o4-mini's items handed to
    // gpt-4.1: https://github.com/openai/openai-agents-python/issues/569, quoted in https://github.com/openai/openai-agents-python/pull/2602).
    source: 'github.com/openai/openai-agents-python/issues/569; github.com/openai/openai-agents-python/pull/2602',
    check: (request) => {
      const input = field(request, 'input');
      const carriesReasoning = Array.isArray(input) && input.some((item) => typeof item === 'object' && item !== null && (item as { type?: unknown }).type === 'reasoning');
      return isNonReasoning(request) && carriesReasoning ? 'Reasoning input items can only be provided to a reasoning or computer use model.' : undefined;
    },
  },
  {
    id: 'openai-responses.model.chat-model-effort',
    // gpt-5-chat-latest: "Unsupported parameter: 'reasoning.effort' is not supported with this model." (param reasoning.effort,
    // code unsupported_parameter; github.com/Laisky/one-api/issues/120, the body quoted whole).
    source: 'github.com/Laisky/one-api/issues/120',
    check: (request) =>
      noEffortChatModels.test(bodyModel(request) ?? '') && field(request, 'reasoning', 'effort') !== undefined
        ? "Unsupported parameter: 'reasoning.effort' is not supported with this model."
        : undefined,
  },
  {
    id: 'openai-responses.model.no-reasoning-effort',
    // gpt-4.1: "Unsupported parameter: 'reasoning.effort' is not supported with this model." (https://github.com/BoundaryML/baml/pull/2708).
    source: 'github.com/BoundaryML/baml/pull/2708',
    check: (request) =>
      isNonReasoning(request) && field(request, 'reasoning', 'effort') !== undefined ? "Unsupported parameter: 'reasoning.effort' is not supported with this model." : undefined,
  },
];
