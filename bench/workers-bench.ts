import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { KeyRecords } from '../src/keys/key-records.js';
import { parseDatabaseUrl } from '../src/store/database-url.js';
import { openStore } from '../src/store/open-store.js';
import type { BenchChild } from './processes.js';
import type { LoadPhase, LoadReport, LoadResult, LoadTarget } from './protocol.js';
import type { Scenario } from './scenarios.js';

/**
 * Throughput at 1, 2 and N workers: `interlingua serve --workers K` started as users start it
 * (keys required, usage written to its SQLite file, limits held by the primary), loaded through
 * the bench's load generator. CPU per request is of the whole process tree (primary and workers),
 * read from /proc, so the primary's share (handing out connections, answering limit checks) counts.
 * Each row is measured twice: a key without limits, and a key whose rpm is far above the load
 * (its requests spend blocks the primary lends each worker), so the cost of exact limits shows on
 * its own; both keys are warmed first and measured in alternating order (see `measureWorkers`).
 */

const bin = fileURLToPath(new URL('../../bin/interlingua.js', import.meta.url));
/** Generous: on a shared, loaded machine, N workers (each loading the gateway) take tens of seconds to start. */
const commandSlackMs = 150_000;
/** Requests sent on a key limited to `exactLimit` per minute: all but that many must be refused. */
export const exactLimit = 50;
const exactSent = 200;

/** A number of workers, optionally all pinned to these CPUs (a `taskset` list). */
export interface WorkersSetup {
  workers: number;
  cpus?: string;
}

export interface WorkersRow {
  workers: number;
  /** The CPUs the whole tree was pinned to, for the control row. */
  cpus?: string;
  /** Over every round, per key kind: summed CPU over summed requests. */
  unlimited: WindowFigures;
  limited: WindowFigures;
  /** Of `exactSent` requests on a key limited to `exactLimit` per minute, how many were answered. */
  admitted: number;
  errors: number;
}

interface WindowFigures {
  requestsPerSecond: number;
  /** Of the primary and the workers together. */
  cpuMicrosPerRequest: number;
  /** Of the primary alone (with one worker there is no primary: 0). */
  primaryMicrosPerRequest: number;
}

export interface WorkersPhases {
  warmup: LoadPhase;
  window: LoadPhase;
  rounds: number;
}

