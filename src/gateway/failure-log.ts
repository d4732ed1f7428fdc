import type { InterlinguaError } from '../interlingua/error.js';
import { withoutUrlCredentials } from '../core/url-credentials.js';

/**
 * The fields of a log line about a failed request: what the caller was told, and what only the
 * operator may see (the upstream's URL and the low-level cause, kept out of the caller's error).
 */
export function failureLogFields(error: InterlinguaError): Record<string, unknown> {
  return withUpstreamUrlRedacted({
    code: error.code,
    status: error.status,
    error: error.message,
    ...(error.upstream !== undefined ? { upstreamUrl: error.upstream.url } : {}),
    ...error.logFields,
  });
}

/**
 * The upstream's URL (from the error or, set by the transport, from its log fields) without the
 * user-info a `baseUrl` may carry (`http://user:password@host/v1`): credentials are never logged.
 */
function withUpstreamUrlRedacted(fields: Record<string, unknown>): Record<string, unknown> {
  if (typeof fields.upstreamUrl === 'string') fields.upstreamUrl = withoutUrlCredentials(fields.upstreamUrl);
  return fields;
}
