/**
 * Reasoning on Bedrock Converse is a model parameter: for Claude it is Anthropic's `thinking`
 * object in `additionalModelRequestFields` (recorded:
 * test/fixtures/recorded/bedrock/pa-converse-stream-reasoning.request.json,
 * `"additionalModelRequestFields": {"thinking": {"type": "enabled", "budget_tokens": 1024}}`).
 * Other model families take other fields, so reasoning asked of them is reported, not guessed.
 */
import type { EmitRequestOptions } from '../../interlingua/dialect.js';
import type { ReasoningSettings, Sampling } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { isReasoningOff, isReasoningOn } from '../../core/reasoning-budget.js';
import { claudeThinkingBudget, claudeThinkingEffort } from '../../core/claude-thinking-budget.js';
import { claudeThinkingSampling, thinkingOffForForcedToolWarning } from '../../core/claude-thinking-sampling.js';
import { thinkingOffForPrefillWarning } from '../../core/claude-thinking-placement.js';
import type { EmittedTurn } from './messages-emit.js';
import { prefillLacksReasoning, withoutFinalReasoning } from './thinking-placement.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { effortOnScale, effortSpellingKey, thinkingSpellingKey } from '../../core/claude-effort.js';
import { thinkingBindingBeta } from '../claude-family/platform-betas.js';

/** The platform named in this dialect's warnings about Claude's thinking. */
const platform = 'Claude on Bedrock';

export interface Thinking {
  /** Merged into `additionalModelRequestFields`. */
  fields: Record<string, unknown>;
  enabled: boolean;
  budget?: number;
}

/** Claude model ids and inference profiles: `anthropic.claude-…`, `us.anthropic.claude-…`. */
export function isClaude(model: string): boolean {
  return model.includes('anthropic.claude');
}

/**
 * As for Anthropic's own API: a budget is sent as it is (raised to Claude's minimum); an effort,
 * or reasoning asked for without either, becomes the shared budget for that effort (`medium`
 * when none), at least the minimum.
 */
export function emitThinking(
  reasoning: ReasoningSettings | undefined,
  model: string,
  warnings: Warning[],
  byEffort = false,
  offSetting?: EmitRequestOptions['reasoningOff'],
  written?: Record<string, unknown>,
): Thinking | undefined {
  if (reasoning === undefined) return undefined;
  const off = isReasoningOff(reasoning);
  if (byEffort && isClaude(model)) return off ? thinkingOff(offSetting) : adaptiveThinking(reasoning, model, warnings, written);
  // A caller that asked Claude for adaptive thinking in Claude's own words (an Anthropic or a Converse
  // caller: core/claude-effort.ts) gets it, as on Anthropic's API, rather than a budget.
  if (!off && isClaude(model) && asksAdaptive(written)) return adaptiveThinking(reasoning, model, warnings, written);
  if (!isClaude(model)) {
    if (!off && (isReasoningOn(reasoning) || (reasoning.budgetTokens ?? 0) > 0)) {
      addWarningPerFeature(warnings, {
        type: 'unsupported',
        feature: 'reasoning',
        message: `Reasoning settings for ${model} on Bedrock are a model parameter the gateway does not know; give them in additionalModelRequestFields. They were left out.`,
      });
    }
    return undefined;
  }
  if (off) return { fields: { thinking: { type: 'disabled' } }, enabled: false };
  const budget = claudeThinkingBudget(reasoning, platform, (warning) => addWarningPerFeature(warnings, warning));
  if (budget === undefined) return undefined;
  return { fields: { thinking: { type: 'enabled', budget_tokens: budget } }, enabled: true, budget };
}

/** Thinking off as for Anthropic's own API (anthropic/request-emit.ts): no field, `disabled`, or Sonnet 5.5's `between_tools`. */
function thinkingOff(setting: EmitRequestOptions['reasoningOff']): Thinking | undefined {
  if (setting === undefined) return undefined;
  return { fields: { thinking: { type: setting === 'disabled' ? 'disabled' : 'between_tools' } }, enabled: false };
}

