import type { InterlinguaError } from '../interlingua/error.js';
import type { Cancellation } from './cancellation.js';
import { GatewayFault } from './gateway-fault.js';

export interface RetrySettings {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * Errors that say the request itself is wrong, which never count against a deployment's health
 * (its cooldown). Anything else (auth, missing model, rate limits, server faults) is a fault of
 * this deployment.
 */
export function isCallerFault(error: InterlinguaError): boolean {
  return error.code === 'invalid_request' || error.code === 'request_too_large' || error.code === 'context_length_exceeded';
}

/**
 * Whether a failed attempt counts against its deployment's health. Neither the caller's faults nor
 * the gateway's own (gateway-fault.ts) do: both would fail on any deployment, and one caller's
 * request must not cool a deployment down for everyone.
 */
export function countsAgainstDeployment(error: InterlinguaError): boolean {
  return !isCallerFault(error) && !(error instanceof GatewayFault);
}

/**
 * Caller faults no other deployment would answer differently: they go straight back to the caller.
 * A context overflow is the one that another deployment may not share: a model's deployments
 * can be different models (a fallback tier of a larger window), so the next one is tried, without
 * a retry of this one (a 400 is not retryable). That is what users of other gateways expect:
 * LiteLLM falls back on a `ContextWindowExceededError` (to its `context_window_fallbacks`, else its
 * plain `fallbacks`: litellm/router.py, "Defaulting to fallbacks, if available";
 * https://docs.litellm.ai/docs/proxy/reliability), and Portkey's fallback moves on from any non-2xx
 * unless `on_status_codes` narrows it (Portkey-AI/gateway src/handlers/handlerUtils.ts,
 * `tryTargetsRecursively`). It still never counts against the deployment's health.
 */
function endsTheRequest(error: InterlinguaError): boolean {
  return isCallerFault(error) && error.code !== 'context_length_exceeded';
}

/**
 * Tries deployments in order, retrying retryable failures of each with exponential backoff
 * and full jitter, honouring the upstream's `retry-after`. A `retry-after` longer than
 * `maxDelayMs` moves on to the next deployment instead of waiting. A failure that is not retryable
 * but is no caller fault moves on at once: an account out of quota (OpenAI's `insufficient_quota`,
 * which waiting does not cure: https://platform.openai.com/docs/guides/error-codes) is not asked
 * again, while another deployment, on another account, may still have quota.
 */
export async function withRetries<Target, Result>(
  targets: readonly Target[],
  settings: RetrySettings,
  cancellation: Cancellation,
  attempt: (target: Target) => Promise<Result>,
): Promise<Result> {
  let lastError: InterlinguaError | undefined;
  // A context overflow outranks a later deployment's transient failure: it is what the caller can act on (compact, trim).
  let overflow: InterlinguaError | undefined;
  for (const target of targets) {
    for (let retry = 0; retry <= settings.attempts; retry++) {
      try {
        return await attempt(target);
      } catch (caught) {
        const error = caught as InterlinguaError;
        lastError = error;
        if (error.code === 'context_length_exceeded') overflow = error;
        if (cancellation.aborted || endsTheRequest(error)) throw error;
        if (!error.retryable || retry === settings.attempts) break;
        const delay = error.retryAfterMs ?? backoffDelay(retry, settings);
        if (delay > settings.maxDelayMs) break;
        await cancellation.sleep(delay);
        if (cancellation.aborted) throw error;
      }
    }
  }
  throw overflow ?? lastError ?? new Error('no deployment to try');
}

function backoffDelay(retry: number, settings: RetrySettings): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
