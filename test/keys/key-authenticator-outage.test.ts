/**
 * Key lookups while the database is away: keys this replica has looked up keep working (a
 * revoked one stays refused) for as long as the outage lasts; a key it has never seen gets a
 * 503 (`store_unavailable`), which every dialect renders as its own "unavailable" error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyAuthenticator } from '../../src/keys/key-authenticator.js';
import type { KeyRecords } from '../../src/keys/key-records.js';
import type { GatewayKey } from '../../src/keys/gateway-key.js';
import { hashKey } from '../../src/keys/key-material.js';
import { StoreAvailability } from '../../src/store/store-availability.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import { toInterlinguaError } from '../../src/gateway/http-io.js';
import { dialects } from '../../src/dialects/registry.js';

const known: GatewayKey = { id: 'key_1', name: 'known', prefix: 'il-k', metadata: {}, createdAt: 0 };
const revoked: GatewayKey = { id: 'key_2', name: 'revoked', prefix: 'il-r', metadata: {}, createdAt: 0, revokedAt: 1 };

/** Records that answer from a table, or fail like a PostgreSQL server that was stopped. */
function records(): { records: KeyRecords; away: boolean; lookups: number } {
  const table = new Map([
    [hashKey('known-key'), known],
    [hashKey('revoked-key'), revoked],
  ]);
  const state = {
    away: false,
    lookups: 0,
    records: {
      findByHash: async (hash: string) => {
        state.lookups++;
        if (state.away) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
        return table.get(hash);
      },
    } as unknown as KeyRecords,
  };
  return state;
}

async function refusal(work: Promise<unknown>): Promise<InterlinguaError> {
  try {
    await work;
  } catch (error) {
    return toInterlinguaError(error);
  }
  assert.fail('expected a refusal');
}

test('keys seen before the outage keep their answer through it; an unseen key gets a 503', async () => {
  let now = 0;
  const database = records();
  const availability = new StoreAvailability('database', async () => {
    if (database.away) throw new Error('still away');
  }, 60_000, () => now);
  const authenticator = new KeyAuthenticator(database.records, true, availability, () => now);
  assert.equal((await authenticator.authenticate('known-key'))?.id, 'key_1');
  assert.equal((await refusal(authenticator.authenticate('revoked-key'))).code, 'authentication');

  database.away = true;
  now += 60_000; // long past the 5-second refresh
  assert.equal((await authenticator.authenticate('known-key'))?.id, 'key_1', 'the failed refresh falls back on the cached key');
  assert.equal(availability.away, true, 'the failure marked the database away');
  const lookups = database.lookups;
  now += 600_000;
  assert.equal((await authenticator.authenticate('known-key'))?.id, 'key_1');
  assert.equal((await refusal(authenticator.authenticate('revoked-key'))).code, 'authentication', 'a revoked key stays refused');
  assert.equal(database.lookups, lookups, 'while the database is known to be away, no request waits on it');

  const unseen = await refusal(authenticator.authenticate('never-seen-key'));
  assert.equal(unseen.code, 'store_unavailable');
  assert.equal(unseen.status, 503);
  for (const [name, status] of [['openai-chat', 503], ['anthropic', 503], ['gemini', 503], ['ollama', 503]] as const) {
    assert.equal(dialects[name].emitError(unseen).status, status, `${name} callers get a 503`);
  }
  const gemini = dialects.gemini.emitError(unseen).body as { error: { code: number; status: string } };
  assert.deepEqual([gemini.error.code, gemini.error.status], [503, 'UNAVAILABLE']);
  availability.close();
});

test('a database error that is not an outage is still a fault of the gateway (500)', async () => {
  const failing = { findByHash: async () => Promise.reject(new Error('column "hash" does not exist')) } as unknown as KeyRecords;
  const authenticator = new KeyAuthenticator(failing, true);
  assert.equal((await refusal(authenticator.authenticate('any-key'))).code, 'internal');
});
