import { availableParallelism, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { originOf, runBenchmark, type Measurement, type Phases, type Systems, type TargetKind } from './measure.js';
import { BenchChild, planCpuPinning, type StartOptions } from './processes.js';
import { runEntryPoint } from './entry-point.js';
import { formatErrors, formatTable, tableLegend } from './report.js';
import { buildScenarios, countSseEvents, upstreamReplyFixtures } from './scenarios.js';
import { formatGoals } from './goals.js';
import { longStreamEvents, sweepLengths } from './long-streams.js';
import { formatPerEvent, measurePerEvent, type PerEventFigures } from './per-event.js';
import { formatStreamScale, measureStreamScale, type StreamScaleFigures, type StreamScaleOptions } from './stream-scale.js';
import { formatWorkersTable, measureWorkers, type WorkersPhases, type WorkersRow, type WorkersSetup } from './workers-bench.js';

/**
 * `npm run bench`: the gateway beside a bare JSON-aware reference proxy, in one run, on the
 * same upstream and load. Separate processes (the upstream, the load generator, the reference
 * proxy, the gateway) so that the CPU a system under test reports is its own. Each SUT is one
 * long-lived process serving every scenario, as in production.
 *
 * After the table: the per-event cost at three stream lengths (per-event.ts), streams at scale
 * (first byte behind the upstream's, 10,000 idle streams' RSS: stream-scale.ts), throughput at
 * 1, 2 and N workers, then one line per goal of the speed work (goals.ts).
 *
 * Flags: `--quick` (short phases, for trying the bench out), `--targets direct,reference,gateway`,
 * `--unpinned` (let the OS place the processes), `--no-workers` (skip throughput at 1, 2 and N
 * workers of `interlingua serve --workers`), `--no-scale` (skip streams at scale), `--only <text>`
 * (measure only the scenarios whose names contain the text, and nothing after the table: for
 * profiling one path).
 * `BENCH_CPU_PROF=<dir>` runs the gateway under `node --cpu-prof` (a sample every 100 µs), writing its profile into that
 * folder when the run ends, and the reference proxy likewise into `<dir>/reference`: the same load on both, so a
 * function's share of each can be compared.
 */

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    targets: { type: 'string', default: 'direct,reference,gateway' },
    unpinned: { type: 'boolean', default: false },
    'no-workers': { type: 'boolean', default: false },
    'no-scale': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

/**
 * Whole-run limit: whatever happens, the orchestrator exits and takes its children with it. About
 * six minutes on two quiet cores; a machine shared with other work can take twice that and more.
 */
const runTimeoutMs = 20 * 60_000;

/** About 110 s in all with three targets on two cores (five scenarios). */
const fullPhases: Phases = {
  warmup: { concurrency: 32, durationMs: 3_000, maxRequests: 4_000 },
  settle: { concurrency: 32, durationMs: 300, maxRequests: 100_000 },
  window: { concurrency: 32, durationMs: 700, maxRequests: 100_000 },
  latency: { concurrency: 1, durationMs: 2_000, maxRequests: 250 },
  rounds: 5,
};
const quickPhases: Phases = {
  warmup: { concurrency: 32, durationMs: 500, maxRequests: 1_000 },
  settle: { concurrency: 32, durationMs: 100, maxRequests: 100_000 },
  window: { concurrency: 32, durationMs: 300, maxRequests: 100_000 },
  latency: { concurrency: 1, durationMs: 1_000, maxRequests: 100 },
  rounds: 2,
};
const phases = flags.quick ? quickPhases : fullPhases;
/** Per stream length: CPU windows only (the one-request latency phase is a token one). */
const perEventPhases: Phases = flags.quick
  ? { ...quickPhases, warmup: { ...quickPhases.warmup, maxRequests: 200 }, latency: { concurrency: 1, durationMs: 100, maxRequests: 1 } }
  : { ...fullPhases, warmup: { ...fullPhases.warmup, durationMs: 2_000, maxRequests: 1_000 }, latency: { concurrency: 1, durationMs: 100, maxRequests: 1 }, rounds: 3 };
const streamScaleOptions: Omit<StreamScaleOptions, 'pinning' | 'gatewayLog'> = flags.quick
  ? { firstByteSamples: 50, idleStreams: 2_000, referenceIdleStreams: 500 }
  : { firstByteSamples: 200, idleStreams: 10_000, referenceIdleStreams: 2_000 };
/** Per worker count and key: a warm-up, then rounds of one saturating window. */
const workersPhases: WorkersPhases = flags.quick
  ? { warmup: { concurrency: 32, durationMs: 500, maxRequests: 500 }, window: { concurrency: 32, durationMs: 500, maxRequests: 100_000 }, rounds: 1 }
  : { warmup: { concurrency: 32, durationMs: 3_000, maxRequests: 3_000 }, window: { concurrency: 32, durationMs: 1_500, maxRequests: 100_000 }, rounds: 3 };
const targets = parseTargets(flags.targets);
const pinning = flags.unpinned ? undefined : planCpuPinning();
/** 1, 2 and one per core, each once; then 2 workers sharing the SUT's core, as a control for contention. */
const workerSetups: WorkersSetup[] = [...new Set([1, 2, availableParallelism()])].map((workers) => ({ workers }));
if (pinning !== undefined) workerSetups.push({ workers: 2, cpus: pinning.sut });
const profileDirectory = process.env.BENCH_CPU_PROF;
/** The gateway's log (JSON lines at `info`, as `serve` writes them), kept only when the run fails. */
const gatewayLog = join(tmpdir(), `interlingua-bench-gateway-${process.pid}.log`);

function parseTargets(list: string): TargetKind[] {
  const known: TargetKind[] = ['direct', 'reference', 'gateway'];
  const chosen = list.split(',').map((name) => name.trim());
  const unknown = chosen.filter((name) => !known.includes(name as TargetKind));
  if (unknown.length > 0) throw new Error(`--targets: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return known.filter((name) => chosen.includes(name));
}

function describeSetup(): string {
  const replies = Object.entries(upstreamReplyFixtures)
    .map(([path, fixtures]) => `${path}: ${fixtures.json} | ${fixtures.sse} (${countSseEvents(fixtures.sse)} events)`)
    .join('\n  ');
  const placement =
    pinning === undefined ? 'unpinned' : `SUT pinned to CPU ${pinning.sut}, upstream + load generator to CPU ${pinning.others}`;
  return [
    `Interlingua bench — node ${process.version}, ${availableParallelism()} CPUs, ${placement}`,
    `per scenario and target: warm-up ${phases.warmup.maxRequests} requests (at most ${phases.warmup.durationMs} ms), then ` +
      `${phases.rounds} interleaved rounds of ${phases.window.durationMs} ms @ ${phases.window.concurrency} connections ` +
      `+ ${phases.latency.maxRequests} requests @ 1 connection`,
    `upstream replies:\n  ${replies}\n  long streams: that Anthropic stream stretched to ${longStreamEvents} events (and ${sweepLengths.join(', ')} for the per-event cost), one event per upstream write`,
    `the gateway: keys required (one key without limits), usage to SQLite, its log (one line per request) to ${gatewayLog}`,
    flags['no-scale'] ? 'streams at scale: skipped' : `streams at scale: first byte over ${streamScaleOptions.firstByteSamples} streams per path; ${streamScaleOptions.idleStreams} idle streams through the gateway, ${streamScaleOptions.referenceIdleStreams} through the reference`,
  ].join('\n');
}

/** Starts the upstream, the load generator and the SUTs the run measures. */
async function startSystems(started: BenchChild[]): Promise<Systems> {
  const begin = async (name: string, file: string, args: string[], options: StartOptions) => {
    const child = await BenchChild.start(name, file, args, options);
    started.push(child);
    return child;
  };
  const others: StartOptions = pinning === undefined ? {} : { cpus: pinning.others };
  const sut: StartOptions = pinning === undefined ? {} : { cpus: pinning.sut };
  const gateway: StartOptions = { ...sut, stderrFile: gatewayLog };
  const upstream = await begin('upstream', './upstream-server.js', [], others);
  const generator = await begin('load generator', './load-generator.js', [], others);
  const upstreamOrigin = JSON.stringify({ upstreamOrigin: originOf(upstream) });
  const systems: Systems = { upstream, generator };
  const profiled = (directory: string) => ({ ...sut, nodeFlags: ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${directory}`] });
  if (targets.includes('reference')) {
    systems.reference = await begin('reference proxy', './reference-proxy.js', [upstreamOrigin], profileDirectory === undefined ? sut : profiled(join(profileDirectory, 'reference')));
  }
  if (targets.includes('gateway')) systems.gateway = await begin('gateway', './sut-gateway.js', [upstreamOrigin], profileDirectory === undefined ? gateway : { ...profiled(profileDirectory), ...gateway });
  return systems;
}

