/**
 * The ask for token log probabilities on the Responses API: the `message.output_text.logprobs`
 * includable, without which an answer's `output_text` parts carry none, and `top_logprobs`, "an
 * integer between 0 and 20 specifying the number of most likely tokens to return at each token
 * position" (https://platform.openai.com/docs/api-reference/responses/create#responses-create-include,
 * #responses-create-top_logprobs). Either one is read as the interlingua's ask (`ChatRequest.logprobs`),
 * as OpenAI's own models refuse either from a model that gives none ("You are not allowed to
 * request logprobs from this model", catalog/fit-logprobs.ts).
 * The includable keeps its place in the caller's `include` list (reasoning-carrier.ts), and a
 * `top_logprobs` sent without it is remembered, so a Responses caller's request goes back as it came.
 */
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { fitTopLogprobs } from '../../core/token-logprobs-fit.js';

export const logprobsIncludable = 'message.output_text.logprobs';
/** Request key: the caller sent `top_logprobs` without the includable, which it is sent back without. */
const withoutIncludableKey = `${spellingOnlyPrefix}top_logprobs.without_include`;
/** OpenAI's bounds for `top_logprobs` (above). */
const topLogprobsMax = 20;

/** Takes the ask out of a Responses caller's vendor fields (`include`: its list as written) into `request.logprobs`. */
export function takeLogprobsAsk(vendorFields: Record<string, unknown>, include: unknown, request: ChatRequest): void {
  const included = Array.isArray(include) && include.includes(logprobsIncludable);
  const top = vendorFields['top_logprobs'];
  if (!included && typeof top !== 'number') return;
  request.logprobs = typeof top === 'number' ? { topLogprobs: top } : {};
  if (typeof top === 'number') delete vendorFields['top_logprobs'];
  if (!included) vendorFields[withoutIncludableKey] = true;
}

/**
 * The `include` list to send: the caller's own (`include`), with the includable where the request
 * asks for log probabilities and without it where it does not (a model that refuses them).
 */
export function includeWithLogprobs(include: unknown, request: ChatRequest, own: Record<string, unknown> | undefined): unknown {
  const list: unknown[] | undefined = Array.isArray(include) ? include : undefined;
  if (request.logprobs === undefined) {
    if (list === undefined || !list.includes(logprobsIncludable)) return include;
    const rest = list.filter((value) => value !== logprobsIncludable);
    return rest.length === 0 ? undefined : rest;
  }
  if (list?.includes(logprobsIncludable) === true || own?.[withoutIncludableKey] === true) return include;
  return list === undefined ? [logprobsIncludable] : [...list, logprobsIncludable];
}

/** `top_logprobs` to send, within OpenAI's bounds, or undefined. */
export function topLogprobsToSend(request: ChatRequest, warnings: Warning[]): number | undefined {
  const top = request.logprobs?.topLogprobs;
  return top === undefined ? undefined : fitTopLogprobs(top, topLogprobsMax, 'top_logprobs', 'OpenAI', warnings);
}
