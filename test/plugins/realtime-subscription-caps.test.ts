/**
 * Realtime subscribers hold a connection each for as long as they stay, and an idle one costs
 * its caller nothing: 10,000 of them filled `server.maxConnections` and locked every HTTP request
 * out. Subscriptions are capped per key (per remote address without keys) and over all, below
 * `maxConnections`; past a cap the upgrade gets the gateway's JSON refusal, 429 `rate_limited`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { createRealtimeEvents } from '../../src/plugins/realtime-events.js';
import type { KeyAuthenticator } from '../../src/keys/key-authenticator.js';
import type { PluginService } from '../../src/plugins/plugin-service.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { ConfigError } from '../../src/config/config-error.js';
import type { RealtimeLimits } from '../../src/plugins/realtime-limits.js';

type Outcome = { open: WebSocket } | { refused: number; body: { error?: { code?: string; message?: string } } };

/** Opens a subscriber and reports whether it was let in, or the status and JSON body it was refused with. */
function subscribe(url: string, options: { key?: string; localAddress?: string } = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      ...(options.key === undefined ? {} : { headers: { authorization: `Bearer ${options.key}` } }),
      ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
    });
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        socket.terminate();
        resolve({ refused: response.statusCode ?? 0, body: JSON.parse(text) as { error?: { code?: string; message?: string } } });
      });
    });
    // Open once the gateway said `subscribed`, so the slot is surely taken.
    socket.once('message', () => resolve({ open: socket }));
    socket.on('error', (error) => reject(error));
  });
}

function opened(outcome: Outcome): WebSocket {
  assert.ok('open' in outcome, `expected the subscription to be accepted, got ${JSON.stringify(outcome)}`);
  return outcome.open;
}

function refusal(outcome: Outcome): { status: number; code: string | undefined; message: string } {
  assert.ok('refused' in outcome, 'expected the subscription to be refused');
  return { status: outcome.refused, code: outcome.body.error?.code, message: outcome.body.error?.message ?? '' };
}

