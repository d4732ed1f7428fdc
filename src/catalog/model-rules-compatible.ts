/**
 * Model rules (model-rules.ts) for the OpenAI-compatible vendors reached through their own presets
 * (providers/presets.ts): DeepSeek, Moonshot's Kimi, Alibaba's Qwen on DashScope, Mistral, Zhipu's GLM
 * and Groq. Their APIs take OpenAI's request shape but refuse parts of it per model: images, a JSON
 * Schema response format, reasoning_effort or some of its words, sampling the model pins, and a
 * forced tool call while the model thinks, which most of these models do by default.
 */
import type { ModelRule } from './model-rules.js';

export const compatibleVendorRules: readonly ModelRule[] = [
  {
    vendor: 'deepseek',
    models: /^deepseek-(?:chat|reasoner|v4-pro)$/,
    facts: { vision: false },
    // DeepSeek's text models refuse any content part but text: "Failed to deserialize the JSON body into the target
    // type: messages[1]: unknown variant `image_url`, expected `text`" from deepseek-v4-pro and deepseek-v4-flash
    // (https://github.com/rikkahub/rikkahub/issues/1433, 2026-07), deepseek-v4-pro (https://github.com/nesquena/hermes-webui/issues/2297)
    // and deepseek-chat (https://github.com/jxxghp/MoviePilot/issues/5863). deepseek-v4-flash is not named: since
    // 2026-09-10 DeepSeek routes it to V4.1 Flash (`deepseek-flash`), which reads images
    // (https://github.com/coulsontl/ai-toolbox/issues/337; https://github.com/kuan-er/sjtu-agent/pull/182, from DeepSeek's notice).
    source: 'https://github.com/rikkahub/rikkahub/issues/1433, https://github.com/nesquena/hermes-webui/issues/2297',
  },
  {
    vendor: 'deepseek',
    models: /^deepseek-(?!chat$)/,
    facts: { forcedToolChoiceRefusedWhileReasoning: 'unless-off' },
    // deepseek-v4-pro and deepseek-v4-flash "are always in thinking mode by default and reject tool_choice=\"required\" as
    // well as tool_choice={\"type\":\"function\",…}" with 400 "Thinking mode does not support this tool_choice"; deepseek-chat
    // is not affected (https://github.com/deepseek-ai/DeepSeek-V3/issues/1376). Measured against deepseek-v4-flash: both
    // forced choices answer 200 with `thinking: {"type": "disabled"}` (https://github.com/BerriAI/litellm/pull/37470).
    source: 'https://github.com/deepseek-ai/DeepSeek-V3/issues/1376, https://github.com/BerriAI/litellm/pull/37470',
  },
  {
    vendor: 'deepseek',
    models: /^deepseek-chat$/,
    facts: { forcedToolChoiceRefusedWhileReasoning: 'when-asked' },
    // The legacy alias thinks only when switched on (api-docs.deepseek.com/guides/thinking_mode), and the refusal is
    // thinking mode's, "Thinking mode does not support this tool_choice" (https://github.com/cloudwego/eino/issues/994,
    // with `thinking: {"type": "enabled"}`).
    source: 'https://github.com/cloudwego/eino/issues/994',
  },
  {
    vendor: 'moonshot',
    models: /^kimi-k2\.[56]$/,
    facts: { reasoning: { type: 'effort', turnOff: 'disabled' }, forcedToolChoiceRefusedWhileReasoning: 'unless-off' },
    // Kimi K2.5 and K2.6 think by default and stop with `thinking: {"type": "disabled"}` (Moonshot's docs, as
    // https://github.com/anomalyco/models.dev/pull/2294 cites them; quoted in https://github.com/yilewang/llm-for-zotero/issues/65).
    // Thinking, they refuse a forced call: "tool_choice 'required' is incompatible with thinking enabled"
    // (https://github.com/AstrBotDevs/AstrBot/issues/7805), "tool_choice specified is incompatible with thinking enabled"
    // for a named tool on K2.6 (https://github.com/can1357/oh-my-pi/issues/1077); with thinking disabled the restriction
    // "genuinely is lifted" (probed live: https://github.com/UKGovernmentBEIS/inspect_ai/pull/5156).
    source: 'https://github.com/AstrBotDevs/AstrBot/issues/7805, https://github.com/can1357/oh-my-pi/issues/1077',
  },
  {
    vendor: 'moonshot',
    models: /^kimi-k2\.7-code(?:-highspeed)?$/,
    facts: { reasoning: { type: 'effort', turnOff: 'never' }, forcedToolChoiceRefusedWhileReasoning: 'unless-off' },
    // Kimi K2.7 Code always thinks: `thinking: {"type": "disabled"}` is refused, "invalid thinking: only type=enabled is allowed
    // for this model" (kimi-k2.7-code-highspeed: https://github.com/MoonshotAI/kimi-code/issues/797; kimi-k2.7-code, from
    // Moonshot's K2.7 Code quickstart: https://github.com/can1357/oh-my-pi/issues/3852). Thinking, it refuses a forced call of
    // either kind: "Moonshot rejects `required` with thinking enabled on every Kimi model except K3", and a named tool_choice
    // on kimi-k2.7-code answers "tool_choice 'specified' is incompatible with thinking enabled"
    // (https://github.com/UKGovernmentBEIS/inspect_ai/pull/5152, from a probe of the live API). So a forced choice goes as `auto`.
    source: 'https://github.com/MoonshotAI/kimi-code/issues/797, https://github.com/UKGovernmentBEIS/inspect_ai/pull/5152',
  },
  {
    vendor: 'moonshot',
    models: /^kimi-k3$/,
    facts: {
      reasoning: { type: 'effort', efforts: ['low', 'high'], beyondScale: ['max'], turnOff: 'never' },
      forcedToolChoiceRefusedWhileReasoning: 'unless-off',
      forcedToolChoiceRefusedOnly: 'named',
    },
    // Kimi K3's reasoning_effort "supports low, high, and max (default max); K3 always has thinking mode enabled" (its
    // quickstart, platform.kimi.ai/docs/guide/kimi-k3-quickstart, quoted in https://github.com/theopenco/llmgateway/pull/3378);
    // `medium` fails with HTTP 400 (https://github.com/CherryHQ/cherry-studio/pull/20036), "Unsupported value: 'reasoning_effort'
    // does not support 'medium' with this model. Supported values are: 'low', 'high', and 'max'."
    // (https://github.com/liliMozi/openhanako/issues/2092). Another word goes as the nearest it takes, looking up (medium → high).
    // It takes `required` while thinking (https://github.com/UKGovernmentBEIS/inspect_ai/pull/5152) but not a named tool,
    // "400 tool_choice specified is incompatible with thinking enabled" (https://github.com/can1357/oh-my-pi/pull/5994), and
    // its thinking "can't be disabled" (https://github.com/enricoros/big-AGI/issues/1161): a named choice goes as `auto`.
    source: 'https://github.com/theopenco/llmgateway/pull/3378, https://github.com/CherryHQ/cherry-studio/pull/20036, https://github.com/can1357/oh-my-pi/pull/5994',
  },
  {
    vendor: 'moonshot',
    models: /^kimi-(?:k2\.[5-7]|k3)(?:-|$)/,
    facts: { refusedSampling: ['temperature', 'topP'], refusedUnlessZero: ['presencePenalty', 'frequencyPenalty'] },
    // Moonshot's model-parameter guide: "Kimi K3/K2.7/K2.6/K2.5 use fixed sampling and explicit temperature, top_p,
    // presence_penalty, or frequency_penalty modifications cause errors" (quoted in https://github.com/vercel/ai/issues/19543).
    // Refused as "invalid temperature: only 1 is allowed for this model" (kimi-k2.5: https://github.com/countbot-ai/CountBot/issues/61),
    // "only 0.6 is allowed" with thinking off (https://github.com/arcsin1/oh-my-ppt/issues/45; K2.6:
    // https://github.com/Mai-with-u/MaiBot/issues/1833), "invalid top_p: only 0.95 is allowed for this model"
    // (https://github.com/CherryHQ/cherry-studio/issues/12691, https://github.com/iOfficeAI/gemini-cli-pro/pull/30) and
    // "invalid presence_penalty: only 0 is allowed for this model" (kimi-k2.5: https://github.com/cecli-dev/cecli/issues/484).
    // The pinned values are the defaults, so leaving the fields out loses nothing the model would take.
    source: 'https://github.com/vercel/ai/issues/19543, https://github.com/countbot-ai/CountBot/issues/61, https://github.com/CherryHQ/cherry-studio/issues/12691',
  },
  {
    vendor: 'alibaba',
    models: /^qwen/,
    facts: { forcedToolChoiceRefusedWhileReasoning: 'when-asked' },
    // DashScope, thinking: "<400> InternalError.Algo.InvalidParameter: The tool_choice parameter does not support being set
    // to required or object in thinking mode" (qwen3.5-plus with enable_thinking: https://github.com/cloudwego/eino/issues/994;
    // a named choice on qwen3.8-max "succeeds when thinking is disabled": https://github.com/agentscope-ai/agentscope/issues/1608).
    source: 'https://github.com/cloudwego/eino/issues/994, https://github.com/agentscope-ai/agentscope/issues/1608',
  },
  {
    vendor: 'alibaba',
    models: /^(?:qwen3-\d+(?:\.\d+)?b(?:-a\d+b)?|qwen3\.5-(?:plus|flash))$/,
    facts: { forcedToolChoiceRefusedWhileReasoning: 'unless-off' },
    // These think unless told not to: "Qwen3 商业版模型默认值为 False，Qwen3 开源版模型默认值为 True" (DashScope's reference on
    // enable_thinking, quoted in https://github.com/sunmh207/AI-Codereview-Gitlab/pull/104), and "qwen3.5-plus默认开启"
    // (https://github.com/langgenius/dify-official-plugins/pull/2628; qwen3.5-flash alike: /pull/2626).
    source: 'https://github.com/sunmh207/AI-Codereview-Gitlab/pull/104, https://github.com/langgenius/dify-official-plugins/pull/2628',
  },
  {
    vendor: 'mistral',
    models: /^(?:mistral-small(?:-2603)?|mistral-medium(?:-3|-3-5|-3\.5|-2604)?|magistral-small)$/,
    facts: { reasoning: { type: 'effort', efforts: ['high'], beyondScale: ['none'], turnOff: 'disabled' } },
    // Mistral's adjustable reasoning takes reasoning_effort "none" or "high" only ("Different models expose different
    // reasoning effort levels, from toggling reasoning on or off …": https://docs.mistral.ai/resources/cookbooks/mistral-reasoning);
    // another word is refused, "reasoning_effort='medium' is not supported for this model. Must be one of
    // (<ReasoningEffort.none: 'none'>, <ReasoningEffort.high: 'high'>)" (mistral-small, code 3051:
    // https://github.com/architects-toolkit/SmartHopper/issues/647), so any level goes as "high" (with a warning) and
    // off as "none". The models, probed live: Small 4 (mistral-small-latest, -2603), Medium 3.5 (mistral-medium-2604,
    // -3-5, and mistral-medium-latest, which points to it since mid-2026) and magistral-small-latest
    // (https://github.com/withceleste/celeste-python/pull/311, 2026-07; https://github.com/anomalyco/models.dev/pull/1986).
    // Without the field Small 4 and Medium 3.5 do not think (https://github.com/UKGovernmentBEIS/inspect_ai/pull/4711).
    source: 'https://github.com/architects-toolkit/SmartHopper/issues/647, https://github.com/withceleste/celeste-python/pull/311',
  },
  {
    vendor: 'mistral',
    models: /^magistral-medium(?:-\d{4})?$/,
    facts: { reasoning: { type: 'automatic' } },
    // Magistral reasons by itself ("Native — … These models always generate reasoning traces": docs.mistral.ai/capabilities/reasoning)
    // and magistral-medium refuses reasoning_effort ("API: reasoning_effort not enabled", probed live:
    // https://github.com/withceleste/celeste-python/pull/311; 422 in https://github.com/NousResearch/hermes-agent/issues/11243).
    source: 'https://github.com/withceleste/celeste-python/pull/311, https://github.com/NousResearch/hermes-agent/issues/11243',
  },
  {
    vendor: 'mistral',
    models: /^(?:mistral-large(?:-\d{4})?|mistral-medium-(?:2505|2508)|codestral(?:-\d{4})?|ministral-.+)$/,
    facts: { reasoning: { type: 'none' } },
    // These do not reason and refuse the field: mistral-large-latest and codestral-latest (422, "All other Mistral models"
    // too: https://github.com/NousResearch/hermes-agent/issues/11243), Mistral Large "returns 400, \"not enabled for this
    // model\"" (https://github.com/dust-tt/dust/pull/27613), Medium 3.1 (mistral-medium-2508, which mistral-medium-latest
    // was until mid-2026: https://github.com/anomalyco/models.dev/pull/1986), and Ministral: "setting reasoning_effort for it
    // will fail" (https://github.com/tontinton/maki/pull/396). Mistral Large 4 (mistral-large-4) reasons, with levels of
    // its own not recorded here (docs.mistral.ai/inference/conversations/reasoning), so it is not named.
    source: 'https://github.com/NousResearch/hermes-agent/issues/11243, https://github.com/dust-tt/dust/pull/27613, https://github.com/tontinton/maki/pull/396',
  },
  {
    vendor: 'zhipu',
    models: /^glm-\d+(?:\.\d+)?(?!v)(?:-.+)?$/,
    facts: { vision: false },
    // GLM's text models (glm-4.6, glm-5, …) take text content parts only: an image answers code 1210 "messages.content.type
    // 参数非法，取值范围 ['text']" (https://github.com/TriDefender/zcode-api/pull/26, "GLM 文本模型（glm-4.6/glm-5 等）";
    // https://github.com/BigPizzaV3/CodexPlusPlus/issues/1760); glm-4.7 with an image: "API 调用参数有误"
    // (https://github.com/DayuanJiang/next-ai-draw-io/issues/656). The vision models carry a `v` after the version
    // (glm-4v-flash, glm-4.5v, glm-4.6v-flash: https://github.com/zai-org/GLM-V/issues/234) and are not matched.
    source: 'https://github.com/TriDefender/zcode-api/pull/26, https://github.com/BigPizzaV3/CodexPlusPlus/issues/1760',
  },
  {
    vendor: 'groq',
    models: /^(?:meta-llama\/)?llama-?3(?!.*vision)/,
    facts: { vision: false, structuredOutput: false },
    // Groq's Llama 3 text models read no images: "message[0].content must be a string" for an image part
    // (https://github.com/vercel/ai/issues/2837); "Most Groq models (e.g. llama-3.1-8b-instant) do not support vision"
    // (https://github.com/Skyvern-AI/skyvern/pull/5636); Llama 4 and qwen3.6 read them (https://github.com/angerman/llm-groq/pull/30).
    // Nor do they take a JSON Schema: "400 This model does not support response format `json_schema`." from
    // llama-3.3-70b-versatile (https://github.com/plune-ai/cairn/pull/36); Groq's Structured Outputs are for GPT-OSS,
    // Kimi K2 and Llama 4 (console.groq.com/docs/structured-outputs, as https://github.com/anotherai-dev/anotherai/issues/164
    // lists them; https://github.com/groq/groq-changelog/pull/11).
    source: 'https://github.com/vercel/ai/issues/2837, https://github.com/plune-ai/cairn/pull/36, https://github.com/anotherai-dev/anotherai/issues/164',
  },
];