export async function measureWorkers(setups: readonly WorkersSetup[], scenario: Scenario, upstreamOrigin: string, generator: BenchChild, phases: WorkersPhases, progress: (line: string) => void): Promise<WorkersRow[]> {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-bench-workers-'));
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  try {
    const rows: WorkersRow[] = [];
    for (const [position, setup] of setups.entries()) {
      const count = setup.workers;
      progress(`measuring ${count} worker(s)${setup.cpus === undefined ? '' : ` on CPU ${setup.cpus}`}…`);
      const database = join(directory, `workers-${position}.db`);
      const keys = await createKeys(database, directory);
      const configPath = join(directory, `workers-${position}.yaml`);
      writeFileSync(configPath, stringify(gatewayConfig(upstreamOrigin, database)));
      const serve = await startServe(configPath, count);
      if (setup.cpus !== undefined) for (const pid of serve.pids()) execFileSync('taskset', ['-a', '-p', '-c', setup.cpus, String(pid)], { stdio: 'ignore' });
      try {
        const target = (key: string): LoadTarget => ({ origin: serve.url, path: scenario.callerPath, body: scenario.requestBody, expect: scenario.expectFromGateway, headers: { authorization: `Bearer ${key}` } });
        let errors = 0;
        const primary = count > 1 ? serve.pids().slice(0, 1) : [];
        // Both keys are warmed before either is measured, each worker warming its own JIT and heap (the warm-up
        // grows with the workers): measured first right after the start, the first key used to pay for the warming.
        for (const key of [keys.unlimited, keys.highRpm]) {
          const outcome = await load(generator, target(key), { ...phases.warmup, maxRequests: phases.warmup.maxRequests * count, durationMs: phases.warmup.durationMs * count });
          errors += outcome.errors;
        }
        const totals = { unlimited: emptyTotals(), limited: emptyTotals() };
        const measure = async (kind: 'unlimited' | 'limited') => {
          const before = treeCpuMicros(serve.pids(), ticksPerSecond);
          const primaryBefore = treeCpuMicros(primary, ticksPerSecond);
          const window = await load(generator, target(kind === 'unlimited' ? keys.unlimited : keys.highRpm), phases.window);
          totals[kind].cpuMicros += treeCpuMicros(serve.pids(), ticksPerSecond) - before;
          totals[kind].primaryMicros += treeCpuMicros(primary, ticksPerSecond) - primaryBefore;
          totals[kind].completed += window.completed;
          totals[kind].elapsedMs += window.elapsedMs;
          errors += window.errors;
        };
        // The keys take turns in mirrored order (A B, B A, …), at least once each way, so neither is always the
        // one measured on a fresher or a more tired process; CPU and requests are summed over the rounds, so
        // the 10 ms clock ticks of /proc are a small part of each figure.
        const rounds = Math.max(2, phases.rounds + (phases.rounds % 2));
        for (let round = 0; round < rounds; round++) {
          const order: Array<'unlimited' | 'limited'> = round % 2 === 0 ? ['unlimited', 'limited'] : ['limited', 'unlimited'];
          for (const kind of order) await measure(kind);
        }
        const unlimited = figuresOf(totals.unlimited);
        const limited = figuresOf(totals.limited);
        // The load generator counts an answer without the expected body (a 429) as an error.
        const exact = await load(generator, target(keys.exact), { concurrency: 16, durationMs: 30_000, maxRequests: exactSent });
        rows.push({ workers: count, ...(setup.cpus !== undefined ? { cpus: setup.cpus } : {}), unlimited, limited, admitted: exact.completed, errors });
      } finally {
        await serve.stop();
      }
    }
    return rows;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export function formatWorkersTable(rows: readonly WorkersRow[], scenario: Scenario): string {
  const one = rows.find((row) => row.workers === 1 && row.cpus === undefined);
  const lines = [
    `Workers (${scenario.name}; interlingua serve --workers K, keys required, usage to SQLite; unpinned; CPU of primary + workers):`,
    'workers | req/s (no limit) | µs/req (no limit) | req/s (rpm key) | µs/req (rpm key) | of which primary | µs/req vs 1 worker | admitted of ' + `${exactSent} @ ${exactLimit} rpm | errors`,
  ];
  for (const row of rows) {
    const ratio = one === undefined ? '' : `${fixed(row.unlimited.cpuMicrosPerRequest / one.unlimited.cpuMicrosPerRequest, 2)}× / ${fixed(row.limited.cpuMicrosPerRequest / one.limited.cpuMicrosPerRequest, 2)}×`;
    lines.push(
      [row.cpus === undefined ? row.workers : `${row.workers}, all on CPU ${row.cpus} (control)`, fixed(row.unlimited.requestsPerSecond, 0), fixed(row.unlimited.cpuMicrosPerRequest, 0), fixed(row.limited.requestsPerSecond, 0), fixed(row.limited.cpuMicrosPerRequest, 0), `${fixed(row.unlimited.primaryMicrosPerRequest, 0)} / ${fixed(row.limited.primaryMicrosPerRequest, 0)}`, ratio, `${row.admitted}${row.admitted === exactLimit ? ' (exact)' : ' (NOT exact)'}`, row.errors].join(' | '),
    );
  }
  lines.push('µs/req vs 1 worker: no limit / rpm key. On a machine with fewer free cores than workers plus the load side, the workers');
  lines.push('contend for cores and each request costs more CPU; compare the no-limit and rpm-key columns for the cost of exact limits alone.');
  lines.push('The control row runs the workers on one core: the same work without parallel contention, so its µs/req against one worker is the');
  lines.push("cost of the workers' design itself (the primary, IPC, one pool per worker).");
  return lines.join('\n');
}

interface WindowTotals {
  cpuMicros: number;
  primaryMicros: number;
  completed: number;
  elapsedMs: number;
}

function emptyTotals(): WindowTotals {
  return { cpuMicros: 0, primaryMicros: 0, completed: 0, elapsedMs: 0 };
}

function figuresOf(totals: WindowTotals): WindowFigures {
  const perRequest = (micros: number) => (totals.completed > 0 ? micros / totals.completed : Number.NaN);
  return {
    requestsPerSecond: totals.elapsedMs > 0 ? totals.completed / (totals.elapsedMs / 1000) : Number.NaN,
    cpuMicrosPerRequest: perRequest(totals.cpuMicros),
    primaryMicrosPerRequest: perRequest(totals.primaryMicros),
  };
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function gatewayConfig(upstreamOrigin: string, database: string): Record<string, unknown> {
  return {
    providers: {
      oa: { dialect: 'openai-chat', baseUrl: `${upstreamOrigin}/v1`, apiKey: 'sk-bench' },
      an: { dialect: 'anthropic', baseUrl: upstreamOrigin, apiKey: 'sk-ant-bench', defaultMaxTokens: 1024 },
    },
    models: {
      'bench-openai': [{ provider: 'oa', model: 'gpt-4o' }],
      'bench-anthropic': [{ provider: 'an', model: 'claude-sonnet-4-20250514' }],
    },
    retry: { attempts: 0 },
    auth: { required: true },
    logging: { level: 'error' },
    database: { url: database },
  };
}

async function createKeys(database: string, directory: string): Promise<{ unlimited: string; highRpm: string; exact: string }> {
  const store = await openStore(parseDatabaseUrl(database, directory));
  try {
    const records = new KeyRecords(async () => store);
    return {
      unlimited: (await records.create({ name: 'unlimited' })).key,
      highRpm: (await records.create({ name: 'high-rpm', rpm: 100_000_000 })).key,
      exact: (await records.create({ name: 'exact', rpm: exactLimit })).key,
    };
  } finally {
    await store.close();
  }
}

interface ServeUnderTest {
  url: string;
  /** The primary and, with workers, each worker that the banner named. */
  pids(): number[];
  stop(): Promise<void>;
}

async function startServe(configPath: string, workers: number): Promise<ServeUnderTest> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve', '--config', configPath, '--port', '0', '--host', '127.0.0.1', '--workers', String(workers), '--log-format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve --workers ${workers} did not start: ${output}`)), commandSlackMs);
    const look = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout?.on('data', look);
    void exited.then(() => reject(new Error(`serve --workers ${workers} exited: ${output}`)));
  });
  const workerPids = (/workers on one port \(pids ([\d, ]+)\)/.exec(output)?.[1] ?? '').split(',').map((pid) => Number(pid.trim())).filter((pid) => pid > 0);
  return {
    url,
    pids: () => [child.pid ?? 0, ...workerPids].filter((pid) => pid > 0),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** User and system CPU of these processes so far (Linux /proc/<pid>/stat, fields 14 and 15, in clock ticks; see proc(5)). */
function treeCpuMicros(pids: readonly number[], ticksPerSecond: number): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A process that has exited has no more CPU to add.
    }
  }
  return (ticks / ticksPerSecond) * 1_000_000;
}

async function load(generator: BenchChild, target: LoadTarget, phase: LoadPhase): Promise<LoadResult> {
  const reply = await generator.request<LoadReport>({ type: 'load', target, phase }, 'loaded', phase.durationMs + commandSlackMs);
  return reply.result;
}
