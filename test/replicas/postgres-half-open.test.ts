/**
 * A PostgreSQL connection a failover left half-open: the connections open before it go silent
 * for good (neither FIN nor RST), new ones reach the server, as behind a virtual IP that moved.
 * A query on a silent connection times out; that connection must then be destroyed rather than
 * handed to the next query, or every later query waits behind the one that never ends. A
 * database of the test's own on the machine's PostgreSQL, behind a proxy the test controls, with
 * a short read timeout so the test takes about a second.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openStore } from '../../src/store/open-store.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { createTestDatabase, postgresServer } from '../store/postgres-database.js';
import { TcpProxy } from './support/tcp-proxy.js';

const queryTimeoutMs = 300;

test('a connection left half-open is destroyed once a query on it times out, and the next queries reach the server', async () => {
  const database = await createTestDatabase();
  const proxy = await new TcpProxy(Number(new URL(postgresServer).port || 5432)).start();
  const proxied = new URL(database.url);
  proxied.port = String(proxy.port);
  const store = await openStore(parseDatabaseUrl(proxied.toString(), '.'), undefined, { queryTimeoutMs });
  try {
    assert.equal((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows[0]?.one, 1);
    proxy.set('halfopen');
    // Each connection the pool held before is silent now; each may be tried once, times out, and
    // is gone. Then a new connection answers. Kept, the first one would take every query after it.
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 6 && outcomes.at(-1) !== 'answered'; attempt++) {
      outcomes.push(
        await sql`select 1 as one`.execute(store.db).then(
          () => 'answered',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
      );
    }
    assert.equal(outcomes.at(-1), 'answered', `a query reached the server again (outcomes: ${outcomes.join(', ')})`);
    assert.ok(outcomes.slice(0, -1).every((outcome) => /Query read timeout/.test(outcome)), outcomes.join(', '));
    for (let query = 0; query < 5; query++) await sql`select 1`.execute(store.db);
  } finally {
    // The proxy first: a connection ended politely waits for the server's goodbye, which a silent one never sends.
    await proxy.stop();
    await store.close();
    await database.drop();
  }
});
