/**
 * A request fitted to the model that will answer it, before a dialect writes it: what the model
 * refuses is left out and what exceeds its limits is brought within them, each with a warning,
 * so that the vendor is not sent what it would turn away. Each dialect's emitter stays a
 * translation; this is the one place that knows models. Without facts, the request is unchanged.
 */
import type { ChatRequest, ReasoningSettings, Sampling } from '../interlingua/request.js';
import type { Warning, WithWarnings } from '../interlingua/warning.js';
import { budgetByEffort, effortForBudget, isReasoningOff, isReasoningOn, type ReasoningEffort } from '../core/reasoning-budget.js';
import type { ModelFacts, ReasoningControl, SamplingControl } from './model-facts.js';
import { fitCacheBreakpoints } from './fit-cache-breakpoints.js';
import { fitToolControls } from './fit-tool-controls.js';
import { withoutPrefill } from './fit-prefill.js';
import { withoutReasoningHistory } from './fit-reasoning-history.js';
import { withoutImages } from './fit-images.js';
import { fitUser } from './fit-user.js';
import { forcedToolChoiceOverReasoning } from './fit-forced-tool-reasoning.js';
import { fitLogprobs } from './fit-logprobs.js';
import { fitLogitBias } from './fit-logit-bias.js';
import { fitEffortWords } from './fit-effort-words.js';
import { fitReasoningOffSampling } from './fit-reasoning-off-sampling.js';
import { withSchemaAsInstruction } from '../core/json-instruction.js';

/** How each sampling control is named in a warning: the interlingua's field, as most callers spell it. */
const samplingFeature: Readonly<Record<SamplingControl, string>> = {
  temperature: 'temperature',
  topP: 'top_p',
  topK: 'top_k',
  presencePenalty: 'presence_penalty',
  frequencyPenalty: 'frequency_penalty',
  seed: 'seed',
  stopSequences: 'stop',
};

export function fitRequestToModel(request: ChatRequest, facts: ModelFacts | undefined): WithWarnings<ChatRequest> {
  if (facts === undefined) return { value: request, warnings: [] };
  const warnings: Warning[] = [];
  let sampling = fitSampling(request.sampling, facts, warnings);
  let reasoning = request.reasoning === undefined || facts.reasoning === undefined ? request.reasoning : fitReasoning(request.reasoning, facts.reasoning, facts.id, warnings);
  if (reasoning !== undefined && facts.reasoning?.type === 'budget' && facts.reasoning.thinkingInOutput === true && facts.maxOutputTokens !== undefined) {
    ({ sampling, reasoning } = fitThinkingInOutput(sampling, reasoning, { ...facts.reasoning, limit: facts.maxOutputTokens, model: facts.id }, warnings));
  }
  const cached = facts.promptCacheFields === undefined ? request : fitCacheBreakpoints(request, facts.promptCacheFields, facts.id, warnings);
  const formatted = facts.structuredOutput === false ? schemaAsInstruction(cached, facts.id, warnings) : cached;
  const toolControls = fitToolControls(formatted, facts, warnings);
  const forced = forcedToolChoiceOverReasoning(toolControls, reasoning, facts, warnings);
  reasoning = forced.reasoning;
  sampling = fitReasoningOffSampling(sampling, reasoning, facts, samplingFeature, warnings);
  const seen = facts.vision === false ? withoutImages(forced.request, facts.id, warnings) : forced.request;
  const identified = facts.maxUserLength === undefined ? seen : fitUser(seen, facts.maxUserLength, facts.id, warnings);
  const recalled = facts.reasoning?.type === 'none' ? withoutReasoningHistory(identified, facts.id, warnings) : identified;
  const prefilled = facts.assistantPrefill === false ? withoutPrefill(recalled, facts.id, warnings) : recalled;
  const worded = fitEffortWords(prefilled, facts, warnings);
  const turns = fitLogitBias(fitLogprobs(worded, reasoning, facts, warnings), facts, warnings);
  if (warnings.length === 0 && reasoning === request.reasoning) return { value: request, warnings };
  const fitted: ChatRequest = { ...turns, sampling };
  if (reasoning === undefined) delete fitted.reasoning;
  else fitted.reasoning = reasoning;
  return { value: fitted, warnings };
}

