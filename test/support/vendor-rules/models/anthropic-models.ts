import type { VendorRule } from '../rule.js';
import { bodyModel, field } from './model-name.js';
import { blockBindingSource, blockBindingWithoutBeta, headerBetas } from '../anthropic/beta-rules.js';
import { effortWordRefused, effortWordSource } from '../anthropic/effort-rules.js';

/** Claude models that take `temperature` or `top_p`, never both. */
const oneSamplerModels = /^claude-(?:sonnet-4-5|haiku-4-5|opus-4-1|opus-4-5|sonnet-4-6|opus-4-6)$/;

/** Claude models from before structured output: the Claude 3 models, Sonnet 4 and Opus 4. */
const unstructuredModels = /^claude-(?:3-.+|sonnet-4|opus-4)$/;

/**
 * Claude models that refuse a thinking budget: Opus 4.7 and 4.8, Mythos, Fable and every Claude 5 model (Opus 5 as
 * Opus 4.8: platform.claude.com/docs/en/models/opus-5/migration-guide; Sonnet 5: github.com/Zoo-Code-Org/Zoo-Code/pull/778;
 * Sonnet 5.5: platform.claude.com/docs/en/models/sonnet-5-5/migration-guide; Haiku 5.5: its whats-new page).
 */
export const adaptiveOnlyModels = /^claude-(?:opus-4-[78]|(?:opus|sonnet|haiku)-(?:[5-9]|\d\d)(?:-.+)?|mythos-.+|fable-.+)$/;

/**
 * Those of them that refuse `disabled` as well: Opus 4.7 and 4.8, Mythos and Fable (docs.aws.amazon.com/bedrock/latest/
 * userguide/claude-messages-adaptive-thinking.html), Opus 5.5, which always thinks (whats-new-opus-5-5, "Thinking can't
 * be disabled"), and Sonnet 5.5, which turns thinking down with `between_tools` instead (whats-new-sonnet-5-5). Opus 5
 * and Sonnet 5 take `disabled` (platform.claude.com/docs/en/models/opus-5/migration-guide, "Breaking changes").
 */
export const alwaysThinkingModels = /^claude-(?:opus-4-[78]|opus-5-5|sonnet-5-5|mythos-.+|fable-.+)$/;

/** Claude models that refuse temperature, top_p and top_k on every request, by Anthropic's list. */
export const noSamplingModels = /^claude-(?:opus-4-[7-9]|(?:opus|sonnet|haiku)-(?:[5-9]|\d\d)(?:-.+)?|mythos-.+|fable-.+)$/;

/** Claude models that refuse a tool choice forcing a call (whats-new-opus-5-5, whats-new-sonnet-5-5). */
const unforcedToolModels = /^claude-(?:opus-5-5|sonnet-5-5|fable-5-1)$/;

/**
 * The most output tokens each Claude model writes, by Anthropic's model pages
 * (https://platform.claude.com/docs/en/models/overview and each model's own page, "Max output") and its
 * recorded refusals: claude-3-haiku 4096 (github.com/continuedev/continue/issues/4225), claude-3-opus 4096
 * (github.com/chathub-dev/chathub/issues/1222), claude-sonnet-4 64000 (github.com/OpenHands/OpenHands/issues/11090),
 * claude-opus-4-5 64000 (github.com/anthropics/claude-code/issues/24451).
 */
const outputLimits: ReadonlyArray<[RegExp, number]> = [
  [/^claude-3-(?:haiku|opus|sonnet)$/, 4096],
  [/^claude-3-5-(?:haiku|sonnet)$/, 8192],
  [/^claude-(?:opus-4|opus-4-1)$/, 32000],
  [/^claude-(?:3-7-sonnet|sonnet-4|sonnet-4-5|haiku-4-5|opus-4-5)$/, 64000],
  [/^claude-(?:opus-4-6|sonnet-4-6|opus-4-7|opus-4-8|(?:opus|sonnet)-5(?:-\d+)?|haiku-5-5|fable-5(?:-\d+)?)$/, 128000],
];

