import { readFileSync } from 'node:fs';
import type { BenchChild } from './processes.js';
import type { HeldRequestsReport, MemoryReport } from './protocol.js';
import { openCaller, type CallerRequest, type OpenCaller } from './probe-callers.js';
import { probeMark } from './probe-marks.js';

/**
 * What many open streams cost a system under test: `streams` callers each open a stream through it
 * to the holding upstream, which sends the first event and holds the rest; once every caller has
 * its first byte, the SUT's RSS is read as it is and after a forced collection. Opened in batches,
 * each waiting for its first bytes, so that no listen backlog overflows into SYN retries. Then the
 * callers go away, and the run waits until the upstream has seen every stream close, so the next
 * SUT starts from an upstream holding nothing.
 */

export interface IdleStreamFigures {
  streams: number;
  opened: number;
  firstFailure?: string;
  /** From the first request to the last stream's first byte. */
  openMs: number;
  before: MemoryReport;
  /** While all are open: as it is, and after a forced collection. */
  held: MemoryReport;
  heldCollected: MemoryReport;
  closedUpstream: number;
}

const batchSize = 500;
const firstBytesTimeoutMs = 30_000;
const releaseWaitMs = 30_000;

export async function holdIdleStreams(origin: string, request: (mark: string) => CallerRequest, sut: BenchChild, upstream: BenchChild, streams: number, markPrefix: string): Promise<IdleStreamFigures> {
  const memory = (collectGarbage: boolean) => sut.request<MemoryReport>({ type: 'memory', collectGarbage }, 'memory-used', 30_000);
  const before = await memory(true);
  const callers: OpenCaller[] = [];
  let opened = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  for (let start = 0; start < streams; start += batchSize) {
    const batch: OpenCaller[] = [];
    for (let index = start; index < Math.min(streams, start + batchSize); index++) batch.push(openCaller(origin, request(probeMark(markPrefix, index)), firstBytesTimeoutMs));
    const results = await Promise.allSettled(batch.map((caller) => caller.firstBytes));
    for (const result of results) {
      if (result.status === 'fulfilled') opened++;
      else firstFailure ??= result.reason instanceof Error ? result.reason.message : String(result.reason);
    }
    callers.push(...batch);
  }
  const openMs = performance.now() - started;
  const held = await memory(false);
  const heldCollected = await memory(true);
  for (const caller of callers) caller.request.destroy();
  const closedUpstream = await closedUpstreamCount(upstream, markPrefix, streams);
  return { streams, opened, ...(firstFailure !== undefined ? { firstFailure } : {}), openMs, before, held, heldCollected, closedUpstream };
}

/** How many of this run's streams the upstream saw close, waiting (bounded) for all of them. */
async function closedUpstreamCount(upstream: BenchChild, markPrefix: string, streams: number): Promise<number> {
  const deadline = Date.now() + releaseWaitMs;
  const prefix = probeMark(markPrefix, 0).replace(/0$/, '');
  for (;;) {
    const report = await upstream.request<HeldRequestsReport>({ type: 'held-requests' }, 'held-requests', releaseWaitMs);
    const closed = report.requests.filter((held) => held.mark.startsWith(prefix) && held.closedAt !== undefined).length;
    if (closed >= streams || Date.now() > deadline) return closed;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * How many streams fit under this process's open-file limit (its children inherit it): a proxy
 * holds two sockets per stream (the caller's and the upstream's), plus `reserve` descriptors of
 * its own. Linux only (/proc/self/limits); elsewhere, `wanted`.
 */
export function streamsWithinFileLimit(wanted: number, reserve = 64): { streams: number; fileLimit?: number } {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((row) => row.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    if (!Number.isFinite(soft)) return { streams: wanted };
    return { streams: Math.min(wanted, Math.floor((soft - reserve) / 2)), fileLimit: soft };
  } catch {
    return { streams: wanted };
  }
}
