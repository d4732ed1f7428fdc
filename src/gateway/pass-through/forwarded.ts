import { InterlinguaError } from '../../interlingua/error.js';
import type { Usage } from '../../interlingua/usage.js';
import type { Dialect } from '../../interlingua/dialect.js';
import type { ChatRequest } from '../../interlingua/request.js';
import { Readable } from 'node:stream';
import type { ProviderConfig } from '../../config/resolved-config.js';
import type { UpstreamResponse } from '../upstream-client.js';
import { answerJson, upstreamAnswerBytes } from '../upstream-answer.js';
import { answerBodyError, isErrorBody } from '../answer-body-error.js';
import { responseToEvents } from '../../core/response-to-events.js';
import type { PassThroughTap } from './dialect-taps.js';
import { RelayedStream } from './relayed-stream.js';
import { relayFramingFor } from './relay-framing.js';
import { outputTextOf, type OutputSoFar } from '../../core/output-text.js';

/** A whole answer in the caller's own dialect: the upstream's bytes, and the usage read from them. */
export class ForwardedJson {
  constructor(
    readonly body: Buffer,
    readonly usage: Usage | undefined,
  ) {}

  /** The answer's text, read by the dialect's own parser: only when its usage is short and its tokens must be estimated. */
  outputSoFar(dialect: Dialect): OutputSoFar {
    try {
      return outputTextOf(dialect.parseResponse(JSON.parse(this.body.toString('utf8'))).content);
    } catch {
      return { texts: [] };
    }
  }
}

/** An answer forwarded without being parsed and written again: whole, or as a stream. */
export type Forwarded = ForwardedJson | RelayedStream;

/**
 * The upstream's successful answer as it came. It must still be JSON (as on the parsing path, a
 * body that is not is a retryable upstream fault); its usage is all that is read from it. It is
 * read within the same size and time limits as on the parsing path (upstreamAnswerBytes). A body
 * that is an error object under a success status is the upstream's error (answer-body-error.ts),
 * told by the top-level keys of the parse made for the usage.
 */
export async function forwardJson(upstream: UpstreamResponse, dialect: Dialect, tap: PassThroughTap, provider: ProviderConfig): Promise<ForwardedJson> {
  const body = await upstreamAnswerBytes(upstream, provider);
  const text = body.toString('utf8');
  const json = answerJson(upstream, provider, text);
  if (isErrorBody(json)) throw answerBodyError(dialect, json, text, upstream, provider.name);
  return new ForwardedJson(body, tap.usageOfResponse(json));
}

/**
 * A stream request the upstream answered with one whole JSON answer (stream-content-type.ts): an
 * error body is thrown as the upstream's error; an answer is written as the stream of the
 * dialect's own that would have carried it, by the dialect's encoder, and relayed as any stream
 * is, so the tap reads its usage and finish as usual. The encoder is asked for the usage as the
 * upstream always is (openai-chat-tap.ts), and the relay holds back what the caller did not ask for.
 */
export async function forwardWholeAsStream(upstream: UpstreamResponse, dialect: Dialect, tap: PassThroughTap, request: ChatRequest, source: { provider: string; url: string }, provider: ProviderConfig): Promise<RelayedStream> {
  const text = (await upstreamAnswerBytes(upstream, provider)).toString('utf8');
  const json = answerJson(upstream, provider, text);
  if (isErrorBody(json)) throw answerBodyError(dialect, json, text, upstream, provider.name);
  const response = dialect.parseResponse(json);
  const encoder = dialect.createStreamEncoder({ requestedModel: response.model, request: { ...request, streamUsage: true } });
  const written = responseToEvents(response)
    .map((event) => encoder.encode(event))
    .join('');
  const replayed: UpstreamResponse = { ...upstream, body: Readable.from([Buffer.from(written, 'utf8')]) as unknown as UpstreamResponse['body'] };
  return forwardStream(replayed, dialect, tap, request, source);
}

/**
 * The upstream's stream, relayed chunk by chunk, framed as its dialect frames it, while its usage and
 * finish are read; frames the caller did not ask for (PassThroughTap.withholds) are left out.
 */
export function forwardStream(upstream: UpstreamResponse, dialect: Dialect, tap: PassThroughTap, request: ChatRequest, source: { provider: string; url: string }): RelayedStream {
  const framing = relayFramingFor(dialect.streamFraming);
  if (framing === undefined) throw new InterlinguaError('internal', `A ${dialect.streamFraming} stream cannot be relayed.`);
  return new RelayedStream(upstream, dialect.createStreamDecoder(), tap, source, framing, tap.withholds?.(request));
}
