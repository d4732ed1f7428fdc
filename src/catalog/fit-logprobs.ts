/**
 * OpenAI's reasoning models refuse to be asked for log probabilities: 403 "You are not allowed to
 * request logprobs from this model" (o4-mini: https://github.com/confident-ai/deepeval/pull/2184),
 * gpt-5.1 and later only while they reason ("Logprobs, temperature and top-p are controllable
 * parameters on gpt-5.1 when reasoning effort is set to \"none\"", https://github.com/vercel/ai/pull/10940).
 * The ask is the interlingua's (`ChatRequest.logprobs`), whichever dialect's caller made it
 * (Chat's `logprobs`, Responses' includable and `top_logprobs`, Gemini's `responseLogprobs`,
 * Ollama's `logprobs`, Completions' `logprobs: N`). For such a model it is left out, with a
 * warning; the answer then has none.
 */
import type { ChatRequest, ReasoningSettings } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import type { ModelFacts } from './model-facts.js';
import { answersWithReasoningOff } from './reasoning-off.js';

/** `reasoning`: the request's reasoning as fitted to the model, which decides for a model that takes them with reasoning off. */
export function fitLogprobs(request: ChatRequest, reasoning: ReasoningSettings | undefined, facts: ModelFacts, warnings: Warning[]): ChatRequest {
  const fact = facts.logprobs;
  if (fact === undefined || request.logprobs === undefined) return request;
  if (fact === 'reasoning-off-only' && answersWithReasoningOff(reasoning, facts)) return request;
  const when = fact === 'refused' ? '' : ' while it reasons';
  warnings.push({ type: 'unsupported', feature: 'logprobs', message: `${facts.id} refuses to return token log probabilities${when}; the ask for them was left out.` });
  const { logprobs: _leftOut, ...rest } = request;
  return rest;
}
