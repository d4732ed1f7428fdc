import { InterlinguaError } from '../interlingua/error.js';

const ignore = (): void => {};

/**
 * `pending`, or undefined should `deadline` (in `Date.now()` milliseconds) pass first. The read
 * left waiting is its owner's to end (by destroying or draining the body it reads), so how it
 * settles later is not reported here.
 */
export async function beforeDeadline<T>(pending: Promise<T>, deadline: number): Promise<T | undefined> {
  pending.catch(ignore);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now()))));
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A stream that began (HTTP 200, stream headers) and gave no event by the provider's deadline:
 * `timeoutMs` from sending, the one the headers had (UpstreamResponse.deadline). It has to be the
 * gateway's own bound: undici's `bodyTimeout` starts again with every chunk, and an upstream that
 * sends only SSE comments (`: keep-alive`) would otherwise hold the caller, who has had nothing
 * yet, and the connection without end. Nothing reached the caller, so it is retried or the next
 * deployment is tried, as for headers that came too late.
 */
export function noFirstEvent(source: { provider: string; url: string }): InterlinguaError {
  return new InterlinguaError('upstream_timeout', `${source.provider} began its stream but sent no event within its timeoutMs.`, {
    retryable: true,
    logFields: { upstreamUrl: source.url },
  });
}