async function main(): Promise<void> {
  console.log(describeSetup());
  const started: BenchChild[] = [];
  let rows: Measurement[];
  let workerRows: WorkersRow[] = [];
  let perEvent: PerEventFigures[] = [];
  let streamScale: StreamScaleFigures | undefined;
  const workersScenario = buildScenarios()[0];
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const systems = await startSystems(started);
    const only = flags.only;
    const scenarios = only === undefined ? buildScenarios() : buildScenarios().filter((scenario) => scenario.name.includes(only));
    if (scenarios.length === 0) throw new Error(`--only ${only}: no scenario's name contains it`);
    rows = await runBenchmark(scenarios, targets, systems, phases, progress);
    if (only === undefined) perEvent = await measurePerEvent(systems, targets, perEventPhases, progress);
    // The SUTs go before the next parts, which start processes of their own on the SUT's core.
    await Promise.all([systems.reference?.stop(), systems.gateway?.stop()]);
    if (only === undefined && !flags['no-scale']) streamScale = await measureStreamScale({ ...streamScaleOptions, gatewayLog, ...(pinning === undefined ? {} : { pinning }) }, progress);
    if (only === undefined && !flags['no-workers'] && workersScenario !== undefined) {
      workerRows = await measureWorkers(workerSetups, workersScenario, originOf(systems.upstream), systems.generator, workersPhases, progress);
    }
  } catch (error) {
    console.log(`the gateway's log is kept: ${gatewayLog}`);
    throw error;
  } finally {
    await Promise.all(started.map((child) => child.stop()));
  }
  console.log(`\n${formatTable(rows)}\n\n${tableLegend}`);
  const errors = formatErrors(rows);
  if (errors !== '') console.log(`\n${errors}`);
  if (perEvent.length > 0) console.log(`\n${formatPerEvent(perEvent)}`);
  if (streamScale !== undefined) console.log(`\n${formatStreamScale(streamScale)}`);
  if (workerRows.length > 0 && workersScenario !== undefined) console.log(`\n${formatWorkersTable(workerRows, workersScenario)}`);
  console.log(`\n${formatGoals({ rows, perEvent, workers: workerRows, ...(streamScale !== undefined ? { streamScale } : {}) })}`);
  const scaleFailed = streamScale !== undefined && (streamScale.idle.some(({ figures }) => figures.opened < figures.streams) || streamScale.firstBytes.some((row) => row.firstFailure !== undefined));
  if (rows.some((row) => row.errors > 0) || workerRows.some((row) => row.errors > 0) || scaleFailed) process.exitCode = 1;
  if (process.exitCode === 1) console.log(`\nthe gateway's log is kept: ${gatewayLog}`);
  else rmSync(gatewayLog, { force: true });
}

runEntryPoint('bench', main, runTimeoutMs);
