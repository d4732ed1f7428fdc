/**
 * Closing the store while PostgreSQL is silent: a query is stuck on a connection that no longer
 * answers, and ending the pool waited for it to time out (30 s), so a shutdown overran its own
 * deadline. A database of the test's own on the machine's PostgreSQL, behind a proxy the test
 * stalls; the store keeps its default read timeout, so a close that waited for it would lose the
 * race against the generous bound below.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openStore } from '../../src/store/open-store.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { createTestDatabase, postgresServer } from './postgres-database.js';
import { TcpProxy } from '../replicas/support/tcp-proxy.js';

/** Far above the close's own bound, far below the 30 s read timeout. */
const generousBoundMs = 10_000;

test('the store closes while a query is stuck behind a silent PostgreSQL', async () => {
  const database = await createTestDatabase();
  const proxy = await new TcpProxy(Number(new URL(postgresServer).port || 5432)).start();
  const proxied = new URL(database.url);
  proxied.port = String(proxy.port);
  const store = await openStore(parseDatabaseUrl(proxied.toString(), '.'));
  try {
    assert.equal((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows[0]?.one, 1);
    proxy.set('stall');
    // The query holds its connection checked out of the pool before the close begins.
    let checkedOut!: () => void;
    const held = new Promise<void>((resolve) => (checkedOut = resolve));
    const stuck = store.db
      .connection()
      .execute(async (connection) => {
        checkedOut();
        return sql`select 1`.execute(connection);
      })
      .then(
        () => 'answered',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    await held;
    const bound = new AbortController();
    const outcome = await Promise.race([store.close().then(() => 'closed'), sleep(generousBoundMs, 'still closing', { signal: bound.signal })]);
    bound.abort();
    assert.equal(outcome, 'closed');
    assert.notEqual(await stuck, 'answered', 'the stuck query failed rather than waiting for its timeout');
  } finally {
    await proxy.stop();
    await database.drop();
  }
});
