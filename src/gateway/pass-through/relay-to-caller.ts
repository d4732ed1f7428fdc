import type { ServerResponse } from 'node:http';
import type { InterlinguaError } from '../../interlingua/error.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { safeHeaders } from '../header-values.js';
import { drained, writeInBand } from '../stream-writer.js';
import { toInterlinguaError } from '../http-io.js';
import { TurnWrites } from '../turn-writes.js';
import { failedFinishError } from '../failed-finish.js';
import type { ForwardedJson } from './forwarded.js';
import type { RelayedStream } from './relayed-stream.js';

/** A whole forwarded answer, the upstream's bytes as they came, with the gateway's own headers. */
export function sendForwardedJson(response: ServerResponse, answer: ForwardedJson, headers: Record<string, string>): void {
  response.writeHead(200, safeHeaders({ 'content-type': 'application/json', 'content-length': answer.body.length, ...headers }));
  response.end(answer.body);
}

export interface RelayTarget {
  response: ServerResponse;
  /** Headers for the caller, written with the first byte. */
  headers: Record<string, string>;
  /** Sees every event the tap read (usage, finish, errors, first content). */
  observe: (event: StreamEvent) => void;
  /** A failure the gateway found (a cut, a broken connection), as an in-band error frame in the caller's dialect. */
  errorFrame: (error: InterlinguaError) => string;
  /** How long the caller may leave its socket full before it is cut (stream-writer.ts, `drained`). */
  stallMs?: number;
}

/**
 * Writes a relayed stream to the caller: each upstream chunk as it came, one write per chunk with
 * nothing held back, pausing while the caller's socket is full. A failure the upstream's bytes do
 * not tell (a cut, a broken connection) is written in-band after them and ends the stream, so the
 * caller never mistakes a broken stream for a clean end; a frame cut in half is closed first (as
 * the dialect frames its stream), so the error frame stands on its own. The upstream's own error
 * frame ends the stream as well, as does its terminal event (RelayedStream).
 */
export async function writeRelayedStream(relay: RelayedStream, target: RelayTarget): Promise<void> {
  const { response } = target;
  response.writeHead(200, safeHeaders(target.headers));
  // The headers leave with the first chunk when it came with them, else on their own at the turn's end.
  const turn = new TurnWrites(response);
  turn.hold();
  response.flushHeaders();
  const pieces = relay.pieces();
  try {
    for (let next = await pieces.next(); next.done !== true && !response.destroyed; next = await pieces.next()) {
      const piece = next.value;
      let upstreamError = false;
      for (const event of piece.events) {
        target.observe(event);
        if (event.type === 'error') upstreamError = true;
        // The caller reads the upstream's own failed finish as it came (Gemini's MALFORMED_FUNCTION_CALL);
        // the request is recorded with the error it stands for (failed-finish.ts).
        else if (event.type === 'finish' && event.finishReason.unified === 'error') target.observe({ type: 'error', error: failedFinishError(event.finishReason.raw, 'The upstream') });
      }
      if (piece.failure !== undefined) target.observe({ type: 'error', error: piece.failure });
      let text = piece.bytes;
      if (piece.failure !== undefined) {
        const frame = Buffer.from(relay.separatorBeforeError + target.errorFrame(piece.failure), 'utf8');
        text = text === undefined ? frame : Buffer.concat([text, frame]);
      }
      if (text !== undefined && text.length > 0) {
        turn.hold();
        if (!response.write(text)) await drained(response, target.stallMs);
      }
      // An error frame ends the stream in every relayed dialect: the caller is not held for the upstream's end.
      if (piece.failure !== undefined || upstreamError) break;
    }
  } catch (thrown) {
    // A fault of the gateway's own mid-stream ends the stream in-band too; the pipeline records it.
    if (!response.destroyed) writeInBand(response, () => relay.separatorBeforeError + target.errorFrame(toInterlinguaError(thrown)));
    throw thrown;
  } finally {
    await pieces.return(undefined);
    // Usage the tap held back (a caller that left mid-stream) still counts.
    for (const event of relay.settle()) target.observe(event);
    if (!response.destroyed) response.end();
  }
}