/**
 * Claude models without extended thinking: the Claude 3 and 3.5 models (extended thinking begins with Claude Sonnet 3.7:
 * https://docs.claude.com/en/docs/build-with-claude/extended-thinking#supported-models).
 */
const unthinkingModels = /^claude-3-(?:haiku|opus|sonnet|5-haiku|5-sonnet)$/;

/** Claude models that refuse a prefill: the 4.6 models and every one after them. */
export const noPrefillModels = /^claude-(?:(?:opus|sonnet)-4-(?:[6-9]|\d\d)|(?:opus|sonnet|haiku)-(?:[5-9]|\d\d)(?:-.+)?|mythos-.+|fable-.+)$/;

/** The text of the refusal of a conversation that ends on an assistant turn, as Anthropic words it. */
export const prefillRefusal = 'This model does not support assistant message prefill. The conversation must end with a user message.';

/**
 * The refusal of a prefill beside tool declarations, on every Claude model: recorded from Claude Haiku 3.5 on
 * Anthropic's API (https://github.com/vercel/ai/issues/4283) and from Claude 3.5 Sonnet on Bedrock's InvokeModel
 * (https://github.com/langchain-ai/langchain-aws/issues/124, https://github.com/langchain-ai/langgraph/issues/4940),
 * for a final assistant turn of text with `tool_choice: auto` as for one of tool calls.
 */
export const toolsPrefillRefusal =
  'Your API request included an `assistant` message in the final position, which would pre-fill the `assistant` response. When using tools, pre-filling the `assistant` response is not supported.';

/** Whether a list of messages ends on an assistant turn. */
export function endsOnAssistant(messages: unknown): boolean {
  if (!Array.isArray(messages)) return false;
  const last: unknown = messages[messages.length - 1];
  return typeof last === 'object' && last !== null && (last as { role?: unknown }).role === 'assistant';
}

