import type { Dialect } from '../interlingua/dialect.js';
import { errorOptions, InterlinguaError } from '../interlingua/error.js';
import type { ProviderConfig } from '../config/resolved-config.js';
import type { UpstreamEndpoint } from '../providers/index.js';
import type { UpstreamResponse } from './upstream-client.js';
import { describeTransportError, flattenHeaders } from './upstream-client.js';
import { parseJsonText } from '../wire/json-text.js';
import { readBoundedBody, type BoundedBody } from '../wire/bounded-body.js';
import { maxAnswerBytes, maxErrorBodyBytes, sizeText } from '../wire/size-limits.js';

/**
 * An upstream's error answer as an InterlinguaError in terms of its own dialect, named after the
 * provider and carrying the raw exchange for logs. The body is read only as far as
 * `maxErrorBodyBytes` and the provider's deadline: the status is the verdict, and an error body cut
 * short (or one that broke off) still leaves it standing.
 */
export async function upstreamFailure(upstream: UpstreamResponse, dialect: Dialect, provider: ProviderConfig, endpoint: UpstreamEndpoint): Promise<InterlinguaError> {
  const text = await errorBodyText(upstream, provider);
  const headers = flattenHeaders(upstream.headers);
  const parsed = dialect.parseError(upstream.status, text, headers);
  // Everything the dialect read is kept (errorOptions): a field copied by hand here was lost when one was added.
  return new InterlinguaError(parsed.code, `${provider.name}: ${parsed.message}`, {
    ...errorOptions(parsed),
    upstream: { url: endpoint.url, status: upstream.status, headers, body: text, dialect: dialect.name },
  });
}

/** A successful upstream answer's JSON body; anything else (too deep to handle too) is a retryable upstream fault. */
export async function upstreamJson(upstream: UpstreamResponse, provider: ProviderConfig): Promise<unknown> {
  const parsed = parseJsonText((await upstreamAnswerBytes(upstream, provider)).toString('utf8'));
  if (parsed.ok) return parsed.value;
  // A body nested past the limit would overflow the stack of whatever walks it next.
  const problem = parsed.kind === 'too-deep' ? parsed.problem : 'is not JSON';
  throw new InterlinguaError('upstream_error', `${provider.name} answered with a body that ${problem}.`, { retryable: true });
}

/**
 * A successful answer's whole body, read within `maxAnswerBytes` and by the provider's deadline
 * (`timeoutMs` from sending): a body past either is a retryable upstream fault, never memory and
 * time the gateway gives away while the caller waits.
 */
export async function upstreamAnswerBytes(upstream: UpstreamResponse, provider: ProviderConfig): Promise<Buffer> {
  let read: BoundedBody;
  try {
    read = await readBoundedBody(upstream.body, { maxBytes: maxAnswerBytes, deadline: deadlineOf(upstream, provider) });
  } catch (error) {
    // A connection that broke mid-body is the upstream's failure, told as one (not an internal fault).
    throw describeTransportError(error, provider.name, upstream.url ?? '');
  }
  if (read.end === 'too-large') {
    throw new InterlinguaError('upstream_error', `${provider.name} answered with a body over ${sizeText(maxAnswerBytes)}.`, { retryable: true });
  }
  if (read.end === 'too-slow') {
    throw new InterlinguaError('upstream_timeout', `${provider.name} did not finish its answer within ${provider.timeoutMs} ms.`, { retryable: true });
  }
  return read.bytes;
}

async function errorBodyText(upstream: UpstreamResponse, provider: ProviderConfig): Promise<string> {
  try {
    const read = await readBoundedBody(upstream.body, { maxBytes: maxErrorBodyBytes, deadline: deadlineOf(upstream, provider) });
    return read.bytes.toString('utf8');
  } catch {
    return '';
  }
}

/** The response's own deadline; a response made elsewhere (tests) gets the provider's whole `timeoutMs` from now. */
function deadlineOf(upstream: UpstreamResponse, provider: ProviderConfig): number {
  return upstream.deadline ?? Date.now() + provider.timeoutMs;
}
