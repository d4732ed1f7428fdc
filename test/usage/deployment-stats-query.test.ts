import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type Store } from '../../src/store/open-store.js';
import { toRow } from '../../src/usage/usage-row.js';
import type { UsageAttempt, UsageRecord } from '../../src/usage/usage-record.js';
import { deploymentStats, type DeploymentStats } from '../../src/usage/deployment-stats.js';
import { queryDeploymentStats } from '../../src/usage/deployment-stats-query.js';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { createTestDatabase } from '../store/postgres-database.js';

/**
 * `GET /admin/deployments/stats` added up by the database (deployment-stats-query.ts) against the
 * same figures added up from every record (deployment-stats.ts), on SQLite and PostgreSQL, and
 * the route no longer reading every record of its window.
 */
const start = Date.UTC(2026, 10, 1);
const deployments = ['oa/gpt-4o', 'an/claude', 'az/gpt-4o', 'gg/gemini'];
const statuses = [200, 200, 200, 400, 404, 429, 499, 500, 502, 504];

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Varied records: retries and fallbacks, records from before attempts were kept, refusals, latencies under and over a second, streams. */
function variedRecords(count: number, latencies?: readonly number[]): UsageRecord[] {
  const random = generator(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const latency = () => (latencies !== undefined ? pick(latencies) : random() < 0.6 ? Math.floor(random() * 1000) : Math.floor(random() * 150_000));
  return Array.from({ length: count }, (_, index) => {
    const kind = random();
    const attempts: UsageAttempt[] = kind < 0.65 ? Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ deployment: pick(deployments), status: pick(statuses), ms: latency() })) : [];
    const last = attempts.at(-1);
    const deployment = kind < 0.65 ? last?.deployment : kind < 0.9 ? pick(deployments) : undefined;
    const stream = random() < 0.5;
    return {
      id: `r${String(index).padStart(4, '0')}`,
      // Some before the window, which must not count.
      createdAt: start + Math.floor(random() * 40) * 60_000 - 5 * 60_000 + index,
      model: 'm',
      ...(deployment !== undefined ? { deployment } : {}),
      caller: 'openai-chat',
      stream,
      status: last?.status ?? (deployment === undefined ? 401 : pick(statuses)),
      inputTokens: 1,
      outputTokens: 1,
      cachedTokens: 0,
      reasoningTokens: 0,
      cost: 0,
      latencyMs: last?.ms ?? latency(),
      ...(stream && deployment !== undefined && random() < 0.8 ? { ttftMs: latency() } : {}),
      ...(attempts.length > 0 ? { attempts } : {}),
    };
  });
}

/** latency-histogram.ts `latencyBin`: the database gives a percentile as the lower edge of its bin. */
function bin(ms: number): number {
  if (ms < 1000) return ms;
  if (ms < 10_000) return Math.floor(ms / 10) * 10;
  if (ms < 100_000) return Math.floor(ms / 100) * 100;
  return Math.floor(ms / 1000) * 1000;
}

/** What the database should answer: the figures from every record, percentiles to their bin (binning keeps the order, so the nearest rank's bin is the bin's nearest rank). */
function expected(records: readonly UsageRecord[], since: number): DeploymentStats[] {
  return deploymentStats(records.filter((record) => record.createdAt >= since)).map((stats) => {
    const binned: DeploymentStats = { ...stats };
    for (const field of ['latencyP50Ms', 'latencyP95Ms', 'ttftP50Ms', 'ttftP95Ms'] as const) {
      const value = stats[field];
      if (value !== undefined) binned[field] = bin(value);
    }
    return binned;
  });
}

const records = variedRecords(400);
const since = start;

async function check(store: Store, all: readonly UsageRecord[]): Promise<void> {
  await store.db.insertInto('usage_records').values(all.map(toRow)).execute();
  const fromDatabase = await queryDeploymentStats(store, since);
  assert.deepEqual(fromDatabase, expected(all, since), store.kind);
  assert.ok(fromDatabase.some((stats) => (stats.latencyP95Ms ?? 0) > 1000) && fromDatabase.some((stats) => stats.cancelled > 0 && stats.callerErrors > 0 && stats.upstreamFailures > 0), 'the records reach every outcome and latencies over a second');
}

test('per-deployment figures from the database equal those added up from every record (SQLite)', async () => {
  const store = await openStore({ kind: 'sqlite', path: ':memory:' });
  try {
    await check(store, records);
    // A column that is not a list of attempts reads as none (usage-attempts.ts `attemptsFromColumn`): one attempt at the record's deployment.
    await store.db.insertInto('usage_records').values(toRow({ ...(records[1] as UsageRecord), id: 'broken', createdAt: start + 1, deployment: 'zz/broken', status: 502, attempts: undefined })).execute();
    await store.db.updateTable('usage_records').set({ attempts: '{not json' }).where('id', '=', 'broken').execute();
    const broken = (await queryDeploymentStats(store, since)).find((stats) => stats.name === 'zz/broken');
    assert.equal(broken?.attempts, 1);
    assert.equal(broken?.upstreamFailures, 1);
  } finally {
    await store.close();
  }
});

test('per-deployment figures from the database equal those added up from every record (PostgreSQL)', async () => {
  const database = await createTestDatabase();
  const store = await openStore({ kind: 'postgres', url: database.url });
  try {
    await check(store, records);
  } finally {
    await store.close();
    await database.drop();
  }
});

test('GET /admin/deployments/stats does not read every record of its window into the gateway', async () => {
  const adminKey = 'deployment-stats-admin-key-0123456789';
  const gateway = createGateway(resolveConfig({ providers: {}, adminKey, database: { url: ':memory:' } }), { logger: silentLogger });
  const { port } = await gateway.listen(0, '127.0.0.1');
  try {
    const store = await gateway.services.store.get();
    // What the gateway reads grows with deployments and latency bins, not with records: 20 latencies here.
    const many = variedRecords(6000, Array.from({ length: 20 }, (_, index) => 80 + index * 45));
    for (let index = 0; index < many.length; index += 100) await store.db.insertInto('usage_records').values(many.slice(index, index + 100).map(toRow)).execute();
    // Count the rows better-sqlite3 hands to JavaScript while the route runs.
    const database = store.sqlite;
    assert.ok(database !== undefined);
    let rowsRead = 0;
    const prepare = database.prepare.bind(database);
    database.prepare = ((source: string) => {
      const statement = prepare(source);
      const all = statement.all.bind(statement);
      statement.all = ((...parameters: unknown[]) => {
        const rows = all(...parameters);
        rowsRead += rows.length;
        return rows;
      }) as typeof statement.all;
      return statement;
    }) as typeof database.prepare;
    const response = await fetch(`http://127.0.0.1:${port}/admin/deployments/stats?since=${new Date(since).toISOString()}`, { headers: { authorization: `Bearer ${adminKey}` } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { data: Array<{ stats: DeploymentStats }> };
    assert.deepEqual(
      body.data.map((entry) => entry.stats),
      expected(many, since),
    );
    const inWindow = many.filter((record) => record.createdAt >= since).length;
    assert.ok(rowsRead < inWindow / 4, `${rowsRead} rows read for ${inWindow} records in the window`);
  } finally {
    await gateway.close(1000);
  }
});