function fitSampling(sampling: Sampling, facts: ModelFacts, warnings: Warning[]): Sampling {
  let fitted = sampling;
  for (const control of facts.refusedSampling ?? []) {
    if (fitted[control] === undefined) continue;
    fitted = without(fitted, control);
    warnings.push({ type: 'unsupported', feature: samplingFeature[control], message: `${facts.id} refuses ${samplingFeature[control]}; it was left out.` });
  }
  for (const control of facts.refusedUnlessZero ?? []) {
    const value = fitted[control];
    if (value === undefined || value === 0) continue;
    fitted = without(fitted, control);
    warnings.push({ type: 'unsupported', feature: samplingFeature[control], message: `${facts.id} takes ${samplingFeature[control]} only at 0; ${String(value)} was left out.` });
  }
  const candidates = facts.maxCandidates;
  if (candidates !== undefined && fitted.candidateCount !== undefined && fitted.candidateCount > candidates) {
    warnings.push({
      type: 'unsupported',
      feature: 'candidate_count',
      message: `${facts.id} answers with at most ${candidates} candidate${candidates === 1 ? '' : 's'}; ${fitted.candidateCount} were asked for.`,
    });
    fitted = { ...fitted, candidateCount: candidates };
  }
  const topK = facts.maxTopK;
  if (topK !== undefined && fitted.topK !== undefined && fitted.topK > topK) {
    warnings.push({ type: 'compatibility', feature: 'top_k', message: `${facts.id} takes top_k up to ${topK}; ${fitted.topK} was lowered to ${topK}.` });
    fitted = { ...fitted, topK };
  }
  if (facts.temperatureOrTopP === true && fitted.temperature !== undefined && fitted.topP !== undefined) {
    fitted = without(fitted, 'topP');
    warnings.push({ type: 'unsupported', feature: 'top_p', message: `${facts.id} takes temperature or top_p, not both; top_p was left out.` });
  }
  const limit = facts.maxOutputTokens;
  if (limit !== undefined && fitted.maxOutputTokens !== undefined && fitted.maxOutputTokens > limit) {
    warnings.push({
      type: 'compatibility',
      feature: 'max_output_tokens',
      message: `${facts.id} writes at most ${limit} output tokens; ${fitted.maxOutputTokens} was lowered to ${limit}.`,
    });
    fitted = { ...fitted, maxOutputTokens: limit };
  }
  return fitted;
}

/**
 * A model that cannot be held to a JSON Schema refuses the field that asks for one (Anthropic's
 * `output_config.format` on the Claude 3 models, Sonnet 4 and Opus 4): the schema is asked for in
 * the system prompt instead, as Bedrock Converse asks for it (dialects/bedrock/request-emit.ts).
 */
function schemaAsInstruction(request: ChatRequest, model: string, warnings: Warning[]): ChatRequest {
  const fitted = withSchemaAsInstruction(request);
  if (fitted === request) return request;
  warnings.push({
    type: 'compatibility',
    feature: 'response_format.json_schema',
    message: `${model} cannot be held to a JSON Schema; the system prompt asks for JSON that matches it instead.`,
  });
  return fitted;
}

function without(sampling: Sampling, control: SamplingControl): Sampling {
  const { [control]: _left, ...rest } = sampling;
  return rest;
}

/**
 * Reasoning asked of a model that does not reason is left out (with a warning; turning it off
 * loses nothing and goes without one), and so is any reasoning setting for a model that reasons
 * by itself and takes none (with a warning). A budget is brought into the model's range; off,
 * where the model cannot stop thinking, is left out.
 */
