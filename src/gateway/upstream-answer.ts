import type { Dialect } from '../interlingua/dialect.js';
import { errorOptions, InterlinguaError } from '../interlingua/error.js';
import type { ProviderConfig } from '../config/resolved-config.js';
import type { UpstreamEndpoint } from '../providers/index.js';
import type { UpstreamResponse } from './upstream-client.js';
import { describeTransportError, flattenHeaders } from './upstream-client.js';
import { parseJsonText } from '../wire/json-text.js';
import { readBoundedBody, type BoundedBody } from '../wire/bounded-body.js';
import { maxAnswerBytes, maxErrorBodyBytes, sizeText } from '../wire/size-limits.js';
import { upstreamRefusesRetry } from './upstream-retry-refusal.js';

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
    // Neither the gateway nor, told in turn, the caller asks again what the upstream said not to.
    ...(upstreamRefusesRetry(headers) ? { retryable: false, retryFutile: true } : {}),
    upstream: { url: endpoint.url, status: upstream.status, headers, body: text, dialect: dialect.name },
  });
}

/** A successful upstream answer's JSON body; anything else (too deep to handle too) is a retryable upstream fault. */
export async function upstreamJson(upstream: UpstreamResponse, provider: ProviderConfig): Promise<unknown> {
  return answerJson(upstream, provider, (await upstreamAnswerBytes(upstream, provider)).toString('utf8'));
}

/** A successful answer's text read as JSON; text that is not (or is too deep to handle) is a retryable upstream fault. */
export function answerJson(upstream: UpstreamResponse, provider: ProviderConfig, text: string): unknown {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  // A body nested past the limit would overflow the stack of whatever walks it next.
  const problem = parsed.kind === 'too-deep' ? parsed.problem : text === '' ? 'is empty' : 'is not JSON';
  throw new InterlinguaError('upstream_error', `${provider.name} answered with a body that ${problem} (HTTP ${upstream.status}, content-type ${contentTypeOf(upstream) ?? 'none'}).`, {
    retryable: true,
    logFields: answerLogFields(upstream, text),
  });
}

/**
 * What an operator needs to tell a captive portal, a proxy's text page or an empty body from a
 * broken answer: the status, the content-type and the body's first bytes, control characters
 * escaped so the line stays one line. Logs only: the body may name the internal network.
 */
export function answerLogFields(upstream: UpstreamResponse, text: string): Record<string, string> {
  return {
    ...(upstream.url === undefined ? {} : { upstreamUrl: upstream.url }),
    upstreamStatus: String(upstream.status),
    upstreamContentType: contentTypeOf(upstream) ?? '',
    upstreamBodyStart: bodySnippet(text),
  };
}

/** Characters of a body kept for a log line. */
const snippetLength = 200;

/** The body's first characters with control characters (newlines included) escaped as `\uXXXX`. */
export function bodySnippet(text: string): string {
  const start = text.slice(0, snippetLength);
  // eslint-disable-next-line no-control-regex
  const escaped = start.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > snippetLength ? `${escaped}…` : escaped;
}

/** The answer's content-type as sent (one value), or undefined without one. */
export function contentTypeOf(upstream: UpstreamResponse): string | undefined {
  const value = upstream.headers['content-type'];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The upstream's answer if it is a success (a 2xx); a refusal is thrown as the upstream's error,
 * a redirect as the misconfiguration it says (`upstreamRedirect`): a 3xx is no success (RFC 9110
 * §15.4, https://www.rfc-editor.org/rfc/rfc9110#section-15.4).
 */
export async function successfulAnswer(upstream: UpstreamResponse, dialect: Dialect, provider: ProviderConfig, endpoint: UpstreamEndpoint): Promise<UpstreamResponse> {
  if (upstream.status >= 200 && upstream.status < 300) return upstream;
  if (upstream.status >= 300 && upstream.status < 400) throw await upstreamRedirect(upstream, provider, endpoint);
  throw await upstreamFailure(upstream, dialect, provider, endpoint);
}

/**
 * A 3xx answer. Not a success (RFC 9110 §15.4, https://www.rfc-editor.org/rfc/rfc9110#section-15.4:
 * "the user agent must take additional action") and not followed: the gateway posts to the URL it
 * was configured with, and an upstream that redirects says that URL is wrong (a `baseUrl` missing a
 * path or with `http` for `https`). Asking again gets the same answer, so it is not retried;
 * another deployment may still serve. Where it pointed goes to the logs only.
 */
export async function upstreamRedirect(upstream: UpstreamResponse, provider: ProviderConfig, endpoint: UpstreamEndpoint): Promise<InterlinguaError> {
  // Read (bounded) so the connection stays in the pool; its text is no use to anyone.
  await errorBodyText(upstream, provider);
  const location = upstream.headers['location'];
  return new InterlinguaError('upstream_error', `${provider.name} redirected the request (HTTP ${upstream.status}) instead of answering it; its configured baseUrl is likely wrong.`, {
    retryable: false,
    logFields: {
      upstreamUrl: endpoint.url,
      upstreamStatus: String(upstream.status),
      upstreamLocation: (Array.isArray(location) ? location[0] : location) ?? '(none)',
    },
  });
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
