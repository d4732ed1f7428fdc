import { InterlinguaError } from '../../interlingua/error.js';
import type { Usage } from '../../interlingua/usage.js';
import type { Dialect } from '../../interlingua/dialect.js';
import type { ChatRequest } from '../../interlingua/request.js';
import { parseJsonText } from '../../wire/json-text.js';
import type { ProviderConfig } from '../../config/resolved-config.js';
import type { UpstreamResponse } from '../upstream-client.js';
import { upstreamAnswerBytes } from '../upstream-answer.js';
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
 * read within the same size and time limits as on the parsing path (upstreamAnswerBytes).
 */
export async function forwardJson(upstream: UpstreamResponse, tap: PassThroughTap, provider: ProviderConfig): Promise<ForwardedJson> {
  const body = await upstreamAnswerBytes(upstream, provider);
  const parsed = parseJsonText(body.toString('utf8'));
  if (!parsed.ok) {
    const problem = parsed.kind === 'too-deep' ? parsed.problem : 'is not JSON';
    throw new InterlinguaError('upstream_error', `${provider.name} answered with a body that ${problem}.`, { retryable: true });
  }
  return new ForwardedJson(body, tap.usageOfResponse(parsed.value));
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
