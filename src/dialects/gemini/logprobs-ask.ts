/**
 * The ask for token log probabilities on Gemini: `generationConfig.responseLogprobs`, "whether to
 * return the log probabilities of the tokens that were chosen by the model at each step", and
 * `generationConfig.logprobs`, the "number of top candidate tokens to return the log probabilities
 * for at each generation step", valid only with `responseLogprobs` (`GenerationConfig`,
 * https://ai.google.dev/api/generate-content#generationconfig;
 * https://googleapis.github.io/java-genai/javadoc/google-genai/com.google.genai.types/-generate-content-config/-builder/logprobs.html).
 * A Gemini caller's ask becomes the interlingua's (`ChatRequest.logprobs`); a `responseLogprobs`
 * that is not `true`, or a `logprobs` without it, asks for nothing, and is kept only as a spelling
 * for a Gemini upstream, passed over by every other target.
 * Only a Gemini caller's own ask is sent to a Gemini upstream. Another dialect's caller's is
 * reported as left out: Gemini refuses the ask on most current models ("Logprobs is not enabled
 * for models/gemini-2.5-pro", https://github.com/mscraftsman/generative-ai/issues/135; "Logprobs is
 * not supported for this model" for 3.5 Flash,
 * https://github.com/GoogleCloudPlatform/generative-ai/issues/2947), and a request refused is worse
 * than tokens reported as left out, while a Gemini caller chose a model that takes it. Its count
 * is brought within Gemini's range with a warning, as every target does (token-logprobs-fit.ts):
 * "The number must be in the range of [0, 20]" (`GenerationConfig.logprobs` in Google's v1beta
 * generativelanguage discovery document and the clients generated from it).
 */
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { fitTopLogprobs, logprobsLeftOut } from '../../core/token-logprobs-fit.js';
import type { JsonObject } from './json-value.js';
import { setField } from './json-value.js';
import { requestBookkeeping } from './vendor.js';

const chosenKey = 'generationConfig.responseLogprobs';
const topKey = 'generationConfig.logprobs';
/** The most alternatives Gemini tells per step (see above). */
const mostTopLogprobs = 20;

/** Takes a Gemini caller's ask out of its vendor fields (the `generationConfig` extras as dotted keys) into `request.logprobs`. */
export function takeLogprobsAsk(vendor: JsonObject, request: ChatRequest): void {
  const chosen = vendor[chosenKey];
  const top = vendor[topKey];
  if (chosen === true) {
    request.logprobs = typeof top === 'number' ? { topLogprobs: top } : {};
    delete vendor[chosenKey];
    if (typeof top === 'number') delete vendor[topKey];
    setField(vendor, requestBookkeeping.logprobsAsked, true);
    return;
  }
  // Asks for nothing: written back for a Gemini upstream only.
  for (const key of [chosenKey, topKey]) {
    if (!Object.hasOwn(vendor, key)) continue;
    setField(vendor, `${spellingOnlyPrefix}${key}`, vendor[key]);
    delete vendor[key];
  }
}

/** Writes the ask into `generationConfig` where a Gemini caller made it; otherwise reports it as left out. */
export function emitLogprobsAsk(request: ChatRequest, ownAsk: boolean, config: JsonObject, warnings: Warning[]): void {
  const ask = request.logprobs;
  if (ask === undefined) return;
  if (!ownAsk) {
    warnings.push(logprobsLeftOut('Gemini, on most of its models,'));
    return;
  }
  config['responseLogprobs'] = true;
  if (ask.topLogprobs !== undefined) config['logprobs'] = fitTopLogprobs(ask.topLogprobs, mostTopLogprobs, 'logprobs', 'Gemini', warnings);
}
