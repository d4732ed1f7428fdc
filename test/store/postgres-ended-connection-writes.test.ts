/**
 * Writes the request path and the admin API make on PostgreSQL, interrupted by the end of their
 * connection (`pg_terminate_backend` by an operator, a pooler or a failover tool, on a server that
 * stays up): each is sent again on another connection rather than answered with a 503
 * (connection-loss-retry.ts). Each is interrupted both before it reached the server and after it
 * committed there (its answer lost), since the gateway cannot tell which: the second try must then
 * change nothing, and the caller's answer must be the one the first try would have given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { gatewayOverPostgres } from './postgres-gateway.js';
import { endConnectionsUnheard } from './end-connections.js';
import { interruptedWrites, type InterruptedStore, type Interruption } from './interrupted-writes.js';
import { ResponseRecords } from '../../src/conversations/response-records.js';
import { responseOwner } from '../../src/conversations/response-owner.js';
import type { StoredResponse } from '../../src/conversations/stored-turn.js';
import { StoreDeadline } from '../../src/store/store-deadline.js';
import { readAgainOnConnectionLoss } from '../../src/store/connection-loss-retry.js';
import { KeyRecords } from '../../src/keys/key-records.js';
import { hashKey } from '../../src/keys/key-material.js';

const chatAnswer: UpstreamReply = { kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };

const setup = gatewayOverPostgres(chatAnswer);

const interruptions: Interruption[] = ['ended before', 'answer lost'];

/**
 * The gateway's store with its writes watched, every connection idle (the usage records written
 * first) and a few opened, so that the next write takes one of those the interruption ends.
 */
async function watchedStore(): Promise<InterruptedStore> {
  const { services } = setup.gateway;
  await services.usage.flush();
  const store = await services.store.get();
  // Read again: the test before may have left ended connections the pool has not heard of yet.
  await Promise.all([1, 2, 3].map(() => readAgainOnConnectionLoss(() => sql`select pg_sleep(0.01)`.execute(store.db))));
  return interruptedWrites(store, setup.databaseName);
}

/**
 * Records as the gateway makes them, on the watched store, under a deadline longer than the
 * gateway's: what is checked is the write sent again, and on a busy machine ending the connections
 * with psql and opening new ones can take longer than the gateway's second.
 */
function deadline(): StoreDeadline {
  return new StoreDeadline(setup.gateway.services.store.availability, 10_000);
}

const owner = responseOwner('key_interrupted');

function turn(id: string): StoredResponse {
  return { id, createdAt: Date.now(), model: 'chat', previousResponseId: null, owner, turn: { system: [], messages: [], answer: { content: [{ type: 'text', text: 'Stored.' }] } }, body: { id, object: 'response' } };
}

let responses = 0;
/** A new response id per test, so the tests share the database without meeting. */
function newId(): string {
  return `resp_interrupted_${process.pid}_${++responses}`;
}

async function storedRows(id: string): Promise<number> {
  const { db } = await setup.gateway.services.store.get();
  return (await db.selectFrom('responses').select('id').where('id', '=', id).execute()).length;
}

for (const interruption of interruptions) {
  test(`a Responses turn is stored when its write's connection is ended (${interruption})`, async () => {
    const watched = await watchedStore();
    const records = new ResponseRecords(async () => watched.store, deadline());
    const id = newId();
    watched.interruptNextWrite(interruption);
    await records.save(turn(id));
    assert.ok(watched.writesSent() >= 2, 'the write was sent again');
    assert.equal(await storedRows(id), 1);
    assert.equal((await setup.gateway.services.responses.records.get(id, owner))?.id, id);
    assert.equal(setup.gateway.services.store.availability.away, false);
  });
}

for (const interruption of interruptions) {
  test(`a stored response is deleted, and said to be, when its delete's connection is ended (${interruption})`, async () => {
    const id = newId();
    await setup.gateway.services.responses.records.save(turn(id));
    const watched = await watchedStore();
    const records = new ResponseRecords(async () => watched.store, deadline());
    watched.interruptNextWrite(interruption);
    // With its answer lost, the first try deleted the row: the second finds nothing, and the caller must still hear "deleted".
    assert.equal(await records.delete(id, owner), true);
    assert.ok(watched.writesSent() >= 2, 'the delete was sent again');
    assert.equal(await storedRows(id), 0);
    assert.equal(await records.delete(id, owner), false, 'deleted once, then not found');
    assert.equal(setup.gateway.services.store.availability.away, false);
  });
}

test('a response that is not stored is not found on a connection the server had already ended', async () => {
  const watched = await watchedStore();
  const records = new ResponseRecords(async () => watched.store, deadline());
  endConnectionsUnheard(setup.databaseName);
  assert.equal(await records.delete(newId(), owner), false);
  assert.equal(setup.gateway.services.store.availability.away, false);
});

/** Keys as the admin API changes them, on the watched store. */
async function watchedKeys(): Promise<{ watched: InterruptedStore; keys: KeyRecords }> {
  const watched = await watchedStore();
  return { watched, keys: new KeyRecords(async () => watched.store, deadline()) };
}

let keys = 0;
function newName(): string {
  return `interrupted-${process.pid}-${++keys}`;
}

for (const interruption of interruptions) {
  test(`a key is created once, and its key given once, when its insert's connection is ended (${interruption})`, async () => {
    const { watched, keys: records } = await watchedKeys();
    const name = newName();
    watched.interruptNextWrite(interruption);
    const { key, record } = await records.create({ name, rpm: 7 });
    assert.ok(watched.writesSent() >= 2, 'the insert was sent again');
    const { db } = await setup.gateway.services.store.get();
    assert.deepEqual(await db.selectFrom('gateway_keys').select('id').where('name', '=', name).execute(), [{ id: record.id }]);
    assert.equal((await setup.gateway.services.keys.findByHash(hashKey(key)))?.id, record.id, 'the key given is the key stored');
    assert.equal(setup.gateway.services.store.availability.away, false);
  });

  test(`a key is revoked when its update's connection is ended (${interruption})`, async () => {
    const name = newName();
    await setup.gateway.services.keys.create({ name });
    const { watched, keys: records } = await watchedKeys();
    const told: string[] = [];
    records.onChange((_hash, key) => told.push(key.name));
    watched.interruptNextWrite(interruption);
    const revoked = await records.revoke(name);
    assert.ok(watched.writesSent() >= 2, 'the update was sent again');
    assert.notEqual(revoked?.revokedAt, undefined);
    assert.equal((await setup.gateway.services.keys.list()).find((key) => key.name === name)?.revokedAt, revoked?.revokedAt);
    assert.deepEqual(told, [name], 'the change is told once');
  });

  test(`a key's limits are changed when its update's connection is ended (${interruption})`, async () => {
    const name = newName();
    await setup.gateway.services.keys.create({ name, budget: { usd: 10, period: 'month' } });
    const { watched, keys: records } = await watchedKeys();
    watched.interruptNextWrite(interruption);
    const updated = await records.update(name, { rpm: 5, budget: { usd: 20 } });
    assert.ok(watched.writesSent() >= 2, 'the update was sent again');
    assert.deepEqual([updated?.rpm, updated?.budget], [5, { usd: 20, period: 'month' }]);
    const stored = (await setup.gateway.services.keys.list()).find((key) => key.name === name);
    assert.deepEqual([stored?.rpm, stored?.budget], [5, { usd: 20, period: 'month' }]);
  });
}
