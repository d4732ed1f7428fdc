import type { BenchChild } from './processes.js';
import type { HeldRequest, HeldRequestsReport } from './protocol.js';
import { openCaller } from './probe-callers.js';
import { probeMark, wallClockMs } from './probe-marks.js';
import { soakRequests } from './soak-load.js';

/**
 * How long a caller's disconnect takes to reach the upstream: callers of every dialect go away
 * (their socket destroyed) in the middle of a stream, after its first event, or while a whole
 * answer is awaited; the holding upstream (holding-upstream.ts) notes when its connection for
 * that request closes. One caller at a time, so that the figure is the gateway's, not a queue's.
 */

export interface DisconnectFigures {
  callers: number;
  streamed: number;
  /** Milliseconds from the caller's destroy to the upstream's close, for every request whose close was seen. */
  abortMs: number[];
  /** Requests whose upstream connection was still open when the wait ended. */
  neverClosed: string[];
}

const waitMs = 10_000;
const pollMs = 5;

export async function probeDisconnects(origin: string, key: string, upstream: BenchChild, callers: number): Promise<DisconnectFigures> {
  const figures: DisconnectFigures = { callers, streamed: 0, abortMs: [], neverClosed: [] };
  for (let index = 0; index < callers; index++) {
    const mark = probeMark('disconnect', index);
    const templates = soakRequests(key, mark);
    // Two callers in three stream; the rest wait for a whole answer. Every dialect and both upstreams in turn.
    const stream = index % 3 !== 2;
    const candidates = templates.filter((template) => template.stream === stream);
    const soakRequest = candidates[index % candidates.length];
    if (soakRequest === undefined) throw new Error('no soak request to send');
    const caller = openCaller(origin, soakRequest, waitMs);
    if (stream) {
      figures.streamed++;
      await caller.firstBytes;
    } else {
      await waitFor(upstream, mark, (held) => held !== undefined);
    }
    const destroyedAt = wallClockMs();
    caller.request.destroy();
    const held = await waitFor(upstream, mark, (found) => found?.closedAt !== undefined);
    if (held?.closedAt === undefined) figures.neverClosed.push(`${soakRequest.label} (${mark})`);
    else figures.abortMs.push(held.closedAt - destroyedAt);
  }
  return figures;
}

/** Asks the upstream until its record of `mark` satisfies `done`, for at most `waitMs`. */
async function waitFor(upstream: BenchChild, mark: string, done: (held: HeldRequest | undefined) => boolean): Promise<HeldRequest | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const report = await upstream.request<HeldRequestsReport>({ type: 'held-requests' }, 'held-requests', waitMs);
    const held = report.requests.find((request) => request.mark === mark);
    if (done(held) || Date.now() > deadline) return held;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
