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
 * Deployments already logged as estimated, per logger: once each, not on every count. Bounded, since
 * a provider's model globs let callers name deployments (an evicted one is logged once more).
 */
const noted = new WeakMap<Logger, RecentMap<string, true>>();

/** Logs, the first time only for `deployment` (`provider/model`), that its counts are estimated because the upstream cannot count. */
export function noteCountingUnsupported(logger: Logger, deployment: string, error: InterlinguaError): void {
  let seen = noted.get(logger);
  if (seen === undefined) noted.set(logger, (seen = new RecentMap(256)));
  if (seen.has(deployment)) return;
  seen.set(deployment, true);
  logger.warn('upstream cannot count tokens for this model; counts are estimated locally', { deployment, error: error.message });
}