/**
 * Claude models that think adaptively only (Opus 4.7 and later, the catalog's `reasoning: effort`)
 * refuse `enabled` and `disabled` alike
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html); on
 * Converse they take Anthropic's fields in `additionalModelRequestFields`, `thinking: {type:
 * "adaptive"}` with `output_config.effort` (as an Amazon engineer writes the request:
 * https://github.com/UKGovernmentBEIS/inspect_ai/issues/3765). Off is no thinking field at all.
 */
function adaptiveThinking(reasoning: ReasoningSettings, model: string, warnings: Warning[], written: Record<string, unknown> | undefined): Thinking {
  const effort = writtenEffort(reasoning, written) ?? claudeThinkingEffort(reasoning, model, (warning) => addWarningPerFeature(warnings, warning));
  return { fields: { thinking: { type: 'adaptive' }, ...(effort === undefined ? {} : { output_config: { effort } }) }, enabled: true };
}

function asksAdaptive(written: Record<string, unknown> | undefined): boolean {
  const thinking = written?.[thinkingSpellingKey];
  return typeof thinking === 'object' && thinking !== null && (thinking as Record<string, unknown>)['type'] === 'adaptive';
}

/** The caller's effort word as written (`max`), while the reasoning settings still say it (no model fit changed them). */
function writtenEffort(reasoning: ReasoningSettings, written: Record<string, unknown> | undefined): string | undefined {
  const word = written?.[effortSpellingKey];
  if (typeof word !== 'string') return undefined;
  const onScale = effortOnScale(word);
  return onScale !== undefined && onScale === reasoning.effort ? word : undefined;
}

/**
 * Thinking as asked, unless the request is one Claude refuses with thinking on:
 * - one that answers tool calls whose assistant turn does not open with its signed reasoning ("a
 *   final `assistant` message must start with a thinking block",
 *   https://docs.claude.com/en/docs/build-with-claude/extended-thinking); history from another
 *   platform has no Bedrock signature;
 * - in manual mode (`type: "enabled"`), one ending on a prefill that does not open with reasoning
 *   (thinking-placement.ts), as anthropic/request-emit.ts has it;
 * - in manual mode, one whose `toolChoice` forces a call (`any` or `tool`),
 *   refused on Converse with "The model returned the following errors: Thinking may not be enabled
 *   when tool_choice forces tool use." (recorded in github.com/pydantic/pydantic-ai/issues/3092 and
 *   github.com/strands-agents/harness-sdk/pull/1495, fixing langchain-ai/langchain-aws#925's case
 *   too); adaptive thinking takes forced tool use
 *   (https://platform.claude.com/docs/en/build-with-claude/thinking-tool-workflows), as
 *   anthropic/request-emit.ts has it.
 * Thinking is turned off for that request, with a warning: the forced call is the caller's contract
 * for the answer's shape, and the prefill the caller's start of it.
 */
export function fitThinking(thinking: Thinking | undefined, messages: readonly EmittedTurn[], toolChoice: unknown, warnings: Warning[]): Thinking | undefined {
  if (thinking?.enabled !== true) return thinking;
  const last = messages.at(-1);
  const answered = messages.at(-2);
  const answersTools = last?.role === 'user' && last.content.some((block) => block['toolResult'] !== undefined);
  if (answersTools && answered?.role === 'assistant' && answered.content[0]?.['reasoningContent'] === undefined) {
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'reasoning.tool_turn',
      message: 'Claude needs the assistant turn being answered with tool results to open with its signed reasoning, and this history has none from Bedrock; thinking was turned off for this request.',
    });
    return undefined;
  }
  if (thinkingType(thinking) === 'enabled' && prefillLacksReasoning(messages)) {
    addWarningPerFeature(warnings, thinkingOffForPrefillWarning(platform));
    return undefined;
  }
  const forced = typeof toolChoice === 'object' && toolChoice !== null && ('any' in toolChoice || 'tool' in toolChoice);
  if (forced && thinkingType(thinking) === 'enabled') {
    addWarningPerFeature(warnings, thinkingOffForForcedToolWarning(platform));
    return undefined;
  }
  return thinking;
}

