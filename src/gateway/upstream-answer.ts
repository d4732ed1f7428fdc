import type { Dialect } from '../interlingua/dialect.js';
import { InterlinguaError } from '../interlingua/error.js';
import type { ProviderConfig } from '../config/resolved-config.js';
import type { UpstreamEndpoint } from '../providers/index.js';
import type { UpstreamResponse } from './upstream-client.js';
import { flattenHeaders } from './upstream-client.js';
import { parseJsonText } from '../wire/json-text.js';

/**
 * An upstream's error answer as an InterlinguaError in terms of its own dialect, named after the
 * provider and carrying the raw exchange for logs.
 */
export async function upstreamFailure(upstream: UpstreamResponse, dialect: Dialect, provider: ProviderConfig, endpoint: UpstreamEndpoint): Promise<InterlinguaError> {
  const text = await upstream.body.text();
  const headers = flattenHeaders(upstream.headers);
  const parsed = dialect.parseError(upstream.status, text, headers);
  return new InterlinguaError(parsed.code, `${provider.name}: ${parsed.message}`, {
    status: parsed.status,
    retryable: parsed.retryable,
    ...(parsed.retryAfterMs !== undefined ? { retryAfterMs: parsed.retryAfterMs } : {}),
    ...(parsed.vendorType !== undefined ? { vendorType: parsed.vendorType } : {}),
    ...(parsed.param !== undefined ? { param: parsed.param } : {}),
    upstream: { url: endpoint.url, status: upstream.status, headers, body: text, dialect: dialect.name },
  });
}

/** A successful upstream answer's JSON body; anything else (too deep to handle too) is a retryable upstream fault. */
export async function upstreamJson(upstream: UpstreamResponse, provider: ProviderConfig): Promise<unknown> {
  const parsed = parseJsonText(await upstream.body.text());
  if (parsed.ok) return parsed.value;
  // A body nested past the limit would overflow the stack of whatever walks it next.
  const problem = parsed.kind === 'too-deep' ? parsed.problem : 'is not JSON';
  throw new InterlinguaError('upstream_error', `${provider.name} answered with a body that ${problem}.`, { retryable: true });
}
