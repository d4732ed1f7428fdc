import type { InterlinguaError } from '../interlingua/error.js';
import type { Cancellation } from './cancellation.js';

export interface RetrySettings {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * Errors that say the request itself is wrong: no other deployment would answer differently,
 * so they go straight back to the caller. Anything else (auth, missing model, rate limits,
 * server faults) is a fault of this deployment and the next one is tried.
 */
export function isCallerFault(error: InterlinguaError): boolean {
  return error.code === 'invalid_request' || error.code === 'request_too_large';
}

/**
 * Tries deployments in order, retrying retryable failures of each with exponential backoff
 * and full jitter, honouring the upstream's `retry-after`. A `retry-after` longer than
 * `maxDelayMs` moves on to the next deployment instead of waiting.
 */
export async function withRetries<Target, Result>(
  targets: readonly Target[],
  settings: RetrySettings,
  cancellation: Cancellation,
  attempt: (target: Target) => Promise<Result>,
): Promise<Result> {
  let lastError: InterlinguaError | undefined;
  for (const target of targets) {
    for (let retry = 0; retry <= settings.attempts; retry++) {
      try {
        return await attempt(target);
      } catch (caught) {
        const error = caught as InterlinguaError;
        lastError = error;
        if (cancellation.aborted || isCallerFault(error)) throw error;
        if (!error.retryable || retry === settings.attempts) break;
        const delay = error.retryAfterMs ?? backoffDelay(retry, settings);
        if (delay > settings.maxDelayMs) break;
        await cancellation.sleep(delay);
        if (cancellation.aborted) throw error;
      }
    }
  }
  throw lastError ?? new Error('no deployment to try');
}

function backoffDelay(retry: number, settings: RetrySettings): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