/**
 * The messages to send Claude beside the thinking fitted (fitThinking): with thinking off (no
 * `thinking` field, or `disabled`, as anthropic/request-emit.ts reads it) a prefill goes without
 * its reasoning (thinking-placement.ts). Other models' messages, and Claude's with thinking on, are
 * sent as they are.
 */
export function messagesForThinking(messages: readonly EmittedTurn[], thinking: Thinking | undefined, model: string, warnings: Warning[]): readonly EmittedTurn[] {
  if (!isClaude(model) || (thinking !== undefined && thinkingType(thinking) !== 'disabled')) return messages;
  return withoutFinalReasoning(messages, platform, warnings);
}

/** The `type` of the `thinking` sent (`enabled`, `adaptive`, `disabled`, `between_tools`). */
function thinkingType(thinking: Thinking): unknown {
  const config = thinking.fields['thinking'];
  return typeof config === 'object' && config !== null ? (config as Record<string, unknown>)['type'] : undefined;
}

/**
 * The sampling and model fields to send beside thinking that is on (core/claude-thinking-sampling.ts):
 * Converse refuses a temperature other than 1 ("The model returned the following errors: temperature
 * may only be set to 1 when thinking is enabled.", recorded in github.com/BerriAI/litellm/issues/9524
 * and github.com/Aider-AI/aider/issues/3720), a top_p below 0.95 and any top_k. Converse has no top_k
 * of its own, so a caller's is among its model fields (`additionalModelRequestFields.top_k`), where
 * it is left out too. With thinking off, both are returned as they came.
 */
export function fitSamplingToThinking(
  sampling: Sampling,
  modelFields: Record<string, unknown>,
  thinking: Thinking | undefined,
  warnings: Warning[],
): { sampling: Sampling; modelFields: Record<string, unknown> } {
  if (thinking?.enabled !== true) return { sampling, modelFields };
  const { top_k: ownTopK, ...otherFields } = modelFields;
  const { temperature: _temperature, topP: _topP, topK, ...rest } = sampling;
  const fitted = claudeThinkingSampling({ temperature: sampling.temperature, topP: sampling.topP, topK: topK ?? ownTopK }, platform, (warning) => addWarningPerFeature(warnings, warning));
  return { sampling: { ...rest, ...fitted }, modelFields: otherFields };
}

/**
 * Claude's preserved thinking on Converse (`dropStaleThinking`, as anthropic/request-emit.ts asks
 * on the Messages API): a conversation written from another dialect asks the model to drop a
 * replayed reasoning block whose prefix changed, `block_binding: {prefix_mismatch_behavior:
 * "drop_block"}` in the `thinking` of `additionalModelRequestFields`, with its beta in the
 * `anthropic_beta` list there, where Converse takes Claude's betas
 * (`additionalModelRequestFields={"anthropic_beta": ["context-1m-2025-08-07"]}` in callers' code;
 * the beta is enabled on Converse in LiteLLM's anthropic_beta_headers_config.json, "bedrock_converse").
 * Thinking turned off and a history without reasoning are left as they are.
 */
export function withStaleBlocksDropped(thinking: Thinking | undefined, messages: readonly EmittedTurn[], model: string): Thinking | undefined {
  const replaysReasoning = messages.some((turn) => turn.role === 'assistant' && turn.content.some((block) => block['reasoningContent'] !== undefined));
  const config = thinking?.fields['thinking'];
  const type = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)['type'] : undefined;
  if (!isClaude(model) || !replaysReasoning || (thinking !== undefined && type !== 'adaptive')) return thinking;
  return {
    fields: { ...thinking?.fields, thinking: { ...(type === undefined ? { type: 'adaptive' } : (config as Record<string, unknown>)), block_binding: { prefix_mismatch_behavior: 'drop_block' } }, anthropic_beta: [thinkingBindingBeta] },
    enabled: true,
  };
}
