import type { UsageAttempt } from '../usage/usage-record.js';
import type { Cancellation } from './cancellation.js';
import type { Deployment } from './model-router.js';
import { toInterlinguaError } from './http-io.js';
import { cancelledAttempt } from './unsent-abort.js';

/**
 * One upstream call made outside the chat engine (embeddings), noted in the request's list of
 * attempts before it is sent, as the engine's AttemptTracker notes chat's, then how it ended: so
 * a request whose caller left while the upstream had it is charged to that deployment
 * (RequestMeter's `attemptCutShort`), and one that failed names where it failed.
 */
export async function attemptNoted<Answer>(attempts: UsageAttempt[], deployment: Deployment, cancellation: Cancellation, call: () => Promise<Answer>): Promise<Answer> {
  const noted: UsageAttempt = { deployment: deployment.name, status: 200, ms: 0 };
  attempts.push(noted);
  const started = performance.now();
  try {
    return await call();
  } catch (caught) {
    if (cancellation.aborted) {
      Object.assign(noted, cancelledAttempt(caught));
    } else {
      const error = toInterlinguaError(caught);
      Object.assign(noted, { status: error.status, errorCode: error.code });
    }
    throw caught;
  } finally {
    noted.ms = Math.round(performance.now() - started);
  }
}
