/**
 * Model rules (model-rules.ts) for the OpenAI-compatible vendors reached through their own presets
 * (providers/presets.ts): DeepSeek, Moonshot's Kimi and Alibaba's Qwen on DashScope. Their APIs take
 * OpenAI's request shape but refuse parts of it per model: images, sampling the model pins, and a
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
];
