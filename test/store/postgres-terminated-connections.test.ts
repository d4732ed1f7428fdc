/**
 * PostgreSQL connections ended under a running gateway while the server stays up
 * (`pg_terminate_backend`, as an operator, a pooler or a failover tool does). The pool drops
 * each one and opens another; the database must not count as away, or every request that needs
 * it is refused with a 503 until the next probe, for sockets that were merely closed. A read
 * handed a connection ended before the gateway heard of it is read again on another.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { responseOwner } from '../../src/conversations/response-owner.js';
import type { UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { gatewayOverPostgres } from './postgres-gateway.js';
import { postgresServer } from './postgres-database.js';
import { endConnectionsUnheard } from './end-connections.js';

const chatAnswer: UpstreamReply = { kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };

const setup = gatewayOverPostgres(chatAnswer);

async function call(path: string, key: string, body?: unknown): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${setup.url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: response.status, text: await response.text() };
}

/**
 * Ends every connection to the gateway's database, and returns once the server has closed them
 * all and the gateway has heard of at least one end. The usage records are written first, so
 * that every connection is idle in the pool. (A connection the gateway takes from the pool before
 * reading of its end fails its query rather than telling the pool, so the ends heard may be
 * fewer than the connections ended.)
 */
async function terminateGatewayConnections(): Promise<number> {
  await setup.gateway.services.usage.flush();
  let heard = false;
  let wake = () => {};
  setup.gateway.services.store.availability.listen({
    failed: () => {
      heard = true;
      wake();
    },
  });
  const client = new pg.Client({ connectionString: postgresServer });
  await client.connect();
  let ended: number[];
  try {
    const result = await client.query<{ pid: number; ended: boolean }>('select pid, pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [setup.databaseName]);
    ended = result.rows.filter((row) => row.ended).map((row) => row.pid);
    // Each round trip is a turn of the event loop in which the gateway reads its sockets too.
    while ((await client.query('select 1 from pg_stat_activity where pid = any($1)', [ended])).rowCount !== 0);
  } finally {
    await client.end();
  }
  while (!heard) await new Promise<void>((resolve) => (wake = resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return ended.length;
}

test('connections terminated on a server that stays up: the database stays available and stored responses keep being served', { timeout: 30_000 }, async () => {
  const { key } = await setup.gateway.services.keys.create({ name: 'terminated-connections' });
  const stored = await call('/v1/responses', key, { model: 'chat', input: 'Remember this.' });
  assert.equal(stored.status, 200, stored.text);
  const id = (JSON.parse(stored.text) as { id: string }).id;
  for (let round = 0; round < 3; round++) {
    assert.ok((await terminateGatewayConnections()) > 0, 'the gateway held connections to end');
    assert.equal(setup.gateway.services.store.availability.away, false, `round ${round}: the database counts as away`);
    const read = await call(`/v1/responses/${id}`, key);
    assert.equal(read.status, 200, `round ${round}: ${read.text}`);
    const continued = await call('/v1/responses', key, { model: 'chat', input: 'Go on.', previous_response_id: id });
    assert.equal(continued.status, 200, `round ${round}: ${continued.text}`);
  }
  await setup.gateway.services.usage.flush();
  assert.deepEqual(setup.gateway.services.usage.waiting, { buffered: 0, spilled: 0 }, 'every usage record was written');
});

test('a stored response and a key read on a connection the server had already ended are read again on a new one', async () => {
  const { key, record } = await setup.gateway.services.keys.create({ name: 'ended-before-heard' });
  const stored = await call('/v1/responses', key, { model: 'chat', input: 'Remember this too.' });
  assert.equal(stored.status, 200, stored.text);
  const id = (JSON.parse(stored.text) as { id: string }).id;
  const hash = (await setup.gateway.services.store.get().then(({ db }) => db.selectFrom('gateway_keys').select('hash').where('id', '=', record.id).executeTakeFirstOrThrow())).hash;
  await setup.gateway.services.usage.flush();
  const endAll = () => endConnectionsUnheard(setup.databaseName);
  endAll();
  const response = await setup.gateway.services.responses.records.get(id, responseOwner(record.id));
  assert.equal(response?.id, id);
  endAll();
  assert.equal((await setup.gateway.services.keys.findByHash(hash))?.id, record.id);
  assert.equal(setup.gateway.services.store.availability.away, false);
});
