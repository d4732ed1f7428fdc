import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchChild } from './processes.js';
import { runEntryPoint } from './entry-point.js';
import { createKey } from './gateway-admin.js';
import type { SoakGatewayOptions } from './soak-gateway.js';
import { probeDisconnects, type DisconnectFigures } from './probe-disconnects.js';
import { probeOpenStreams, type OpenStreamFigures } from './probe-open-streams.js';
import { probeSigterm, type SigtermFigures } from './probe-sigterm.js';
import { probeFuzz, type FuzzFigures } from './probe-fuzz.js';
import { createTestDatabase } from '../test/store/postgres-database.js';

/**
 * `npm run probe`: the hardening figures of issue 12, measured again on loopback.
 *  1. disconnect abort time: callers that go away mid-stream or mid-answer, until the upstream sees its request close;
 *  2. open-stream RSS: thousands of streams held open through the gateway, RSS per stream;
 *  3. records lost on SIGTERM: mixed load, SIGTERM halfway, answered requests against usage records
 *     (SQLite, and PostgreSQL in a private database dropped afterwards);
 *  4. fuzz: the fuzz suite with more cases per route, its case and 5xx counts.
 * Not part of `npm test`. Everything listens on 127.0.0.1 only; every phase is bounded in count and time.
 *
 * Flags: `--callers <n>` (60), `--streams <n>` (2000), `--requests <n>` (5000), `--concurrency <n>` (50),
 * `--fuzz-runs <n>` (30), `--skip <phase,…>` (disconnects, streams, sqlite, postgres, fuzz).
 */

const { values: flags } = parseArgs({
  options: {
    callers: { type: 'string', default: '60' },
    streams: { type: 'string', default: '2000' },
    requests: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '50' },
    'fuzz-runs': { type: 'string', default: '30' },
    skip: { type: 'string', default: '' },
  },
});

const callers = positive(flags.callers, '--callers');
const streams = positive(flags.streams, '--streams');
const requests = positive(flags.requests, '--requests');
const concurrency = positive(flags.concurrency, '--concurrency');
const fuzzRuns = positive(flags['fuzz-runs'], '--fuzz-runs');
const skipped = new Set(flags.skip.split(',').filter((phase) => phase !== ''));
/**
 * The provider's connection pool for the held streams: the default of 1,024 per provider would
 * queue the rest behind the first 1,024 (issue 12, defect 3), so the probe's providers get room
 * for every stream it opens. The gateway's own cap (server.maxConnections, 10,000) is left as is.
 */
const providerMaxConnections = Math.max(1_024, streams + callers);
const fuzzTimeoutMs = 20 * 60_000;
const runTimeoutMs = 45 * 60_000;

function positive(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} must be a positive integer, not ${text}`);
  return value;
}

const kibibytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function rank(values: number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length))) - 1] ?? Number.NaN;
}

/** The disconnect and open-stream phases share one gateway (in SQLite, usage on) and the holding upstream. */
async function probeHeldStreams(directory: string): Promise<{ disconnects?: DisconnectFigures; openStreams?: OpenStreamFigures }> {
  const adminKey = `probe-admin-${Date.now()}-key`;
  const upstream = await BenchChild.start('holding upstream', './holding-upstream.js', []);
  const options: SoakGatewayOptions = { upstreamOrigin: `http://127.0.0.1:${upstream.port}`, databaseUrl: `sqlite:${join(directory, 'held.db')}`, adminKey, drainMs: 1_000, maxConnections: providerMaxConnections };
  const gateway = await BenchChild.start('gateway', './soak-gateway.js', [JSON.stringify(options)], { nodeFlags: ['--expose-gc'] });
  try {
    const origin = `http://127.0.0.1:${gateway.port}`;
    const key = await createKey(origin, adminKey, 'probe');
    const disconnects = skipped.has('disconnects') ? undefined : await probeDisconnects(origin, key, upstream, callers);
    if (disconnects !== undefined) process.stderr.write(`probe: disconnects done (${disconnects.abortMs.length} timed)\n`);
    const openStreams = skipped.has('streams') ? undefined : await probeOpenStreams(origin, key, gateway, upstream, streams);
    if (openStreams !== undefined) process.stderr.write(`probe: open streams done (${openStreams.firstEvents} first events)\n`);
    return { ...(disconnects !== undefined ? { disconnects } : {}), ...(openStreams !== undefined ? { openStreams } : {}) };
  } finally {
    await gateway.stop(10_000);
    await upstream.stop();
  }
}

async function probePostgres(): Promise<SigtermFigures> {
  const database = await createTestDatabase();
  try {
    return await probeSigterm('PostgreSQL', database.url, requests, concurrency);
  } finally {
    await database.drop();
  }
}

/**
 * Answers without a record. Records carry ids of their own, not the caller's x-request-id, so the
 * count is by totals: a request the gateway recorded and then cut before its status line (a whole
 * answer at the drain deadline) is a record without an answer, which must not hide a lost one;
 * hence also the exact check of complete 200 answers against 200 records.
 */
