import type { EventEmitter } from 'node:events';
import type { Metadata } from '@grpc/grpc-js';
import type { Cancellation } from '../gateway/cancellation.js';
import { resetCallStream } from './call-streams.js';

/** A streaming call as seen by its handler: it emits `drain`, and its metadata finds its stream (call-streams.ts). */
export type StreamingCall = EventEmitter & { metadata: Metadata };

/**
 * Waits until the client of a streaming call takes more replies, or the call is cancelled, as
 * `Cancellation.drained` does, but for at most `stallMs` (`writeStallMsFor` in stream-writer.ts,
 * the HTTP streams' rule). A client that reads nothing for that long is cut as an HTTP caller is:
 * the cancellation is aborted as by a caller that left (the upstream request aborted, its
 * connection back in the provider's pool, the usage recorded as `cancelled`), and the call's
 * stream is reset (call-streams.ts), as no status can reach a client that reads nothing. Without
 * the deadline such a client held its upstream connection for as long as it kept its own open.
 */
export function drainedOrCut(call: StreamingCall, cancellation: Cancellation, stallMs: number): Promise<void> {
  if (cancellation.aborted) return Promise.resolve();
  const stalled = setTimeout(() => {
    cancellation.abort('caller');
    resetCallStream(call.metadata);
  }, stallMs);
  return cancellation.drained(call).finally(() => clearTimeout(stalled));
}
