/**
 * Browser apps (the vendors' SDKs with `dangerouslyAllowBrowser`) call the API routes when their
 * origin is listed in `server.corsOrigins`: a preflight is answered (Fetch standard, CORS protocol,
 * https://fetch.spec.whatwg.org/#http-cors-protocol) and each answer names the origin that may read
 * it. Unlisted origins, the admin routes and a gateway without the setting get nothing of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { readFixtureText } from '../support/fixtures.js';

const answer = readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json');

async function gatewayWith(t: import('node:test').TestContext, corsOrigins?: string[]): Promise<string> {
  const upstream = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  t.after(() => upstream.close());
  const gateway = createGateway(
    resolveConfig({
      ...(corsOrigins !== undefined ? { server: { corsOrigins } } : {}),
      providers: { oa: { dialect: 'openai-chat', baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`, apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      adminKey: 'admin-key-for-tests-0123456789',
    }),
    { logger: silentLogger },
  );
  const { port } = await gateway.listen(0, '127.0.0.1');
  t.after(() => gateway.close(1000));
  return `http://127.0.0.1:${port}`;
}

/** What a browser sends before the openai SDK's POST: a preflight naming its method and headers. */
function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-stainless-os' },
  });
}

test('a listed origin gets its preflight answered and may read the answer and its headers', async (t) => {
  const base = await gatewayWith(t, ['https://app.example.com']);
  const checked = await preflight(`${base}/v1/chat/completions`, 'https://app.example.com');
  assert.equal(checked.status, 204);
  assert.equal(checked.headers.get('access-control-allow-origin'), 'https://app.example.com');
  assert.match(checked.headers.get('access-control-allow-methods') ?? '', /POST/);
  // Authorization is never covered by a `*`: it must be named back.
  assert.equal(checked.headers.get('access-control-allow-headers'), 'authorization,content-type,x-stainless-os');
  assert.match(checked.headers.get('vary') ?? '', /Origin/);
  const posted = await fetch(`${base}/v1/chat/completions`, {
    method: 'POST',
    headers: { origin: 'https://app.example.com', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(posted.status, 200);
  assert.equal(posted.headers.get('access-control-allow-origin'), 'https://app.example.com');
  assert.equal(posted.headers.get('access-control-expose-headers'), '*');
});

test('an unlisted origin, the admin routes and a gateway without the setting answer no CORS headers', async (t) => {
  const listed = await gatewayWith(t, ['https://app.example.com']);
  const other = await preflight(`${listed}/v1/chat/completions`, 'https://evil.example');
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  assert.notEqual(other.status, 204);
  const admin = await preflight(`${listed}/admin/keys`, 'https://app.example.com');
  assert.equal(admin.headers.get('access-control-allow-origin'), null);
  const unset = await gatewayWith(t);
  const refused = await preflight(`${unset}/v1/chat/completions`, 'https://app.example.com');
  assert.equal(refused.headers.get('access-control-allow-origin'), null);
});

test('"*" lets any origin call, answered with "*" and no Vary', async (t) => {
  const base = await gatewayWith(t, ['*']);
  const checked = await preflight(`${base}/v1/messages`, 'http://localhost:5173');
  assert.equal(checked.status, 204);
  assert.equal(checked.headers.get('access-control-allow-origin'), '*');
  assert.equal(checked.headers.get('vary'), null);
});

test('an origin that is not a scheme and host is refused at start', () => {
  assert.throws(() => resolveConfig({ server: { corsOrigins: ['app.example.com/path'] }, providers: {} }), /corsOrigins/);
});
