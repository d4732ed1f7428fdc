import type { Readable } from 'node:stream';
import type { Dialect } from '../interlingua/dialect.js';
import { InterlinguaError } from '../interlingua/error.js';
import type { Warning } from '../interlingua/warning.js';
import type { UpstreamResponse } from './upstream-client.js';
import { answerLogFields, contentTypeOf } from './upstream-answer.js';

/**
 * What the content-type of an answer to a stream request says. An SSE stream is
 * `text/event-stream` (https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream);
 * an upstream that ignores `stream: true`, or fails with HTTP 200, answers `application/json`
 * instead, and a captive portal or a proxy `text/html` or `text/plain`.
 */
function mediaTypeOf(upstream: UpstreamResponse): string | undefined {
  return contentTypeOf(upstream)?.split(';', 1)[0]?.trim().toLowerCase();
}

/** `application/json` or a `+json` type (RFC 6839 §3.1, https://www.rfc-editor.org/rfc/rfc6839#section-3.1). */
function isJsonType(mediaType: string | undefined): boolean {
  return mediaType !== undefined && (mediaType === 'application/json' || mediaType.endsWith('+json'));
}

/**
 * Whether the answer to a stream request is one JSON document rather than the SSE stream asked
 * for: labelled JSON, and its first byte that is not blank opens an object. The first chunk is
 * read to tell, and put back: a server that labels its SSE stream JSON (its first byte is that of
 * `data:`, `event:` or a `:` comment) is still relayed as it streams. Only SSE dialects are
 * judged: an NDJSON stream's lines are JSON objects themselves, and its decoder reads a whole
 * answer as the one line it is.
 */
export async function answersWithJson(upstream: UpstreamResponse, dialect: Dialect): Promise<boolean> {
  if (dialect.streamFraming !== 'sse' || !isJsonType(mediaTypeOf(upstream))) return false;
  const first = await firstChunk(upstream.body);
  if (first === undefined) return false;
  const start = first.toString('utf8').trimStart();
  // A UTF-8 byte-order mark before the JSON (RFC 8259 §8.1 lets a parser ignore it).
  return start.startsWith('{') || start.startsWith('\ufeff{');
}

/**
 * A copy of the body's first chunk, which stays in the body: it is put back at once, in the same
 * tick (a body whose last chunk was read would otherwise end before it could be).
 */
function firstChunk(body: Readable): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const settle = (): void => {
      const chunk = body.destroyed ? null : (body.read() as Buffer | string | null);
      if (chunk === null && !body.readableEnded && !body.destroyed) return;
      if (chunk !== null) body.unshift(chunk);
      body.off('readable', settle);
      body.off('end', settle);
      body.off('close', settle);
      body.off('error', settle);
      resolve(chunk === null ? undefined : typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    };
    body.on('readable', settle);
    body.on('end', settle);
    body.on('close', settle);
    body.on('error', settle);
    // What came already, or a body over before this began.
    settle();
  });
}

/** Told to the caller when a stream it asked for came from a whole answer. */
export function wholeAnswerWarning(provider: string): Warning {
  return {
    type: 'compatibility',
    feature: 'stream',
    message: `${provider} answered a stream request with one whole JSON answer (content-type application/json); it was sent as one stream.`,
  };
}

/**
 * A stream that failed before its first event, told by what came instead when that was no SSE
 * stream (a page, a text, an empty body): "the stream ended before its finish" says nothing an
 * operator can act on. Failures of a stream labelled `text/event-stream` stand as they are.
 */
export function notAnEventStream(failure: InterlinguaError, upstream: UpstreamResponse, provider: string, firstText: string): InterlinguaError {
  const mediaType = mediaTypeOf(upstream);
  if (mediaType === 'text/event-stream') return failure;
  return new InterlinguaError('upstream_error', `${provider} answered a stream request with ${mediaType === undefined ? 'no content-type' : `content-type ${mediaType}`}, not an event stream (text/event-stream).`, {
    retryable: true,
    cause: failure,
    logFields: { ...failure.logFields, ...answerLogFields(upstream, firstText), streamFailure: failure.message },
  });
}
