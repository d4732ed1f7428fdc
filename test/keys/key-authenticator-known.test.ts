/**
 * `known` lets a request in at once when its key was looked up lately and is still good; every
 * other case (never seen, revoked, expired, the lookup stale or forgotten) must go to
 * `authenticate`, which asks the database and refuses what it must.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyAuthenticator } from '../../src/keys/key-authenticator.js';
import type { KeyRecords } from '../../src/keys/key-records.js';
import type { GatewayKey } from '../../src/keys/gateway-key.js';
import { hashKey } from '../../src/keys/key-material.js';

const good: GatewayKey = { id: 'key_1', name: 'good', prefix: 'il-g', metadata: {}, createdAt: 0 };
const revoked: GatewayKey = { id: 'key_2', name: 'revoked', prefix: 'il-r', metadata: {}, createdAt: 0, revokedAt: 1 };
const expiring: GatewayKey = { id: 'key_3', name: 'expiring', prefix: 'il-e', metadata: {}, createdAt: 0, expiresAt: 1_000 };

function keyRecords(): KeyRecords {
  const table = new Map([
    [hashKey('good-key'), good],
    [hashKey('revoked-key'), revoked],
    [hashKey('expiring-key'), expiring],
  ]);
  return { findByHash: async (hash: string) => table.get(hash) } as unknown as KeyRecords;
}

test('a key looked up lately and still good is known at once; any other goes to authenticate', async () => {
  let now = 0;
  const authenticator = new KeyAuthenticator(keyRecords(), true, undefined, () => now);
  assert.equal(authenticator.known('good-key'), undefined, 'never looked up');
  assert.equal(authenticator.known(undefined), undefined, 'no key presented');
  assert.equal((await authenticator.authenticate('good-key'))?.id, 'key_1');
  assert.equal(authenticator.known('good-key')?.id, 'key_1', 'looked up a moment ago');
  assert.equal(authenticator.known('other-key'), undefined, 'another key is not taken for it');

  await assert.rejects(authenticator.authenticate('revoked-key'), /revoked/);
  assert.equal(authenticator.known('revoked-key'), undefined, 'a cached revoked key is never let in');

  assert.equal((await authenticator.authenticate('expiring-key'))?.id, 'key_3');
  assert.equal(authenticator.known('expiring-key')?.id, 'key_3');
  now = 1_000;
  assert.equal(authenticator.known('expiring-key'), undefined, 'expired while cached');
  await assert.rejects(authenticator.authenticate('expiring-key'), /expired/);

  now = 10 * 60_000;
  assert.equal(authenticator.known('good-key'), undefined, 'a stale lookup is asked again');
  assert.equal((await authenticator.authenticate('good-key'))?.id, 'key_1');
  authenticator.forget();
  assert.equal(authenticator.known('good-key'), undefined, 'forgotten lookups are asked again');
});
