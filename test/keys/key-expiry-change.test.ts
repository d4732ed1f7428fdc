/**
 * A key's expiry changed through `PATCH /admin/keys/{id}`: a number is epoch milliseconds (13
 * digits, README "Keys, limits, usage and cost"), so epoch seconds are refused rather than read as
 * January 1970, and an expiry that has passed is refused as it is for a new key: either once ended
 * the key at once without a word (401 from then on). Ending a key now is what revoking it does.
 * The key's own expiry sent back unchanged (the console's form sends every field) is kept.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { openStore } from '../../src/store/open-store.js';
import { KeyRecords } from '../../src/keys/key-records.js';

const adminKey = 'admin-key-for-expiry-changes-0123456789';
const directory = mkdtempSync(join(tmpdir(), 'interlingua-expiry-change-'));
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      auth: { required: true },
      adminKey,
      database: { url: join(directory, 'gateway.db') },
    }),
    { logger: silentLogger },
  );
  await gateway.openStore();
  const address = await gateway.listen(0, '127.0.0.1');
  gatewayUrl = `http://127.0.0.1:${address.port}`;
});
after(async () => {
  await gateway.close(1000);
  rmSync(directory, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: { key?: string; expiresAt?: number; error?: { message: string } };
}

async function admin(path: string, method: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${gatewayUrl}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** The key's status on a route that needs a key and no upstream. */
async function modelsStatus(key: string): Promise<number> {
  const response = await fetch(`${gatewayUrl}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  await response.arrayBuffer();
  return response.status;
}

test('PATCH refuses epoch seconds (2030 written as 1893456000) rather than storing January 1970, and the key goes on working', async () => {
  const created = await admin('/keys', 'POST', { name: 'seconds' });
  assert.equal(created.status, 201);
  const key = created.body.key ?? '';
  assert.equal(await modelsStatus(key), 200);

  const seconds = await admin('/keys/seconds', 'PATCH', { expires: 1893456000 });
  assert.equal(seconds.status, 400, JSON.stringify(seconds.body));
  assert.match(seconds.body.error?.message ?? '', /^expires: 1893456000 is not epoch milliseconds \(13 digits\) \(epoch seconds\? write milliseconds: 1893456000000\)/);
  assert.equal(await modelsStatus(key), 200, 'the key still works');

  for (const other of [45, 99_999_999_999_999]) {
    const refused = await admin('/keys/seconds', 'PATCH', { expires: other });
    assert.equal(refused.status, 400, `${other}: ${JSON.stringify(refused.body)}`);
    assert.match(refused.body.error?.message ?? '', new RegExp(`^expires: ${other} is not epoch milliseconds \\(13 digits\\)`));
  }

  const milliseconds = await admin('/keys/seconds', 'PATCH', { expires: 1893456000000 });
  assert.equal(milliseconds.status, 200, JSON.stringify(milliseconds.body));
  assert.equal(milliseconds.body.expiresAt, Date.UTC(2030, 0, 1));
  assert.equal(await modelsStatus(key), 200);
});

test('POST refuses epoch seconds with the same words, not as a date in 1970 that has passed', async () => {
  const refused = await admin('/keys', 'POST', { name: 'seconds-new', expires: 1893456000 });
  assert.equal(refused.status, 400);
  assert.match(refused.body.error?.message ?? '', /^expires: 1893456000 is not epoch milliseconds \(13 digits\) \(epoch seconds\? write milliseconds: 1893456000000\)/);
});

test('PATCH refuses an expiry that has passed, as POST does, and says that revoking is how a key ends now', async () => {
  const created = await admin('/keys', 'POST', { name: 'dated-back' });
  const key = created.body.key ?? '';
  for (const expires of ['2020-01-01', Date.UTC(2020, 0, 1)]) {
    const refused = await admin('/keys/dated-back', 'PATCH', { expires });
    assert.equal(refused.status, 400, `${expires}: ${JSON.stringify(refused.body)}`);
    assert.equal(refused.body.error?.message, "expires: 2020-01-01T00:00:00.000Z has passed; a key's new expiry lies ahead (to end a key now, revoke it: DELETE /admin/keys/{id})");
  }
  assert.equal(await modelsStatus(key), 200, 'the key still works');
  const listed = (await (await fetch(`${gatewayUrl}/admin/keys`, { headers: { authorization: `Bearer ${adminKey}` } })).json()) as { data: Array<{ name: string; expiresAt?: number }> };
  assert.equal(listed.data.find((entry) => entry.name === 'dated-back')?.expiresAt, undefined, 'nothing was stored');

  assert.equal((await admin('/keys/dated-back', 'DELETE')).status, 200);
  assert.equal(await modelsStatus(key), 401, 'revoking ends it');
});

test('a key whose expiry has passed keeps it when a change sends it back unchanged, as the console does with every field', async () => {
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'records.db') });
  try {
    const records = new KeyRecords(async () => store);
    const madeAt = Date.UTC(2026, 0, 1);
    const expiresAt = madeAt + 60_000;
    await records.create({ name: 'lapsed', expiresAt }, madeAt);
    const later = expiresAt + 86_400_000;
    const changed = await records.update('lapsed', { rpm: 9, expiresAt }, later);
    assert.equal(changed?.rpm, 9);
    assert.equal(changed?.expiresAt, expiresAt);
    await assert.rejects(records.update('lapsed', { expiresAt: expiresAt + 1 }, later), { message: /^expires: .* has passed; a key's new expiry lies ahead/ });
    assert.equal((await records.update('lapsed', { expiresAt: later + 1 }, later))?.expiresAt, later + 1, 'an expiry ahead is taken');
  } finally {
    await store.close();
  }
});
