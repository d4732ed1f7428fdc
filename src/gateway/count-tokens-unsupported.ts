import type { InterlinguaError } from '../interlingua/error.js';
import type { Logger } from './logger.js';
import { RecentMap } from '../core/recent-map.js';

/**
 * Whether an upstream's refusal of a count says it cannot count for this model, rather than that the
 * request is wrong: the gateway then estimates, as it does for a dialect with no counting API, since a
 * caller such as Claude Code counts before every turn and takes an error there as fatal.
 *
 * - Bedrock CountTokens: a `ValidationException` (HTTP 400) "The provided model doesn't support counting
 *   tokens." for a model the user guide does not list
 *   (https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html) and for an inference
 *   profile's id (https://github.com/maximhq/bifrost/pull/2169,
 *   https://github.com/strands-agents/sdk-typescript/pull/999, https://alchemy.run/providers/aws/bedrock/counttokens).
 *   Straight or typographic apostrophe: copies differ, and Bedrock writes the typographic one elsewhere.
 * - Claude on Vertex, `count-tokens:rawPredict`: Anthropic's `invalid_request_error` (HTTP 400)
 *   "claude-sonnet-4-6@default is not supported for token counting"
 *   (https://github.com/BerriAI/litellm/issues/25798, https://github.com/anthropics/claude-code/issues/24530).
 *
 * Nothing else: auth, rate limits and a malformed request stay the errors they are.
 */
export function isCountingUnsupported(error: InterlinguaError): boolean {
  if (error.code !== 'invalid_request' || error.upstream === undefined) return false;
  switch (error.vendorType) {
    case 'ValidationException':
      return /doesn[’']t support counting tokens/i.test(error.message);
    case 'invalid_request_error':
      return / is not supported for token counting/i.test(error.message);
    default:
      return false;
  }
}

/**
 * Deployments whose counter said it cannot count their model, with when it said so, per gateway
 * configuration: keyed by the router (a request's services are a copy of the gateway's), which a
 * reload replaces, so a reload, which may change what a deployment is, forgets them.
 * Bounded, since a provider's model globs let callers name deployments (an evicted one is asked
 * again). Remembered for an hour: a counter that gains a model is asked again, and meanwhile a
 * caller that counts before every turn costs no signed round trip to hear the same refusal.
 */
const refusals = new WeakMap<object, RecentMap<string, number>>();
const rememberedMs = 60 * 60_000;

function refusalsOf(gateway: object): RecentMap<string, number> {
  let known = refusals.get(gateway);
  if (known === undefined) refusals.set(gateway, (known = new RecentMap(256)));
  return known;
}

/** Whether `deployment` (`provider/model`) of `gateway` refused to count within the last hour: its count is estimated without asking. */
export function countingRefusedRecently(gateway: object, deployment: string, now = Date.now()): boolean {
  const at = refusals.get(gateway)?.get(deployment);
  return at !== undefined && now - at < rememberedMs;
}

/** Remembers that `deployment`'s counter cannot count its model, and logs it (once while remembered) as estimated. */
export function noteCountingUnsupported(gateway: object, logger: Logger, deployment: string, error: InterlinguaError, now = Date.now()): void {
  refusalsOf(gateway).set(deployment, now);
  logger.warn('upstream cannot count tokens for this model; counts are estimated locally', { deployment, error: error.message });
}
