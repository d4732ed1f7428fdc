/**
 * Anthropic's refusal once an organization reaches its tier's monthly spend cap: a 429
 * `rate_limit_error` like any rate limit, told apart only by `error.details.error_code`
 * `enforced_spend_limit_reached`, with no `retry-after`. "Retrying, including the SDKs' automatic
 * retries, fails until access resumes" on the first of the next month
 * (https://platform.claude.com/docs/api/rate-limits), so it is not asked again, and the caller is
 * told not to either.
 */
import { isRecord } from '../../core/is-record.js';

export const spendLimitErrorCode = 'enforced_spend_limit_reached';

/** Whether a parsed Anthropic error object is the spend-cap refusal. */
export function namesSpendLimit(error: Record<string, unknown>): boolean {
  const details = error['details'];
  return isRecord(details) && details['error_code'] === spendLimitErrorCode;
}