export const anthropicModelRules: VendorRule[] = [
  {
    id: 'anthropic.model.no-forced-tool-choice',
    // "Forced tool use returns an error" on Claude Opus 5.5, and on Claude Fable 5.1
    // (platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5), and on Claude Sonnet 5.5
    // (platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5): `tool_choice: {"type": "any"}` or a named tool
    // returns a 400 (openrouter.ai/docs/cookbook/evaluate-and-optimize/model-migrations/opus-5-5). The wording is not
    // recorded; it is given in the words of the older refusal of forcing with thinking on, which these models always have.
    source: 'platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5',
    check: (request) => {
      const choice = field(request, 'tool_choice', 'type');
      return unforcedToolModels.test(bodyModel(request) ?? '') && (choice === 'any' || choice === 'tool')
        ? 'Thinking may not be enabled when tool_choice forces tool use.'
        : undefined;
    },
  },
  {
    id: 'anthropic.model.output-limit',
    // "max_tokens: 128001 > 64000, which is the maximum allowed number of output tokens for claude-opus-4-5-20251101"
    // (github.com/anthropics/claude-code/issues/24451): the model named as the request named it.
    source: 'platform.claude.com/docs/en/models/overview; github.com/anthropics/claude-code/issues/24451',
    check: (request) => {
      const model = bodyModel(request);
      const asked = field(request, 'max_tokens');
      // Claude Sonnet 3.7 writes up to 128000 with the beta header `output-128k-2025-02-19`.
      const longOutput = model === 'claude-3-7-sonnet' && String(request.headers['anthropic-beta'] ?? '').includes('output-128k-2025-02-19');
      const limit = longOutput ? 128000 : outputLimits.find(([models]) => models.test(model ?? ''))?.[1];
      if (limit === undefined || typeof asked !== 'number' || asked <= limit) return undefined;
      return `max_tokens: ${asked} > ${limit}, which is the maximum allowed number of output tokens for ${String(field(request, 'model'))}`;
    },
  },
  {
    id: 'anthropic.model.no-prefill',
    // "Prefill removal: Prefilling assistant messages returns a 400 error on Claude 4.6 models. Use structured outputs,
    // system prompt instructions, or output_config.format instead."
    // (https://platform.claude.com/docs/en/about-claude/models/migration-guide); the 400 reads as `prefillRefusal`
    // (https://github.com/agenticloops-ai/agentic-ai-engineering/issues/43, recorded body) and holds for 4.7, 4.8 and
    // the 5 models too (https://github.com/livekit/agents/issues/7217, https://github.com/QwenLM/qwen-code/issues/8039).
    source: 'platform.claude.com/docs/en/about-claude/models/migration-guide; github.com/agenticloops-ai/agentic-ai-engineering/issues/43',
    check: (request) => (noPrefillModels.test(bodyModel(request) ?? '') && endsOnAssistant(field(request, 'messages')) ? prefillRefusal : undefined),
  },
  {
    id: 'anthropic.model.structured-output',
    // Structured outputs are "generally available on the Claude API and Amazon Bedrock for Claude Opus 4.6, Claude
    // Sonnet 4.6, Claude Sonnet 4.5, Claude Opus 4.5, and Claude Haiku 4.5" after a public beta on Sonnet 4.5 and
    // Opus 4.1 (https://platform.claude.com/docs/en/build-with-claude/structured-outputs). A model without it is
    // refused "output_config.format: Extra inputs are not permitted" (as answered on Bedrock to Opus 4.7:
    // https://github.com/anomalyco/models.dev/pull/1765).
    source: 'platform.claude.com/docs/en/build-with-claude/structured-outputs; github.com/anomalyco/models.dev/pull/1765',
    check: (request) => {
      const model = bodyModel(request);
      if (model === undefined || !unstructuredModels.test(model)) return undefined;
      if (field(request, 'output_config', 'format') !== undefined) return 'output_config.format: Extra inputs are not permitted';
      return field(request, 'output_format') !== undefined ? 'output_format: Extra inputs are not permitted' : undefined;
    },
  },
  {
    id: 'anthropic.model.temperature-with-top-p',
    // "Use only temperature OR top_p, not both" (Sonnet 4.5 and Haiku 4.5:
    // https://platform.claude.com/docs/en/about-claude/models/migrating-to-claude-4); Opus 4.1 "has the same
    // constraint" (https://github.com/open-webui/functions/pull/9). The error text as answered to Sonnet 4.5
    // (https://github.com/fwdai/reticle/issues/7) and Sonnet 4.6 (https://github.com/Vali-98/ChatterUI/issues/564).
    source: 'platform.claude.com/docs/en/about-claude/models/migrating-to-claude-4; github.com/Vali-98/ChatterUI/issues/564',
    check: (request) => {
      const model = bodyModel(request);
      if (model === undefined || !oneSamplerModels.test(model)) return undefined;
      return field(request, 'temperature') !== undefined && field(request, 'top_p') !== undefined
        ? '`temperature` and `top_p` cannot both be specified for this model. Please use only one.'
        : undefined;
    },
  },
  {
    id: 'anthropic.model.thinking-adaptive-only',
    // Opus 4.7 (https://github.com/earendil-works/pi/issues/3297, recorded body), Opus 4.8
    // (https://github.com/AAswordman/Operit/pull/568), the Mythos and Fable models refuse a thinking budget, and
    // `disabled` as well ("will return a 400 error":
    // https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html). Anthropic gives both
    // refusals in these words for Opus 5.5 (platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5, "Thinking
    // can't be disabled": "\"thinking.type.disabled\" is not supported for this model. Use …").
    source: 'github.com/earendil-works/pi/issues/3297; docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html',
    check: (request) => {
      const type = field(request, 'thinking', 'type');
      const model = bodyModel(request) ?? '';
      if (!(type === 'enabled' && adaptiveOnlyModels.test(model)) && !(type === 'disabled' && alwaysThinkingModels.test(model))) return undefined;
      return `"thinking.type.${type}" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.`;
    },
  },
  {
    id: 'anthropic.model.no-thinking',
    // Recorded 400s: "'claude-3-5-haiku-20241022' does not support thinking." (github.com/anthropics/claude-code/issues/11388,
    // a count_tokens call on Vertex; #12914) and "'claude-3-5-sonnet-20241022' does not support thinking." (#2245).
    source: 'github.com/anthropics/claude-code/issues/11388, /2245 (recorded 400 bodies)',
    check: (request) => {
      const type = field(request, 'thinking', 'type');
      if ((type !== 'enabled' && type !== 'adaptive') || !unthinkingModels.test(bodyModel(request) ?? '')) return undefined;
      return `'${String(field(request, 'model'))}' does not support thinking.`;
    },
  },
  {
    id: 'anthropic.model.thinking-off-effort',
    // Thinking turned off caps the effort at `high`: on Opus 5 "thinking: {\"type\": \"disabled\"} together with xhigh or max
    // effort returns 400" (platform.claude.com/docs/en/models/opus-5/migration-guide); on Sonnet 5.5 "At xhigh or max
    // effort, requests with between_tools return a 400 error" (platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5).
    // The wording is not recorded.
    source: 'platform.claude.com/docs/en/models/opus-5/migration-guide; platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5',
    check: (request) => {
      const type = field(request, 'thinking', 'type');
      const effort = field(request, 'output_config', 'effort');
      if ((type !== 'disabled' && type !== 'between_tools') || (effort !== 'xhigh' && effort !== 'max')) return undefined;
      if (!adaptiveOnlyModels.test(bodyModel(request) ?? '')) return undefined;
      return `output_config.effort: "${effort}" is not supported with thinking.type "${type}"; use "high" or lower, or adaptive thinking.`;
    },
  },
  {
    id: 'anthropic.model.effort-word',
    // Claude models differ in the effort words they take (effort-rules.ts); a word the model lacks is a 400, in the
    // words recorded from claude-opus-4-6 (test/fixtures/recorded/anthropic/pa-error-400-invalid-request.response.json).
    source: effortWordSource,
    check: (request) => {
      const model = bodyModel(request);
      return model === undefined ? undefined : effortWordRefused(request, model);
    },
  },
  {
    id: 'anthropic.model.block-binding-beta',
    source: blockBindingSource,
    check: (request) => blockBindingWithoutBeta(request, headerBetas(request)),
  },
  {
    id: 'anthropic.model.sampling-removed',
    // Opus 4.7 "no longer accepts temperature, top_p, or top_k"
    // (https://openrouter.ai/docs/guides/evaluate-and-optimize/model-migrations/claude-4-7); Anthropic answers
    // "`temperature` is deprecated for this model." (https://github.com/Comfy-Org/ComfyUI/issues/13923). The later models
    // on Anthropic's list (docs.memberjunction.org/v6.2/api/functions/_memberjunction_ai-anthropic.RejectsSamplingParams.html;
    // platform.claude.com/docs/en/models/sonnet-5-5/migration-guide) refuse them too; their wording is not recorded, so
    // Opus 4.7's is given.
    source: 'github.com/Comfy-Org/ComfyUI/issues/13923; platform.claude.com/docs/en/models/sonnet-5-5/migration-guide',
    check: (request) => {
      if (!noSamplingModels.test(bodyModel(request) ?? '')) return undefined;
      const sent = ['temperature', 'top_p', 'top_k'].find((name) => field(request, name) !== undefined);
      return sent === undefined ? undefined : `\`${sent}\` is deprecated for this model.`;
    },
  },
];
