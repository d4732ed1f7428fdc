/**
 * What a usage record keeps of words the gateway does not choose: a caller's model name (stored
 * even when refused, before any key or model check could turn it away) and an upstream's error
 * message. A request body may be megabytes, so a few requests naming a megabyte model made every
 * usage page, overview and export megabytes long; what is kept is bounded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';

const adminKey = 'admin-key-for-tests-0123456789';

test('a refused megabyte model name and an upstream error of a megabyte are recorded shortened, the rest of the record intact', async (t) => {
  const hugeMessage = 'upstream says no. '.repeat(60_000);
  const upstream = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: hugeMessage, type: 'invalid_request_error', code: null } }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  t.after(() => upstream.close());
  const gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`, apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      adminKey,
    }),
    { logger: silentLogger },
  );
  const { port } = await gateway.listen(0, '127.0.0.1');
  t.after(() => gateway.close(1000));
  const ask = (model: string) =>
    fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    });

  // An emoji across the cut: the kept name must not end in half of a surrogate pair.
  const hugeModel = `${'m'.repeat(254)}😀${'x'.repeat(1_000_000)}`;
  assert.equal((await ask(hugeModel)).status, 404);
  assert.equal((await ask('chat')).status, 400);
  await gateway.services.usage.flush();

  const listed = await fetch(`http://127.0.0.1:${port}/admin/usage`, { headers: { authorization: `Bearer ${adminKey}` } });
  const records = ((await listed.json()) as { data: Array<{ model: string; status: number; errorMessage?: string }> }).data;
  assert.equal(records.length, 2);
  const refused = records.find((record) => record.status === 404);
  assert.ok(refused !== undefined);
  assert.ok(refused.model.length <= 256, `kept ${refused.model.length} characters of the name`);
  assert.equal(refused.model, `${'m'.repeat(254)}…`);
  const failed = records.find((record) => record.model === 'chat');
  assert.ok(failed?.errorMessage !== undefined);
  assert.ok(failed.errorMessage.length <= 2_000, `kept ${failed.errorMessage.length} characters of the error`);
  assert.match(failed.errorMessage, /upstream says no\./);
});
