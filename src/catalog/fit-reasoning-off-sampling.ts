/**
 * Sampling controls a model takes only with reasoning off: on gpt-5.1, 5.2 and 5.4 `temperature` and
 * `top_p` "are only supported" with reasoning effort `none`, and "Requests to GPT-5.2 or GPT-5.1 with
 * any other reasoning effort setting … that include these fields will raise an error" (OpenAI's
 * latest-model guide, "GPT-5.2 parameter compatibility" and "GPT-5.4 parameter compatibility":
 * https://developers.openai.com/api/docs/guides/latest-model; gpt-5.1: https://github.com/vercel/ai/pull/10940).
 * While the model reasons they are left out, with a warning; with reasoning off they go as written.
 */
import type { ReasoningSettings, Sampling } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import type { ModelFacts, SamplingControl } from './model-facts.js';
import { answersWithReasoningOff } from './reasoning-off.js';

/** `reasoning`: the request's reasoning as fitted to the model; `feature`: how each control is named in a warning. */
export function fitReasoningOffSampling(
  sampling: Sampling,
  reasoning: ReasoningSettings | undefined,
  facts: ModelFacts,
  feature: Readonly<Record<SamplingControl, string>>,
  warnings: Warning[],
): Sampling {
  const controls = facts.reasoningOffOnlySampling ?? [];
  if (controls.length === 0 || answersWithReasoningOff(reasoning, facts)) return sampling;
  let fitted = sampling;
  for (const control of controls) {
    if (fitted[control] === undefined) continue;
    const { [control]: _left, ...rest } = fitted;
    fitted = rest;
    warnings.push({ type: 'unsupported', feature: feature[control], message: `${facts.id} refuses ${feature[control]} while it reasons; it was left out.` });
  }
  return fitted;
}
