/**
 * The budget check's read of what a key spent in its period (`spentSince`, on every key's first
 * request after start) and the console's (`keySpendSince`) never step through usage_records when
 * the period starts at a UTC midnight, as every budget period does: summed over the usage rows,
 * that read grew with the table (1.5 million rows held the event loop 3.2 s). Checked on SQLite's
 * own plan of each statement they run (https://sqlite.org/eqp.html), not on a timing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { openStore, type Store } from '../../src/store/open-store.js';
import type { StoreTables } from '../../src/store/tables.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { keySpendSince } from '../../src/usage/key-spend.js';
import { spentSince } from '../../src/usage/usage-query.js';
import { periodStart } from '../../src/keys/budget-period.js';
import { dayMs, firstDay, spreadRecords } from './key-spend-fixtures.js';

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

test('a budget period is read from the key day table, never by a search or scan of usage_records', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-budget-plan-'));
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'state.db') });
  try {
    const writer = new UsageWriter(async () => store, silentLogger, { intervalMs: 60_000 });
    for (const record of spreadRecords(300, 3)) writer.record(record);
    await writer.close();
    const sqlite = store.sqlite!;
    // The same connection, through a Kysely that notes each statement it runs. It is never
    // destroyed (that would close the connection): the store closes it.
    const statements: Statement[] = [];
    const noting: Store = { ...store, db: new Kysely<StoreTables>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => void statements.push({ sql: event.query.sql, parameters: event.query.parameters }) }) };
    const now = firstDay + 4 * dayMs + 5_000;
    for (const period of ['day', 'week', 'month', 'total'] as const) {
      const since = periodStart(period, now);
      statements.length = 0;
      const spent = await spentSince(noting, 'key-a', since);
      const period_ = await keySpendSince(noting, 'key-a', since);
      assert.equal(spent, period_.cost);
      assert.ok(statements.length > 0, 'the reads went through the noting connection');
      for (const statement of statements) {
        const plan = sqlite.prepare(`explain query plan ${statement.sql}`).all(...statement.parameters) as Array<{ detail: string }>;
        const steps = plan.map((step) => step.detail);
        assert.ok(!steps.some((step) => /\busage_records\b/.test(step)), `${period}: ${statement.sql} reads usage_records: ${steps.join('; ')}`);
        assert.ok(steps.some((step) => /^SEARCH key_spend_days USING .*\(key_id=\? AND day_start>\?\)/.test(step)), `${period}: ${steps.join('; ')}`);
      }
    }
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
});
