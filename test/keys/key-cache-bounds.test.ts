/**
 * What a replica's key cache holds on to: made-up keys never push out real ones (a flood of junk
 * bearer tokens followed by a database outage once refused every caller), a key read long ago is
 * not let in for ever while the database is away, a key changed through the admin API is applied
 * at once, and `forget` (after a change made here) keeps what it held to fall back on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyAuthenticator, staleKeyMaxMs } from '../../src/keys/key-authenticator.js';
import type { KeyRecords } from '../../src/keys/key-records.js';
import type { GatewayKey } from '../../src/keys/gateway-key.js';
import { hashKey } from '../../src/keys/key-material.js';
import { StoreAvailability } from '../../src/store/store-availability.js';
import { toInterlinguaError } from '../../src/gateway/http-io.js';

const valid: GatewayKey = { id: 'key_1', name: 'valid', prefix: 'il-v', metadata: {}, createdAt: 0 };

/** Records holding one key, that can fail like a PostgreSQL server that was stopped. */
function database() {
  const state = {
    away: false,
    records: {
      findByHash: async (hash: string) => {
        if (state.away) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        return hash === hashKey('valid-key') ? valid : undefined;
      },
    } as unknown as KeyRecords,
  };
  return state;
}

/** The error code `work` is refused with, or 'let in'. */
async function outcome(work: Promise<GatewayKey | undefined>): Promise<string> {
  try {
    const key = await work;
    return key === undefined ? 'anonymous' : `let in as ${key.id}`;
  } catch (error) {
    return toInterlinguaError(error).code;
  }
}

function setUp() {
  const clock = { now: 0 };
  const store = database();
  const availability = new StoreAvailability('database', async () => {
    if (store.away) throw new Error('still away');
  }, 60_000, () => clock.now);
  const authenticator = new KeyAuthenticator(store.records, true, availability, () => clock.now);
  return { clock, store, availability, authenticator };
}

test('twenty thousand unknown keys leave a valid key cached: it is still let in when the database then goes away', async () => {
  const { clock, store, availability, authenticator } = setUp();
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'let in as key_1');
  for (let index = 0; index < 20_000; index++) assert.equal(await outcome(authenticator.authenticate(`sk-junk-${index}`)), 'authentication');
  store.away = true;
  clock.now += 60_000;
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'let in as key_1');
  assert.equal(await outcome(authenticator.authenticate('sk-junk-19999')), 'authentication', 'the latest unknown keys are still known to be unknown');
  assert.equal(await outcome(authenticator.authenticate('sk-junk-0')), 'store_unavailable', 'the oldest unknown ones were let go');
  availability.close();
});

test('while the database is away a key is let in for at most staleKeyMaxMs after it was read; a revoked one stays refused', async () => {
  const { clock, store, availability, authenticator } = setUp();
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'let in as key_1');
  authenticator.apply(hashKey('revoked-key'), { ...valid, id: 'key_2', revokedAt: 0 });
  store.away = true;
  clock.now += staleKeyMaxMs;
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'let in as key_1', 'up to the bound');
  clock.now += 1;
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'store_unavailable', 'past it, a 503 rather than a guess');
  clock.now += 3_600_000;
  assert.equal(await outcome(authenticator.authenticate('revoked-key')), 'authentication');
  store.away = false;
  availability.succeeded();
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'let in as key_1', 'read again once the database is back');
  availability.close();
});

test('a change applied to the cache takes effect at once, even while the database is away', async () => {
  const { clock, store, availability, authenticator } = setUp();
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'let in as key_1');
  store.away = true;
  clock.now += 1;
  authenticator.apply(hashKey('valid-key'), { ...valid, revokedAt: clock.now });
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'authentication');
  assert.equal(authenticator.known('valid-key'), undefined, 'the quick path refuses it too');
  availability.close();
});

test('a lookup that began before a change does not put the old record back', async () => {
  let release: () => void = () => {};
  const records = {
    findByHash: async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return valid;
    },
  } as unknown as KeyRecords;
  const authenticator = new KeyAuthenticator(records, true);
  const reading = authenticator.authenticate('valid-key');
  await new Promise((resolve) => setImmediate(resolve));
  authenticator.apply(hashKey('valid-key'), { ...valid, revokedAt: 1 });
  release();
  assert.equal(await outcome(reading), 'authentication');
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'authentication');
});

test('forget has every key read again, but keeps them to fall back on should the database go away first', async () => {
  const { clock, store, availability, authenticator } = setUp();
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'let in as key_1');
  authenticator.forget();
  assert.equal(authenticator.known('valid-key'), undefined, 'no longer trusted without a lookup');
  store.away = true;
  clock.now += 1;
  assert.equal(await outcome(authenticator.authenticate('valid-key')), 'let in as key_1');
  availability.close();
});
