import { cpuRatioToReference, type Measurement } from './measure.js';
import { flatTolerance, type PerEventFigures } from './per-event.js';
import { perStreamBytes, type StreamScaleFigures } from './stream-scale.js';
import { exactLimit, type WorkersRow } from './workers-bench.js';
import { longStreamEvents } from './long-streams.js';
import { longStreamScenario } from './scenarios.js';

/**
 * The goals of the speed work, each judged on the run's own figures and printed as one line:
 * the figures, the aim, and `met` or `MISSED`.
 */

const aim = {
  /** Gateway CPU per request over the reference proxy's. */
  translatingCpuRatio: 1.5,
  sameDialectCpuRatio: 1.2,
  /** Latency the gateway adds over a direct call, one connection. */
  addedP50Ms: 0.3,
  addedP99Ms: 1,
  /** N workers' CPU per request over one worker's. */
  workersCpuRatio: 1.1,
  idleStreams: 10_000,
  idleStreamsRssBytes: 2 ** 30,
  firstByteMs: 1,
};

export interface GoalInputs {
  rows: readonly Measurement[];
  perEvent: readonly PerEventFigures[];
  streamScale?: StreamScaleFigures;
  workers: readonly WorkersRow[];
}

export function formatGoals(inputs: GoalInputs): string {
  const lines = ['Goals:'];
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  for (const row of inputs.rows) {
    if (row.target !== 'gateway') continue;
    const reference = sibling(inputs.rows, row, 'reference');
    const direct = sibling(inputs.rows, row, 'direct');
    const ratio = cpuRatioToReference(row, inputs.rows);
    if (ratio !== undefined) {
      const limit = row.scenario.startsWith('same-dialect') ? aim.sameDialectCpuRatio : aim.translatingCpuRatio;
      lines.push(`${row.scenario}: CPU ${fixed(ratio, 2)}× the reference's (aim ≤ ${limit}×): ${verdict(ratio <= limit)}`);
    }
    // Added latency is judged on the four short scenarios: a long stream's time to last byte grows with its events.
    if (direct !== undefined && row.scenario !== longStreamScenario(longStreamEvents).name) {
      const p50 = row.latencyP50Ms - direct.latencyP50Ms;
      const p99 = row.latencyP99Ms - direct.latencyP99Ms;
      // The reference's own hop is the floor this machine puts under any proxy (process wake-ups, loopback).
      const floor = reference === undefined ? '' : ` (the reference adds ${fixed(reference.latencyP50Ms - direct.latencyP50Ms, 3)} / ${fixed(reference.latencyP99Ms - direct.latencyP99Ms, 3)})`;
      lines.push(`${row.scenario}: added latency at 1 connection p50 ${fixed(p50, 3)} ms, p99 ${fixed(p99, 3)} ms${floor} (aim ≤ ${aim.addedP50Ms} / ≤ ${aim.addedP99Ms} ms): ${verdict(p50 <= aim.addedP50Ms && p99 <= aim.addedP99Ms)}`);
    }
  }
  for (const row of inputs.perEvent) {
    if (row.target !== 'gateway') continue;
    const ratio = row.lateMicrosPerEvent / row.earlyMicrosPerEvent;
    const reference = inputs.perEvent.find((other) => other.target === 'reference');
    const control = reference === undefined ? '' : ` (the reference's ${fixed(reference.lateMicrosPerEvent / reference.earlyMicrosPerEvent, 2)}×)`;
    lines.push(
      `per-event cost flat: ${fixed(row.earlyMicrosPerEvent, 2)} µs/event early, ${fixed(row.lateMicrosPerEvent, 2)} µs/event late, ${fixed(ratio, 2)}×${control} (aim ≤ ${fixed(1 + flatTolerance, 2)}×): ${verdict(ratio <= 1 + flatTolerance)}`,
    );
  }
  if (inputs.streamScale !== undefined) lines.push(...streamScaleGoals(inputs.streamScale, verdict));
  lines.push(...workersGoals(inputs.workers, verdict));
  return lines.join('\n');
}

function streamScaleGoals(figures: StreamScaleFigures, verdict: (met: boolean) => string): string[] {
  const lines: string[] = [];
  for (const row of figures.firstBytes) {
    if (!row.label.startsWith('gateway')) continue;
    lines.push(`first byte behind the upstream's, ${row.label}: p50 ${fixed(row.p50Ms, 3)} ms, p99 ${fixed(row.p99Ms, 3)} ms (aim p99 ≤ ${aim.firstByteMs} ms): ${verdict(row.samples > 0 && row.p99Ms <= aim.firstByteMs)}`);
  }
  const gateway = figures.idle.find((row) => row.target === 'gateway')?.figures;
  if (gateway !== undefined) {
    const allOpen = gateway.opened === gateway.streams;
    const measured = gateway.held.rssBytes;
    // Fewer streams than asked (the open-file limit): the RSS of the asked-for count at the measured cost per stream.
    const projected = gateway.before.rssBytes + perStreamBytes(gateway) * aim.idleStreams;
    const figure =
      gateway.streams >= aim.idleStreams
        ? `${fixed(measured / 2 ** 20, 0)} MiB`
        : `${fixed(measured / 2 ** 20, 0)} MiB at ${gateway.streams}, ${fixed(projected / 2 ** 20, 0)} MiB projected at ${aim.idleStreams}`;
    const judged = gateway.streams >= aim.idleStreams ? measured : projected;
    lines.push(`${aim.idleStreams} idle streams on one gateway process: ${figure}, ${gateway.opened}/${gateway.streams} open (aim ≤ 1 GiB): ${verdict(allOpen && judged <= aim.idleStreamsRssBytes)}`);
  }
  return lines;
}

function workersGoals(rows: readonly WorkersRow[], verdict: (met: boolean) => string): string[] {
  const one = rows.find((row) => row.workers === 1 && row.cpus === undefined);
  const lines: string[] = [];
  for (const row of rows) {
    if (row.cpus !== undefined || row.workers === 1 || one === undefined) continue;
    const ratio = row.unlimited.cpuMicrosPerRequest / one.unlimited.cpuMicrosPerRequest;
    lines.push(`${row.workers} workers: CPU per request ${fixed(ratio, 2)}× one worker's (aim ≤ ${aim.workersCpuRatio}×): ${verdict(ratio <= aim.workersCpuRatio)}`);
  }
  for (const row of rows) {
    if (row.cpus !== undefined) continue;
    lines.push(`${row.workers} worker(s): ${row.admitted} of a ${exactLimit}-rpm key's requests admitted (aim exactly ${exactLimit}): ${verdict(row.admitted === exactLimit)}`);
  }
  return lines;
}

function sibling(rows: readonly Measurement[], row: Measurement, target: Measurement['target']): Measurement | undefined {
  return rows.find((other) => other.scenario === row.scenario && other.target === target);
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
