/**
 * How a relayed stream is cut into frames, by the dialect's own framing: the same parser the
 * parsing path uses (upstream-events.ts), so the tap sees the frames the decoder would, and where a
 * frame ends, so an in-band error written after a cut stands on its own. A framing missing here
 * (AWS event-stream messages are binary) is never relayed.
 */
import type { Dialect, StreamFrame } from '../../interlingua/dialect.js';
import { SseParser } from '../../wire/sse-parser.js';
import { NdjsonParser } from '../../wire/ndjson-parser.js';
import { NdjsonFrameEnds, SseFrameEnds, type FrameEnds } from './frame-ends.js';

export interface RelayFraming {
  createParser(): { push(text: string): StreamFrame[]; end(): StreamFrame[] };
  /** Where frames end in the raw bytes, for a relay that holds some frames back (PassThroughTap.withholds). */
  createFrameEnds(): FrameEnds;
  /** Whether these bytes end a frame: an in-band error may then follow without a separator. */
  endsAFrame(bytes: Buffer): boolean;
  /** What closes a frame cut in half, before an in-band error is written. */
  readonly closer: string;
}

/** Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html): a frame ends at a blank line. */
export const sseRelayFraming: RelayFraming = {
  createParser: () => new SseParser(),
  createFrameEnds: () => new SseFrameEnds(),
  endsAFrame: endsAnSseEvent,
  closer: '\n\n',
};

/** One JSON object per line (Ollama: https://github.com/ollama/ollama/blob/main/docs/api.md, "streaming responses"). */
const ndjsonFraming: RelayFraming = {
  createParser: () => new NdjsonParser(),
  createFrameEnds: () => new NdjsonFrameEnds(),
  endsAFrame: (bytes) => bytes.length > 0 && bytes[bytes.length - 1] === 10,
  closer: '\n',
};

const framings: Readonly<Partial<Record<Dialect['streamFraming'], RelayFraming>>> = { sse: sseRelayFraming, ndjson: ndjsonFraming };

/** The framing of a dialect's streams, when they can be relayed. */
export function relayFramingFor(framing: Dialect['streamFraming']): RelayFraming | undefined {
  return framings[framing];
}

/** Whether a chunk ends with the blank line that closes an SSE event (`\n\n`, `\r\n\r\n` or `\r\r`). */
function endsAnSseEvent(bytes: Buffer): boolean {
  const length = bytes.length;
  if (length < 2) return false;
  const last = bytes[length - 1];
  const before = bytes[length - 2];
  return (last === 10 && (before === 10 || (before === 13 && length >= 4 && bytes[length - 3] === 10))) || (last === 13 && before === 13);
}