function fitReasoning(reasoning: ReasoningSettings, control: ReasoningControl, model: string, warnings: Warning[]): ReasoningSettings | undefined {
  switch (control.type) {
    case 'none':
      if (isReasoningOn(reasoning)) warnings.push({ type: 'unsupported', feature: 'reasoning', message: `${model} does not reason; the reasoning settings were left out.` });
      return undefined;
    case 'budget':
      return fitBudget(reasoning, control, model, warnings);
    case 'effort':
      if (isReasoningOff(reasoning) && control.turnOff === 'never') {
        warnings.push({ type: 'unsupported', feature: 'reasoning.disabled', message: `${model} always reasons; it reasons at its default effort.` });
        return undefined;
      }
      return fitEffort(reasoning, control.efforts, model, warnings);
    case 'reasons':
      return reasoning;
    case 'switch':
      if (!isReasoningOff(reasoning) && (reasoning.effort !== undefined || (reasoning.budgetTokens !== undefined && reasoning.budgetTokens > 0))) {
        warnings.push({ type: 'compatibility', feature: 'reasoning.effort', message: `${model} switches reasoning on or off and takes no effort or budget; reasoning was switched on.` });
      }
      return reasoning;
    case 'automatic':
      if (isReasoningOff(reasoning)) warnings.push({ type: 'unsupported', feature: 'reasoning.disabled', message: `${model} always reasons and takes no setting to stop; it reasons as it does by default.` });
      else warnings.push({ type: 'unsupported', feature: 'reasoning', message: `${model} reasons by itself and takes no reasoning settings; they were left out.` });
      return undefined;
    default: {
      const unhandled: never = control;
      throw new Error(`unhandled reasoning control ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * Where thinking counts in the output limit (Anthropic), the emitter raises an output limit that
 * does not exceed the budget to budget + limit; that sum must stay within the model's limit, or the
 * vendor refuses it ("max_tokens: 128001 > 64000, which is the maximum allowed number of output tokens
 * for claude-opus-4-5-20251101", https://github.com/anthropics/claude-code/issues/24451). The
 * budget is the caller's, or the one the emitter gives an effort (core/claude-thinking-budget.ts), so
 * both are fitted. A budget that would carry the sum over is lowered to what is left beside the
 * answer, or, when that is below the smallest budget, to half the model's limit with the output
 * limit at the model's. Without an output limit from the caller the provider's default is sent,
 * which may be anything up to the model's limit: a budget of at most half of it keeps the sum within
 * it whatever the default, so a larger one is lowered to that half.
 */
function fitThinkingInOutput(
  sampling: Sampling,
  reasoning: ReasoningSettings,
  model: { minTokens?: number; limit: number; model: string },
  warnings: Warning[],
): { sampling: Sampling; reasoning: ReasoningSettings } {
  const minimum = model.minTokens ?? 1;
  const budget = sentBudget(reasoning, minimum);
  const output = sampling.maxOutputTokens;
  if (budget === undefined) return { sampling, reasoning };
  let fitted: { sampling: Sampling; budget: number };
  if (output === undefined) {
    const half = Math.floor(model.limit / 2);
    if (budget <= half) return { sampling, reasoning };
    fitted = { sampling, budget: Math.max(minimum, half) };
  } else {
    if (budget < output || budget + output <= model.limit) return { sampling, reasoning };
    const beside = model.limit - output;
    fitted = beside >= minimum ? { sampling, budget: beside } : { sampling: { ...sampling, maxOutputTokens: model.limit }, budget: Math.max(minimum, Math.min(budget, Math.floor(model.limit / 2))) };
  }
  warnings.push({
    type: 'compatibility',
    feature: 'reasoning.budget_tokens',
    message: `${model.model} writes at most ${model.limit} tokens, thinking included; the thinking budget of ${budget} was lowered to ${fitted.budget}.`,
  });
  return { sampling: fitted.sampling, reasoning: { ...reasoning, budgetTokens: fitted.budget } };
}

/** The thinking budget the request will be sent with: the caller's, or its effort's (`medium` when reasoning is only switched on), at least the smallest. */
function sentBudget(reasoning: ReasoningSettings, minimum: number): number | undefined {
  if (reasoning.budgetTokens !== undefined && reasoning.budgetTokens > 0) return Math.max(reasoning.budgetTokens, minimum);
  return isReasoningOn(reasoning) ? Math.max(budgetByEffort[reasoning.effort ?? 'medium'], minimum) : undefined;
}

/**
 * An effort word the model does not take goes as the nearest it does, looking up first (`minimal` → `low`).
 * So does a token budget whose effort (the emitters' mapping, core/reasoning-budget.ts) the model does not take.
 */
function fitEffort(reasoning: ReasoningSettings, efforts: readonly ReasoningEffort[] | undefined, model: string, warnings: Warning[]): ReasoningSettings {
  if (efforts === undefined) return reasoning;
  const budget = reasoning.effort === undefined && reasoning.budgetTokens !== undefined && reasoning.budgetTokens > 0 ? reasoning.budgetTokens : undefined;
  const asked = reasoning.effort ?? (budget === undefined ? undefined : effortForBudget(budget));
  if (asked === undefined || efforts.includes(asked)) return reasoning;
  const nearest = nearestEffort(asked, efforts);
  if (nearest === undefined) return reasoning;
  const taken = efforts.map((effort) => `"${effort}"`).join(', ');
  warnings.push(
    budget === undefined
      ? { type: 'compatibility', feature: 'reasoning.effort', message: `${model} takes reasoning effort ${taken}; "${asked}" was sent as "${nearest}".` }
      : { type: 'compatibility', feature: 'reasoning.budget_tokens', message: `${model} takes reasoning effort ${taken}; a reasoning budget of ${budget} tokens was sent as "${nearest}".` },
  );
  return { ...reasoning, effort: nearest };
}

function nearestEffort(asked: ReasoningEffort, efforts: readonly ReasoningEffort[]): ReasoningEffort | undefined {
  const scale: readonly ReasoningEffort[] = ['minimal', 'low', 'medium', 'high'];
  const from = scale.indexOf(asked);
  return [...scale.slice(from + 1), ...scale.slice(0, from).reverse()].find((effort) => efforts.includes(effort));
}

function fitBudget(reasoning: ReasoningSettings, control: Extract<ReasoningControl, { type: 'budget' }>, model: string, warnings: Warning[]): ReasoningSettings | undefined {
  if (isReasoningOff(reasoning)) {
    if (control.canTurnOff !== false) return reasoning;
    warnings.push({ type: 'unsupported', feature: 'reasoning.disabled', message: `${model} cannot turn reasoning off; it reasons with its default budget.` });
    return undefined;
  }
  const budget = reasoning.budgetTokens;
  if (budget === undefined || budget < 0) return reasoning;
  const { minTokens = 0, maxTokens = Number.POSITIVE_INFINITY } = control;
  const fitted = Math.min(Math.max(budget, minTokens), maxTokens);
  if (fitted === budget) return reasoning;
  warnings.push({
    type: 'compatibility',
    feature: 'reasoning.budget_tokens',
    message: `${model} takes a reasoning budget ${maxTokens === Number.POSITIVE_INFINITY ? `of at least ${minTokens}` : `from ${minTokens} to ${maxTokens}`} tokens; ${budget} was changed to ${fitted}.`,
  });
  return { ...reasoning, budgetTokens: fitted };
}
