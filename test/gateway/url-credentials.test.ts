/**
 * A provider's `baseUrl` may carry user-info (`http://user:password@host/v1`): the failure log line
 * and `GET /admin/models` name its host, never the password.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { withoutUrlCredentials } from '../../src/core/url-credentials.js';
import { closedPort } from '../support/closed-port.js';
import { recordingLogger } from '../support/recording-logger.js';

const adminKey = 'admin-key-for-tests-0123456789';
const logger = recordingLogger();
let gateway: Gateway;
let gatewayUrl: string;
let upstreamPort: number;

before(async () => {
  upstreamPort = await closedPort();
  gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `http://bob:PASSWORD-IN-URL@127.0.0.1:${upstreamPort}/v1`, apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      retry: { attempts: 0 },
      adminKey,
    }),
    { logger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(() => gateway.close(0));

test('the failure log line shows the upstream URL with ***@ in place of the user-info', async () => {
  const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.status, 502);
  await response.arrayBuffer();
  const failure = logger.lines.find((line) => line.message === 'request failed');
  assert.equal(failure?.fields.upstreamUrl, `http://***@127.0.0.1:${upstreamPort}/v1/chat/completions`);
  assert.ok(!JSON.stringify(logger.lines).includes('PASSWORD-IN-URL'), JSON.stringify(logger.lines));
});

test('GET /admin/models shows the base URL with ***@ in place of the user-info', async () => {
  const response = await fetch(`${gatewayUrl}/admin/models`, { headers: { authorization: `Bearer ${adminKey}` } });
  const text = await response.text();
  assert.equal(response.status, 200);
  assert.ok(!text.includes('PASSWORD-IN-URL'), text);
  const body = JSON.parse(text) as { providers: Array<{ name: string; baseUrl: string }> };
  assert.deepEqual(body.providers.map((provider) => provider.baseUrl), [`http://***@127.0.0.1:${upstreamPort}/v1`]);
});

test('the user-info of a URL becomes ***@, up to the last @ of the authority; the rest is kept as written', () => {
  assert.equal(withoutUrlCredentials('http://bob:SECRET@host:8080/v1'), 'http://***@host:8080/v1');
  assert.equal(withoutUrlCredentials('https://token@host/v1/chat/completions'), 'https://***@host/v1/chat/completions');
  assert.equal(withoutUrlCredentials('http://a:p@ss@host/x'), 'http://***@host/x');
  assert.equal(withoutUrlCredentials('wss://u:p@host/ws'), 'wss://***@host/ws');
});

test('a URL without user-info, or with an @ only after its authority, is unchanged', () => {
  assert.equal(withoutUrlCredentials('https://api.openai.com/v1'), 'https://api.openai.com/v1');
  assert.equal(withoutUrlCredentials('http://host/v1/users/me@example.com'), 'http://host/v1/users/me@example.com');
  assert.equal(withoutUrlCredentials('http://host/v1?email=a@b'), 'http://host/v1?email=a@b');
  assert.equal(withoutUrlCredentials('not a url @ all'), 'not a url @ all');
});
