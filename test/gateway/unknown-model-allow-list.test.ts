/**
 * A key limited to some models sees only those (README "Keys and limits"): the error for a name
 * that matches its list but no model offers the aliases it may use, never the others.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';

const adminKey = 'admin-key-for-tests-0123456789';
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  gateway = createGateway(
    resolveConfig({
      // Never asked: every request here is refused before any upstream.
      providers: { oa: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'upstream-key' } },
      models: {
        chat: [{ provider: 'oa', model: 'gpt-4o' }],
        'secret-internal': [{ provider: 'oa', model: 'gpt-4o' }],
        'gpt-a': [{ provider: 'oa', model: 'gpt-4o' }],
      },
      adminKey,
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
});

async function createKey(name: string, models?: string[]): Promise<string> {
  const response = await fetch(`${gatewayUrl}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, ...(models !== undefined ? { models } : {}) }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { key: string }).key;
}

const unknownModel = { model: 'gpt-nonexistent', messages: [{ role: 'user' as const, content: 'Hi' }] };

test('an unknown name a limited key may ask for is refused offering only the aliases it may use', async () => {
  const client = new OpenAI({ apiKey: await createKey('limited', ['gpt-*', 'chat']), baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
  await assert.rejects(client.chat.completions.create(unknownModel), (error: unknown) => {
    assert.ok(error instanceof OpenAI.NotFoundError, String(error));
    assert.match(error.message, /Ask for one of: chat, gpt-a,/);
    assert.doesNotMatch(error.message, /secret-internal/);
    return true;
  });
});

test('a key without a list is offered every alias', async () => {
  const client = new OpenAI({ apiKey: await createKey('unlimited'), baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
  await assert.rejects(client.chat.completions.create(unknownModel), (error: unknown) => error instanceof OpenAI.NotFoundError && /Ask for one of: chat, secret-internal, gpt-a,/.test(error.message));
});
