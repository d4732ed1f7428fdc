import type { BenchChild } from './processes.js';
import type { LoadCommand, LoadPhase, LoadReport, LoadResult, LoadTarget, ProbeReport } from './protocol.js';
import type { Scenario } from './scenarios.js';
import { median, percentile } from './stats.js';

export type TargetKind = 'direct' | 'reference' | 'gateway';

export interface Phases {
  /** Per scenario and target, before anything is measured; bounded by count as well as time. */
  warmup: LoadPhase;
  /** Per target just before a scenario's rounds, so the previous scenario's state is shaken off. */
  settle: LoadPhase;
  /** One saturating window per target and round: req/s, CPU per request, latency under load. */
  window: LoadPhase;
  /** One request at a time per target and round; the rounds' samples are merged. */
  latency: LoadPhase;
  rounds: number;
}

/** The processes of a run: the upstream, the load generator, and the systems under test it measures. */
export interface Systems {
  upstream: BenchChild;
  generator: BenchChild;
  reference?: BenchChild;
  gateway?: BenchChild;
}

/** What one scenario served by one target measured, over all rounds. */
export interface Measurement {
  scenario: string;
  target: TargetKind;
  /** Medians over the windows. */
  requestsPerSecond: number;
  loadP50Ms: number;
  loadP99Ms: number;
  /** Percentiles of all rounds' one-at-a-time latencies (time to last byte). */
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** The system under test's own figures; none when the load went straight to the upstream. */
  sut?: {
    cpuMicrosPerRequest: { median: number; min: number; max: number };
    /** CPU per request of each round's window, in round order (NaN for a window that served nothing). */
    cpuMicrosByRound: number[];
    /** Median share of its core the SUT used during the windows (100 = saturated). */
    coreShare: number;
    /** Highest RSS sampled during this scenario's windows. */
    peakRssBytes: number;
  };
  /** Every request sent for this row, warm-up included, and how many failed. */
  requests: number;
  errors: number;
  firstError?: string;
}

interface Window {
  load: LoadResult;
  probe?: Extract<ProbeReport, { type: 'measured' }>;
}

interface Contestant {
  kind: TargetKind;
  target: LoadTarget;
  sut?: BenchChild;
  windows: Window[];
  latencies: number[];
  requests: number;
  errors: number;
  firstError?: string;
}

const commandSlackMs = 30_000;

/**
 * Warms every path of the run first (the gateway needs thousands of requests before its JIT
 * and heap settle, far more than the reference), then measures each scenario in rounds that
 * interleave the targets in a rotating order, so that a neighbour's burst of CPU or a slow
 * drift lands on all targets alike; medians over the rounds then drop the odd window.
 */
export async function runBenchmark(
  scenarios: readonly Scenario[],
  kinds: readonly TargetKind[],
  systems: Systems,
  phases: Phases,
  progress: (line: string) => void,
): Promise<Measurement[]> {
  const plan = scenarios.map((scenario) => ({ scenario, contestants: kinds.map((kind) => contestant(kind, scenario, systems)) }));
  progress('warming up every scenario and target…');
  for (const { contestants } of plan) {
    for (const entrant of contestants) record(entrant, await load(systems.generator, entrant.target, phases.warmup));
  }
  for (const { scenario, contestants } of plan) {
    progress(`measuring ${scenario.name}…`);
    for (const entrant of contestants) record(entrant, await load(systems.generator, entrant.target, phases.settle));
    for (let round = 0; round < phases.rounds; round++) {
      for (const entrant of rotate(contestants, round)) await runRound(entrant, systems.generator, phases);
    }
  }
  return plan.flatMap(({ scenario, contestants }) => contestants.map((entrant) => summarize(scenario, entrant)));
}

/** Where each target is reached: direct and reference at the upstream's path, the gateway at the caller's. */
function contestant(kind: TargetKind, scenario: Scenario, systems: Systems): Contestant {
  const fromUpstream = { path: scenario.upstreamPath, body: scenario.requestBody, expect: scenario.expectFromUpstream };
  const base = { kind, windows: [], latencies: [], requests: 0, errors: 0 };
  switch (kind) {
    case 'direct':
      return { ...base, target: { origin: originOf(systems.upstream), ...fromUpstream } };
    case 'reference': {
      const sut = required(systems.reference, kind);
      return { ...base, sut, target: { origin: originOf(sut), ...fromUpstream } };
    }
    case 'gateway': {
      const sut = required(systems.gateway, kind);
      const target = { origin: originOf(sut), path: scenario.callerPath, body: scenario.requestBody, expect: scenario.expectFromGateway, headers: sut.callerHeaders };
      return { ...base, sut, target };
    }
    default: {
      const unknown: never = kind;
      throw new Error(`unknown target ${String(unknown)}`);
    }
  }
}

