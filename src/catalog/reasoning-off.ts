import type { ReasoningSettings } from '../interlingua/request.js';
import { isReasoningOff } from '../core/reasoning-budget.js';
import type { ModelFacts } from './model-facts.js';

/**
 * Whether the model answers with reasoning off, as the request will be sent: it says so, or it says
 * nothing of reasoning to a model that does not reason unless asked. What such a model takes only
 * with reasoning off (log probabilities, sampling) is decided by this.
 * `reasoning`: the request's reasoning as fitted to the model.
 */
export function answersWithReasoningOff(reasoning: ReasoningSettings | undefined, facts: ModelFacts): boolean {
  return reasoning === undefined ? facts.reasoningOffByDefault === true : isReasoningOff(reasoning);
}
