import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MemoryReport } from './protocol.js';
import { BenchChild } from './processes.js';
import { runEntryPoint } from './entry-point.js';
import { createKey, usageByStatus } from './gateway-admin.js';
import type { SoakGatewayOptions } from './soak-gateway.js';
import { runSoakLoad, soakRequests, type SoakOutcomes } from './soak-load.js';

/**
 * `npm run soak -- --minutes 2`: sustained mixed load on one gateway (every caller dialect,
 * streamed and whole, passed through and translated, one caller in 17 leaving early) in front of
 * an upstream that fails one request in four (fault-upstream.ts), with keys required and usage
 * recorded in an SQLite file. Reports the requests by outcome, 5xx apart, the gateway's RSS every
 * few seconds, and, after a graceful close, the usage records against the requests sent.
 * Not part of `npm test`: it runs for minutes. Everything listens on 127.0.0.1 only.
 *
 * Flags: `--minutes <n>` (default 2), `--concurrency <n>` (default 16), `--max-requests <n>`.
 */

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '16' },
    'max-requests': { type: 'string', default: '1000000' },
  },
});

const minutes = positive(flags.minutes, '--minutes');
const concurrency = positive(flags.concurrency, '--concurrency');
const maxRequests = positive(flags['max-requests'], '--max-requests');
const sampleEveryMs = 5_000;
const drainMs = 5_000;
const adminKey = `soak-admin-${Date.now()}-key`;
/** Whole-run limit: the orchestrator exits, and takes its children with it, whatever happens. */
const runTimeoutMs = minutes * 60_000 + 120_000;

function positive(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} must be a positive number, not ${text}`);
  return value;
}

interface RssSample {
  seconds: number;
  rssBytes: number;
  heapUsedBytes: number;
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const sum = (counts: Iterable<number>) => [...counts].reduce((total, count) => total + count, 0);

function report(outcomes: SoakOutcomes, samples: RssSample[], records: Map<number, number>, seconds: number): string {
  const statuses = [...outcomes.byStatus.entries()].sort(([a], [b]) => a - b);
  const serverErrors = statuses.filter(([status]) => status >= 500);
  const answered = sum(outcomes.byStatus.values());
  const recorded = sum(records.values());
  const lines = [
    `requests sent: ${outcomes.sent} in ${seconds.toFixed(0)} s (${(outcomes.sent / seconds).toFixed(1)}/s)`,
    `  answered: ${answered} — ${statuses.map(([status, count]) => `${status}: ${count}`).join(', ')}`,
    `  5xx: ${sum(serverErrors.map(([, count]) => count))}${serverErrors.length > 0 ? ` (${serverErrors.map(([status, count]) => `${status}: ${count}`).join(', ')})` : ''}`,
    `  of which cut after the status line: ${outcomes.cutAfterStatus}`,
    `  abandoned by the caller: ${outcomes.abandonedByCaller}`,
    `  network errors: ${outcomes.networkErrors}${outcomes.firstNetworkError !== undefined ? ` (first: ${outcomes.firstNetworkError})` : ''}`,
    'gateway RSS (heap) over time:',
    ...samples.map((sample) => `  ${sample.seconds.toFixed(0).padStart(5)} s  ${mebibytes(sample.rssBytes).padStart(10)}  (${mebibytes(sample.heapUsedBytes)})`),
    `usage records after a graceful close: ${recorded} — ${[...records.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ')}`,
    `  against requests sent: ${recorded - outcomes.sent >= 0 ? '+' : ''}${recorded - outcomes.sent}` +
      ` (answered ${answered} + abandoned ${outcomes.abandonedByCaller} + network errors ${outcomes.networkErrors})`,
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-soak-'));
  const databasePath = join(directory, 'soak.db');
  const started: BenchChild[] = [];
  try {
    const upstream = await BenchChild.start('fault upstream', './fault-upstream.js', []);
    started.push(upstream);
    const gatewayOptions: SoakGatewayOptions = { upstreamOrigin: `http://127.0.0.1:${upstream.port}`, databaseUrl: `sqlite:${databasePath}`, adminKey, drainMs };
    const gateway = await BenchChild.start('gateway', './soak-gateway.js', [JSON.stringify(gatewayOptions)]);
    started.push(gateway);
    const origin = `http://127.0.0.1:${gateway.port}`;
    const key = await createKey(origin, adminKey, 'soak');
    console.log(`soak: ${minutes} min, ${concurrency} callers, gateway ${origin}, usage in ${databasePath}`);

    const begin = Date.now();
    const samples: RssSample[] = [];
    const sample = async () => {
      const memory = await gateway.request<MemoryReport>({ type: 'memory', collectGarbage: false }, 'memory-used', 10_000);
      samples.push({ seconds: (Date.now() - begin) / 1000, rssBytes: memory.rssBytes, heapUsedBytes: memory.heapUsedBytes });
      process.stderr.write(`  ${((Date.now() - begin) / 1000).toFixed(0)} s: RSS ${mebibytes(memory.rssBytes)}\n`);
    };
    await sample();
    const sampler = setInterval(() => void sample().catch(() => {}), sampleEveryMs);
    const outcomes = await runSoakLoad({ origin, requests: soakRequests(key), concurrency, deadline: begin + minutes * 60_000, maxRequests, disconnectEvery: 17 });
    clearInterval(sampler);
    await sample();
    const seconds = (Date.now() - begin) / 1000;
    // A graceful close, as on SIGTERM: usage is written before the store closes.
    await gateway.stop(drainMs + 15_000);
    console.log(report(outcomes, samples, await usageByStatus(`sqlite:${databasePath}`), seconds));
    if (gateway.exitDescription !== 'exit code 0, signal null') process.exitCode = 1;
  } finally {
    await Promise.all(started.map((child) => child.stop()));
    rmSync(directory, { recursive: true, force: true });
  }
}

runEntryPoint('soak', main, runTimeoutMs);
