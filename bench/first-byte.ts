import type { BenchChild } from './processes.js';
import type { HeldRequestsReport } from './protocol.js';
import { openCaller, type CallerRequest } from './probe-callers.js';
import { probeMark } from './probe-marks.js';
import { percentile } from './stats.js';

/**
 * How long after the upstream's first event the caller gets its first byte, one stream at a time:
 * the holding upstream (started with `firstFrameOnly`) writes a stream's first event and notes the
 * wall-clock time, the caller notes when its first body byte arrives, on the same machine's clock
 * (probe-marks.ts). A mark in the request's text pairs the two. Each caller goes away once it has
 * its first byte, and the next one starts. The first `warmupSamples` streams of each path are not
 * counted: they carry the compilation of a path the process has not run yet, which is start-up,
 * not the steady state the figure is about.
 */

export interface FirstByteTarget {
  label: string;
  origin: string;
  request: (mark: string) => CallerRequest;
}

export interface FirstByteFigures {
  label: string;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  firstFailure?: string;
}

const waitMs = 10_000;
const warmupSamples = 50;

export async function measureFirstBytes(target: FirstByteTarget, upstream: BenchChild, samples: number, markPrefix: string): Promise<FirstByteFigures> {
  const arrivals = new Map<string, number>();
  let firstFailure: string | undefined;
  for (let index = -warmupSamples; index < samples; index++) {
    const mark = probeMark(markPrefix, index);
    const caller = openCaller(target.origin, target.request(mark), waitMs);
    try {
      const arrivedAt = await caller.firstBytes;
      if (index >= 0) arrivals.set(mark, arrivedAt);
    } catch (error) {
      firstFailure ??= error instanceof Error ? error.message : String(error);
    } finally {
      caller.request.destroy();
    }
  }
  const report = await upstream.request<HeldRequestsReport>({ type: 'held-requests' }, 'held-requests', waitMs);
  const delays: number[] = [];
  for (const held of report.requests) {
    const arrivedAt = arrivals.get(held.mark);
    if (arrivedAt !== undefined && held.firstFrameAt !== undefined) delays.push(arrivedAt - held.firstFrameAt);
  }
  const sorted = Float64Array.from(delays);
  return {
    label: target.label,
    samples: delays.length,
    p50Ms: percentile(sorted, sorted.length, 0.5),
    p99Ms: percentile(sorted, sorted.length, 0.99),
    ...(firstFailure !== undefined ? { firstFailure } : {}),
  };
}

/** A streamed OpenAI chat request whose only text is the mark, for `model`; `headers` go beside the content type (a key). */
export function markedStreamRequest(path: string, model: string, headers: Record<string, string> = {}): (mark: string) => CallerRequest {
  return (mark) => ({
    path,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: mark }] }),
  });
}
