import { InterlinguaError } from '../interlingua/error.js';
import type { UsageAttempt } from '../usage/usage-record.js';

/**
 * The caller left before its request was written to the upstream: it still waited for one of
 * the provider's connections (`maxConnections` all busy), or the leaving came before the call.
 * The upstream never had it and bills nothing, so the request's record must not price it as an
 * attempt cut short (RequestMeter's `attemptCutShort`). Otherwise the abort undici would report.
 */
export class UnsentAbort extends InterlinguaError {
  constructor(url: string) {
    super('upstream_unreachable', 'The request was aborted.', { retryable: false, logFields: { upstreamUrl: url, cause: 'left before the request was sent' } });
  }
}

/** An attempt's error code when its caller left before it was sent: told apart from `cancelled` in the record's attempts. */
export const unsentAttemptCode = 'cancelled_unsent';

/** How an attempt whose caller left is noted: `cancelled`, or `cancelled_unsent` when `failure` says it never left the gateway. */
export function cancelledAttempt(failure: unknown): Pick<UsageAttempt, 'status' | 'errorCode'> {
  return { status: 499, errorCode: failure instanceof UnsentAbort ? unsentAttemptCode : 'cancelled' };
}