export function originOf(child: BenchChild): string {
  return `http://127.0.0.1:${child.port}`;
}

function required(child: BenchChild | undefined, kind: TargetKind): BenchChild {
  if (child === undefined) throw new Error(`the ${kind} process was not started`);
  return child;
}

/** A saturating window bracketed by the SUT's own CPU readings, then a burst of single requests. */
async function runRound(entrant: Contestant, generator: BenchChild, phases: Phases): Promise<void> {
  const { sut, target } = entrant;
  await sut?.request({ type: 'measure-start' }, 'measure-started', commandSlackMs);
  const window = await load(generator, target, phases.window);
  const probe = await sut?.request<Extract<ProbeReport, { type: 'measured' }>>({ type: 'measure-end' }, 'measured', commandSlackMs);
  record(entrant, window);
  entrant.windows.push(probe === undefined ? { load: window } : { load: window, probe });
  const latency = await load(generator, target, { ...phases.latency, keepSamples: true });
  record(entrant, latency);
  entrant.latencies.push(...(latency.samples ?? []));
}

function record(entrant: Contestant, result: LoadResult): void {
  entrant.requests += result.completed + result.errors;
  entrant.errors += result.errors;
  if (result.firstError !== undefined) entrant.firstError ??= result.firstError;
}

async function load(generator: BenchChild, target: LoadTarget, phase: LoadPhase): Promise<LoadResult> {
  const command: LoadCommand = { type: 'load', target, phase };
  const reply = await generator.request<LoadReport>(command, 'loaded', phase.durationMs + commandSlackMs);
  return reply.result;
}

function rotate<Item>(items: readonly Item[], by: number): Item[] {
  const shift = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function summarize(scenario: Scenario, entrant: Contestant): Measurement {
  const { windows } = entrant;
  const samples = Float64Array.from(entrant.latencies);
  const measurement: Measurement = {
    scenario: scenario.name,
    target: entrant.kind,
    requestsPerSecond: median(windows.map(({ load: window }) => window.completed / (window.elapsedMs / 1000))),
    loadP50Ms: median(windows.map(({ load: window }) => window.p50Ms)),
    loadP99Ms: median(windows.map(({ load: window }) => window.p99Ms)),
    latencyP50Ms: percentile(samples, samples.length, 0.5),
    latencyP99Ms: percentile(samples, samples.length, 0.99),
    requests: entrant.requests,
    errors: entrant.errors,
  };
  const probed = windows.flatMap(({ load: window, probe }) => (probe === undefined || window.completed === 0 ? [] : [{ window, probe }]));
  if (probed.length > 0) {
    const byRound = windows.map(({ load: window, probe }) => (probe === undefined || window.completed === 0 ? Number.NaN : probe.cpuMicros / window.completed));
    const perRequest = byRound.filter((micros) => !Number.isNaN(micros));
    measurement.sut = {
      cpuMicrosPerRequest: { median: median(perRequest), min: Math.min(...perRequest), max: Math.max(...perRequest) },
      cpuMicrosByRound: byRound,
      coreShare: median(probed.map(({ probe }) => (100 * probe.cpuMicros) / probe.wallMicros)),
      peakRssBytes: Math.max(...probed.map(({ probe }) => probe.peakRssBytes)),
    };
  }
  if (entrant.firstError !== undefined) measurement.firstError = entrant.firstError;
  return measurement;
}

/**
 * A target's CPU per request over the reference proxy's in the same scenario: the median, over the
 * rounds, of the two windows' ratio within each round. The two windows of a round run seconds
 * apart, so a machine that slows or speeds up between rounds (a neighbour on a shared host moved
 * the reference's own CPU per request 2× within one run) changes both alike, where a ratio of the
 * two targets' medians would take each from a different round.
 */
export function cpuRatioToReference(row: Measurement, rows: readonly Measurement[]): number | undefined {
  const reference = rows.find((other) => other.scenario === row.scenario && other.target === 'reference')?.sut;
  if (row.sut === undefined || reference === undefined) return undefined;
  const theirs = reference.cpuMicrosByRound;
  const ratios = row.sut.cpuMicrosByRound.flatMap((mine, round) => {
    const base = theirs[round];
    return base === undefined || !(base > 0) || Number.isNaN(mine) ? [] : [mine / base];
  });
  return ratios.length === 0 ? undefined : median(ratios);
}
