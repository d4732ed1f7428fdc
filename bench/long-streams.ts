/**
 * Long streams: the recorded Anthropic stream (`upstreamReplyFixtures`) stretched to a given
 * number of SSE events by repeating its text deltas between its head (message_start,
 * content_block_start, ping) and its tail (content_block_stop, message_delta, message_stop), so
 * that every length has the same kind of events and only their number differs. The upstream
 * serves a length of N events at `/long/N/v1/messages` and writes them one event per turn of its
 * event loop, as a token-paced vendor does, so the gateway reads, decodes, encodes and writes each
 * event on its own rather than a whole stream in one chunk.
 */

/** The long stream the main table measures beside the reference proxy. */
export const longStreamEvents = 500;
/** The stream lengths whose CPU per request gives the cost of an event early and late in a stream. */
export const sweepLengths = [20, 500, 1000] as const;
/** Every length the gateway and the upstream serve. */
export const longStreamLengths = [...new Set([longStreamEvents, ...sweepLengths])];

const prefix = '/long/';

/** Where the upstream serves a stream of `events` events; the gateway's provider posts here. */
export function longStreamPath(events: number): string {
  return `${prefix}${events}/v1/messages`;
}

/** The provider base URL whose Anthropic endpoint is `longStreamPath(events)`. */
export function longStreamBaseUrl(upstreamOrigin: string, events: number): string {
  return `${upstreamOrigin}${prefix}${events}`;
}

/** The gateway's model alias routed to the stream of `events` events. */
export function longStreamModel(events: number): string {
  return `bench-anthropic-long-${events}`;
}

/** Whether the upstream should pace this path's stream (one event per event-loop turn). */
export function isLongStreamPath(path: string): boolean {
  return path.startsWith(prefix);
}

/**
 * The recorded frames stretched (or cut) to `events` frames: head, deltas repeated in order, tail.
 * Fewer events than head and tail hold keeps one delta, so even the shortest stream has text.
 */
export function stretchFrames(frames: readonly Buffer[], events: number): Buffer[] {
  const isDelta = (frame: Buffer) => frame.includes('content_block_delta');
  const firstDelta = frames.findIndex(isDelta);
  const lastDelta = frames.length - 1 - [...frames].reverse().findIndex(isDelta);
  if (firstDelta === -1) throw new Error('the recorded stream has no content_block_delta to repeat');
  const head = frames.slice(0, firstDelta);
  const deltas = frames.slice(firstDelta, lastDelta + 1);
  const tail = frames.slice(lastDelta + 1);
  const count = Math.max(1, events - head.length - tail.length);
  return [...head, ...Array.from({ length: count }, (_, index) => deltas[index % deltas.length] as Buffer), ...tail];
}