const lostOnSigterm = (run: SigtermFigures) => Math.max(0, run.answered - run.recorded, completeAnswers(run) - (run.records.get(200) ?? 0));
const completeAnswers = (run: SigtermFigures) => (run.outcomes.byStatus.get(200) ?? 0) - run.outcomes.cutAfterStatus;

function report(
  held: { disconnects?: DisconnectFigures; openStreams?: OpenStreamFigures },
  sigterms: SigtermFigures[],
  fuzz: FuzzFigures | undefined,
): string {
  const rows: Array<[string, string]> = [];
  const { disconnects, openStreams } = held;
  if (disconnects !== undefined) {
    const times = disconnects.abortMs;
    rows.push(
      ['disconnect abort time', `p50 ${rank(times, 0.5).toFixed(1)} ms, p95 ${rank(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`],
      ['  callers', `${disconnects.callers} (${disconnects.streamed} mid-stream, ${disconnects.callers - disconnects.streamed} awaiting a whole answer); upstream closes seen ${times.length}/${disconnects.callers}`],
    );
    if (disconnects.neverClosed.length > 0) rows.push(['  never closed upstream', disconnects.neverClosed.join(', ')]);
  }
  if (openStreams !== undefined) {
    const growth = openStreams.held.rssBytes - openStreams.before.rssBytes;
    rows.push(
      ['open-stream RSS', `${kibibytes(growth / openStreams.streams)} per open stream (heap ${kibibytes((openStreams.held.heapUsedBytes - openStreams.before.heapUsedBytes) / openStreams.streams)})`],
      ['  streams', `${openStreams.streams} held, ${openStreams.firstEvents} got their first event${openStreams.firstFailure !== undefined ? ` (first failure: ${openStreams.firstFailure})` : ''}; provider maxConnections ${providerMaxConnections}`],
      ['  gateway RSS after GC', `${mebibytes(openStreams.before.rssBytes)} before → ${mebibytes(openStreams.held.rssBytes)} held → ${mebibytes(openStreams.released.rssBytes)} released${openStreams.held.collected ? '' : ' (no forced GC)'}`],
      ['  gateway heap after GC', `${mebibytes(openStreams.before.heapUsedBytes)} before → ${mebibytes(openStreams.held.heapUsedBytes)} held → ${mebibytes(openStreams.released.heapUsedBytes)} released`],
      ['  upstream closes after release', `${openStreams.closedUpstream}/${openStreams.streams}`],
    );
  }
  for (const run of sigterms) {
    const statuses = [...run.outcomes.byStatus.entries()].sort(([a], [b]) => a - b);
    const extra = run.recorded - run.answered;
    rows.push(
      [`records lost on SIGTERM (${run.store})`, `${lostOnSigterm(run)} (answered ${run.answered}, recorded ${run.recorded}${extra > 0 ? `: ${extra} more records than answers, for requests cut before their status line` : ''})`],
      ['  complete 200 answers / 200 records', `${completeAnswers(run)} / ${run.records.get(200) ?? 0}`],
      ['  requests', `${run.outcomes.sent} sent, SIGTERM before request ${Math.floor(requests / 2) + 1}; answered ${statuses.map(([status, count]) => `${status}: ${count}`).join(', ')}; ${run.outcomes.cutAfterStatus} cut after their status; ${run.outcomes.networkErrors} refused or reset before a status`],
      ['  records by status', [...run.records.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ')],
      ['  gateway exit', run.exit],
    );
  }
  if (fuzz !== undefined) {
    rows.push(
      ['fuzz', `${fuzz.cases} cases, ${fuzz.serverErrors} answered 5xx (FUZZ_RUNS=${fuzz.runs}; ${fuzz.tests} tests, ${fuzz.failed} failed, ${fuzz.seconds.toFixed(0)} s)`],
      ['  command', fuzz.command],
    );
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-probe-'));
  try {
    const held = skipped.has('disconnects') && skipped.has('streams') ? {} : await probeHeldStreams(directory);
    const sigterms: SigtermFigures[] = [];
    if (!skipped.has('sqlite')) sigterms.push(await probeSigterm('SQLite', `sqlite:${join(directory, 'sigterm.db')}`, requests, concurrency));
    if (!skipped.has('postgres')) sigterms.push(await probePostgres());
    if (sigterms.length > 0) process.stderr.write('probe: SIGTERM runs done\n');
    const fuzz = skipped.has('fuzz') ? undefined : await probeFuzz(fuzzRuns, fuzzTimeoutMs);
    console.log(report(held, sigterms, fuzz));
    const lost = sigterms.some((run) => lostOnSigterm(run) > 0);
    if (lost || (fuzz !== undefined && (fuzz.serverErrors > 0 || fuzz.failed > 0))) process.exitCode = 1;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

runEntryPoint('probe', main, runTimeoutMs);
