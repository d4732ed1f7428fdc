import type { BenchChild } from './processes.js';
import type { HeldRequestsReport, MemoryReport } from './protocol.js';
import { openCaller, type OpenCaller } from './probe-callers.js';
import { probeMark } from './probe-marks.js';
import { soakRequests } from './soak-load.js';

/**
 * What an open stream costs the gateway: `streams` callers (every dialect, passed through and
 * translated) each hold a stream open after its first event, the upstream holding its side; the
 * gateway's RSS after a forced collection, before and while they are held, gives the memory per
 * open stream. Opened in batches, each waiting for its first events, so that no listen backlog
 * overflows into SYN retries. Then all are released and the upstream must see every one close.
 */

export interface OpenStreamFigures {
  streams: number;
  firstEvents: number;
  firstFailure?: string;
  before: MemoryReport;
  held: MemoryReport;
  released: MemoryReport;
  /** Upstream connections closed within the wait after the callers went away. */
  closedUpstream: number;
}

const batchSize = 100;
const firstEventTimeoutMs = 30_000;
const releaseWaitMs = 15_000;
/** Usage records wait up to a second in the writer's batch; the released figure is taken once they are written. */
const settleMs = 2_500;

export async function probeOpenStreams(origin: string, key: string, gateway: BenchChild, upstream: BenchChild, streams: number): Promise<OpenStreamFigures> {
  const memory = () => gateway.request<MemoryReport>({ type: 'memory', collectGarbage: true }, 'memory-used', 30_000);
  const before = await memory();
  const callers: OpenCaller[] = [];
  let firstEvents = 0;
  let firstFailure: string | undefined;
  for (let start = 0; start < streams; start += batchSize) {
    const batch: OpenCaller[] = [];
    for (let index = start; index < Math.min(streams, start + batchSize); index++) {
      const candidates = soakRequests(key, probeMark('open', index)).filter((template) => template.stream);
      const soakRequest = candidates[index % candidates.length];
      if (soakRequest === undefined) throw new Error('no streamed soak request');
      batch.push(openCaller(origin, soakRequest, firstEventTimeoutMs));
    }
    const results = await Promise.allSettled(batch.map((caller) => caller.firstBytes));
    for (const result of results) {
      if (result.status === 'fulfilled') firstEvents++;
      else firstFailure ??= result.reason instanceof Error ? result.reason.message : String(result.reason);
    }
    callers.push(...batch);
  }
  const held = await memory();
  for (const caller of callers) caller.request.destroy();
  const closedUpstream = await closedUpstreamCount(upstream, streams);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const released = await memory();
  return { streams, firstEvents, ...(firstFailure !== undefined ? { firstFailure } : {}), before, held, released, closedUpstream };
}

/** How many of the open-stream requests the upstream saw close, waiting (bounded) for all of them. */
async function closedUpstreamCount(upstream: BenchChild, streams: number): Promise<number> {
  const deadline = Date.now() + releaseWaitMs;
  for (;;) {
    const report = await upstream.request<HeldRequestsReport>({ type: 'held-requests' }, 'held-requests', releaseWaitMs);
    const closed = report.requests.filter((request) => request.mark.startsWith('probe-mark-open-') && request.closedAt !== undefined).length;
    if (closed >= streams || Date.now() > deadline) return closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
