/**
 * The HTTP server's own limits (`server.headersTimeoutMs`, `requestTimeoutMs`,
 * `keepAliveTimeoutMs`, `maxConnections`): slow clients are closed after the configured time,
 * while an answer streamed for longer than any of them still completes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection, type Socket } from 'node:net';
import { request } from 'undici';
import { resolveConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/config-error.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureText } from '../support/fixtures.js';
import { recordingLogger } from '../support/recording-logger.js';

const limits = { headersTimeoutMs: 200, requestTimeoutMs: 400, keepAliveTimeoutMs: 300 };
const logger = recordingLogger();
let upstream: TestUpstream;
let gateway: Gateway;
let port: number;
let onebotPort: number;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    server: limits,
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
    onebot: { bots: [{ transport: 'webhook', url: '/onebot/v12/webhook', model: 'chat' }], listen: { port: 0 } },
  });
  gateway = createGateway(config, { logger });
  port = (await gateway.listen(0, '127.0.0.1')).port;
  onebotPort = gateway.onebotAddress?.port ?? 0;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});

/** A raw connection that records what it receives; `closed` resolves when it closes, `answered` at the end of the first response's head. */
function connect(to: number): { socket: Socket; received: () => string; closed: Promise<void>; answered: Promise<void> } {
  const socket = createConnection(to, '127.0.0.1');
  let text = '';
  let headEnded = () => {};
  const answered = new Promise<void>((resolve) => (headEnded = resolve));
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    if (text.includes('\r\n\r\n')) headEnded();
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => text, closed, answered };
}

/** Writes `parts` one at a time, `gapMs` apart, until the connection closes: a slowloris client. */
async function trickle(socket: Socket, parts: string[], gapMs: number, closed: Promise<void>): Promise<void> {
  let open = true;
  void closed.then(() => (open = false));
  for (const part of parts) {
    if (!open) return;
    socket.write(part);
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, gapMs))]);
  }
}

test('headers sent a line at a time are cut with 408 after headersTimeoutMs', { timeout: 10_000 }, async () => {
  const client = connect(port);
  const lines = ['POST /v1/chat/completions HTTP/1.1\r\n', 'Host: x\r\n', ...Array.from({ length: 200 }, (_, index) => `x-slow-${index}: y\r\n`)];
  await trickle(client.socket, lines, 50, client.closed);
  await client.closed;
  assert.match(client.received(), /^HTTP\/1\.1 408 /);
});

test('a body sent a byte at a time is cut with 408 after requestTimeoutMs', { timeout: 10_000 }, async () => {
  const client = connect(port);
  client.socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n');
  await trickle(client.socket, Array.from({ length: 400 }, () => ' '), 50, client.closed);
  await client.closed;
  assert.match(client.received(), /^HTTP\/1\.1 408 /);
  assert.equal(upstream.requests.length, 0, 'nothing reached the upstream');
});

test('the OneBot listener on its own port cuts a slow client the same way', { timeout: 10_000 }, async () => {
  const client = connect(onebotPort);
  client.socket.write('POST /onebot/v12/webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 400\r\n\r\n');
  await trickle(client.socket, Array.from({ length: 400 }, () => '{'), 50, client.closed);
  await client.closed;
  assert.match(client.received(), /^HTTP\/1\.1 408 /);
});

test('an idle keep-alive connection is closed after keepAliveTimeoutMs', { timeout: 10_000 }, async () => {
  const client = connect(port);
  client.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
  await client.closed;
  assert.match(client.received(), /^HTTP\/1\.1 200 /);
});

test('an answer streamed for longer than every timeout still completes', { timeout: 10_000 }, async () => {
  upstream.reset();
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  upstream.enqueue({ kind: 'stream', text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse'), pauseAfterFrames: 1, resume: held });
  const response = await request(`http://127.0.0.1:${port}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.statusCode, 200);
  const body = (async () => {
    let text = '';
    for await (const chunk of response.body) text += String(chunk);
    return text;
  })();
  // Hold the stream open well past requestTimeoutMs (and Node's checks of it), then let it finish.
  await new Promise((resolve) => setTimeout(resolve, limits.requestTimeoutMs * 4));
  release();
  const text = await body;
  assert.match(text, /"finish_reason":"stop"/);
  assert.match(text, /data: \[DONE\]\s*$/);
});

test('connections past maxConnections are closed as they arrive, and logged', { timeout: 10_000 }, async () => {
  const capped = recordingLogger();
  const small = createGateway(resolveConfig({ server: { maxConnections: 3 }, providers: {} }), { logger: capped });
  const smallPort = (await small.listen(0, '127.0.0.1')).port;
  try {
    // Three connections the server has surely accepted: each has had an answer, and stays open.
    const held = [connect(smallPort), connect(smallPort), connect(smallPort)];
    for (const client of held) client.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await Promise.all(held.map((client) => client.answered));
    const refused = connect(smallPort);
    refused.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await refused.closed;
    assert.equal(refused.received(), '', 'closed without an answer');
    assert.ok(capped.lines.some((line) => line.level === 'warn' && /maxConnections/.test(line.message)));
    for (const client of held) client.socket.destroy();
    await Promise.all(held.map((client) => client.closed));
    // Room again once they are gone (the server counts them down as it sees them close).
    for (let attempt = 0; ; attempt++) {
      const retry = connect(smallPort);
      retry.socket.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      await retry.closed;
      if (retry.received().startsWith('HTTP/1.1 200')) break;
      assert.ok(attempt < 100, 'a new connection is served again');
    }
  } finally {
    await small.close(0);
  }
});

test('server timeouts: defaults, a headers timeout that follows a shorter request timeout, and a pair that disagrees', () => {
  const base = { providers: {} };
  const defaults = resolveConfig(base).server;
  assert.deepEqual(
    { headersTimeoutMs: defaults.headersTimeoutMs, requestTimeoutMs: defaults.requestTimeoutMs, keepAliveTimeoutMs: defaults.keepAliveTimeoutMs, maxConnections: defaults.maxConnections },
    { headersTimeoutMs: 20_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 65_000, maxConnections: 10_000 },
  );
  assert.equal(resolveConfig({ ...base, server: { requestTimeoutMs: 5_000 } }).server.headersTimeoutMs, 5_000);
  assert.throws(() => resolveConfig({ ...base, server: { headersTimeoutMs: 9_000, requestTimeoutMs: 5_000 } }), (error: unknown) => error instanceof ConfigError && /headersTimeoutMs/.test(error.message));
});
