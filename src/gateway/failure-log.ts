import type { InterlinguaError } from '../interlingua/error.js';

/**
 * The fields of a log line about a failed request: what the caller was told, and what only the
 * operator may see (the upstream's URL and the low-level cause, kept out of the caller's error).
 */
export function failureLogFields(error: InterlinguaError): Record<string, unknown> {
  return {
    code: error.code,
    status: error.status,
    error: error.message,
    ...(error.upstream !== undefined ? { upstreamUrl: error.upstream.url } : {}),
    ...error.logFields,
  };
}