/** Events behind a bare HTTP server, with a stub authenticator: a presented key is the key whose id it names. */
async function startEvents(t: { after(fn: () => unknown): void }, limits: RealtimeLimits): Promise<string> {
  const authenticator = { authenticate: async (presented: string | undefined) => (presented === undefined ? undefined : { id: presented, name: presented }) } as unknown as KeyAuthenticator;
  const plugins = { backend: { broadcast: { ready: async () => {}, subscribe: () => () => {} } } } as unknown as PluginService;
  const events = createRealtimeEvents(authenticator, plugins, silentLogger, limits);
  const server = createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head: Buffer) => {
    if (!events.handleUpgrade(request, socket, head)) socket.destroy();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(async () => {
    events.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/realtime/events?conversation=c1`;
}

/** Tries until `attempt` is let in: a slot comes back once the closed subscriber's connection has ended. */
async function eventually(attempt: () => Promise<Outcome>): Promise<WebSocket> {
  for (let tries = 0; ; tries++) {
    const outcome = await attempt();
    if ('open' in outcome) return outcome.open;
    assert.ok(tries < 100, 'a closed subscription gives its slot back');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('one key holds at most maxSubscriptionsPerKey subscriptions; another key is not held back; a closed one frees its slot', async (t) => {
  const url = await startEvents(t, { maxSubscriptions: 100, maxSubscriptionsPerKey: 2, pingIntervalMs: 60_000 });
  const first = opened(await subscribe(url, { key: 'alpha' }));
  opened(await subscribe(url, { key: 'alpha' }));
  const third = refusal(await subscribe(url, { key: 'alpha' }));
  assert.equal(third.status, 429);
  assert.equal(third.code, 'rate_limited');
  assert.match(third.message, /This API key has 2 realtime subscriptions open.*server\.maxRealtimeSubscriptionsPerKey/);

  opened(await subscribe(url, { key: 'beta' }));
  first.close();
  await eventually(() => subscribe(url, { key: 'alpha' }));
});

test('without keys and with the cap configured, the cap is per remote address', async (t) => {
  const url = await startEvents(t, { maxSubscriptions: 100, maxSubscriptionsPerKey: 1, maxSubscriptionsPerAddress: 1, pingIntervalMs: 60_000 });
  opened(await subscribe(url));
  const second = refusal(await subscribe(url));
  assert.equal(second.status, 429);
  assert.match(second.message, /This address has 1 realtime subscriptions open/);
  // 127.0.0.0/8 is all loopback on Linux: another address of the same machine is another caller.
  opened(await subscribe(url, { localAddress: '127.0.0.2' }));
});

test('without keys and no cap configured, one address (a proxy in front) is held only to the total', async (t) => {
  const url = await startEvents(t, { maxSubscriptions: 3, maxSubscriptionsPerKey: 1, pingIntervalMs: 60_000 });
  const first = opened(await subscribe(url));
  const second = opened(await subscribe(url));
  t.after(() => {
    first.terminate();
    second.terminate();
  });
  assert.equal(resolveConfig({ providers: {} }).server.realtime.maxSubscriptionsPerAddress, undefined);
  assert.equal(resolveConfig({ server: { maxRealtimeSubscriptionsPerKey: 7 }, providers: {} }).server.realtime.maxSubscriptionsPerAddress, 7);
});

test('over all callers at most maxSubscriptions are open', async (t) => {
  const url = await startEvents(t, { maxSubscriptions: 2, maxSubscriptionsPerKey: 100, pingIntervalMs: 60_000 });
  opened(await subscribe(url, { key: 'alpha' }));
  opened(await subscribe(url, { key: 'beta' }));
  const third = refusal(await subscribe(url, { key: 'gamma' }));
  assert.equal(third.status, 429);
  assert.match(third.message, /The gateway has 2 realtime subscriptions open.*server\.maxRealtimeSubscriptions\b/);
});

/** GET /health on a fresh connection: its status, or 0 when the connection was dropped. */
function health(port: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = httpRequest({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    probe.on('timeout', () => probe.destroy());
    probe.on('error', () => resolve(0));
    probe.end();
  });
}

test('idle subscribers cannot take every connection: by default they hold at most half of server.maxConnections', async (t) => {
  const gateway = createGateway(resolveConfig({ server: { maxConnections: 6 }, providers: {} }), { logger: silentLogger });
  const { port } = await gateway.listen(0, '127.0.0.1');
  t.after(() => gateway.close(0));
  const url = `ws://127.0.0.1:${port}/v1/realtime/events?conversation=idle`;
  const outcomes: Outcome[] = [];
  // One after another, so each refused connection is gone before the next: what stays open is only the subscribers.
  for (let index = 0; index < 6; index++) outcomes.push(await subscribe(url).catch(() => ({ refused: 0, body: {} })));
  t.after(() => {
    for (const outcome of outcomes) if ('open' in outcome) outcome.open.terminate();
  });
  assert.deepEqual(outcomes.map((outcome) => ('open' in outcome ? 'open' : outcome.refused)), ['open', 'open', 'open', 429, 429, 429]);
  assert.equal(await health(port), 200);
});

test('server.maxRealtimeSubscriptions defaults to half of maxConnections and must stay below it', () => {
  const realtime = resolveConfig({ server: { maxConnections: 10 }, providers: {} }).server.realtime;
  assert.deepEqual(realtime, { maxSubscriptions: 5, maxSubscriptionsPerKey: 100, pingIntervalMs: 30_000 });
  assert.deepEqual(resolveConfig({ providers: {} }).server.realtime, { maxSubscriptions: 5_000, maxSubscriptionsPerKey: 100, pingIntervalMs: 30_000 });
  assert.throws(
    () => resolveConfig({ server: { maxConnections: 10, maxRealtimeSubscriptions: 10 }, providers: {} }),
    (error: unknown) => error instanceof ConfigError && /maxRealtimeSubscriptions \(10\) must be below server\.maxConnections \(10\)/.test(error.message),
  );
});
