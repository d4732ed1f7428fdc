/**
 * A subscription to /v1/realtime/events lasts as long as its key does: the key it presented is
 * checked again before each result pushed and each cancel, so once the key is revoked or expires
 * the socket hears nothing more of the key's results, cancels nothing, and is closed with 1008.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { openaiChatReply } from './support/scripted-replies.js';

const adminKey = 'admin-key-for-realtime-keys';

/** A slow service behind an async HTTP plugin: each request waits until the test answers it. */
class HeldService {
  private server: Server | undefined;
  private arrivals: Array<(held: { request: IncomingMessage; response: ServerResponse }) => void> = [];

  next(): Promise<{ request: IncomingMessage; response: ServerResponse }> {
    return new Promise((resolve) => this.arrivals.push(resolve));
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => this.arrivals.shift()?.({ request, response }));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A subscriber that keeps every message and how the socket closed. */
class Subscriber {
  readonly messages: Array<Record<string, unknown>> = [];
  readonly closed: Promise<number>;
  private readonly socket: WebSocket;

  constructor(url: string, key: string) {
    this.socket = new WebSocket(url, { headers: { authorization: `Bearer ${key}` } });
    this.socket.on('message', (data) => this.messages.push(JSON.parse(String(data)) as Record<string, unknown>));
    this.closed = new Promise((resolve) => this.socket.on('close', (code) => resolve(code)));
  }

  async subscribed(): Promise<void> {
    while (this.messages[0]?.type !== 'subscribed') await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** The close code, or `open` when the socket is still open after `withinMs`. */
  closeCode(withinMs = 5_000): Promise<number | 'open'> {
    return Promise.race([this.closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), withinMs))]);
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  get types(): unknown[] {
    return this.messages.map((message) => message.type);
  }
}

let upstream: TestUpstream;
let service: HeldService;
let gateway: Gateway;
let base: string;

before(async () => {
  upstream = await new TestUpstream().start();
  service = await new HeldService().start();
  const config = resolveConfig({
    auth: { required: true },
    adminKey,
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
    plugins: {
      lookup: {
        type: 'http',
        url: `${service.url}/lookup`,
        method: 'GET',
        async: true,
        description: 'Looks something up; takes a while, so its result follows later.',
        parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
      },
    },
    models: { travel: { deployments: [{ provider: 'oa', model: 'gpt-4o' }], plugins: ['lookup'], maxSteps: 4 } },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  base = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});

after(async () => {
  await gateway.close();
  await upstream.stop();
  await service.stop();
});

async function admin(method: string, path: string, body?: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}/admin${path}`, { method, headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  assert.ok(response.ok, `${method} ${path}: ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

async function subscribe(key: string, conversation: string): Promise<Subscriber> {
  const subscriber = new Subscriber(`${base.replace(/^http/, 'ws')}/v1/realtime/events?conversation=${conversation}`, key);
  await subscriber.subscribed();
  return subscriber;
}

/** Starts a `lookup` job in the conversation and waits until its request is held at the service. */
async function startJob(key: string, conversation: string) {
  upstream.enqueue(openaiChatReply({ calls: [{ id: 'call_lookup', name: 'lookup', args: { q: 'x' } }] }, false), openaiChatReply({ text: 'Started.' }, false));
  const held = service.next();
  const answer = await fetch(`${base}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-interlingua-conversation': conversation },
    body: JSON.stringify({ model: 'travel', messages: [{ role: 'user', content: 'Look it up.' }] }),
  });
  assert.equal(answer.status, 200);
  await answer.text();
  const job = /Started as job (job_[0-9a-f]+)/.exec(JSON.stringify(upstream.requests.at(-1)?.body))?.[1];
  assert.ok(job, 'the model is told the job started');
  return { job, held: await held };
}

test('a result finished after its key was revoked is not pushed; the socket is closed with 1008', async () => {
  const { key } = (await admin('POST', '/keys', { name: 'revoked-before-result' })) as { key: string };
  const subscriber = await subscribe(key, 'trip-result');
  const { held } = await startJob(key, 'trip-result');
  await admin('DELETE', '/keys/revoked-before-result');
  held.response.end('found it');
  assert.equal(await subscriber.closeCode(), 1008, JSON.stringify(subscriber.messages));
  assert.deepEqual(subscriber.types, ['subscribed', 'error']);
  assert.equal(subscriber.messages[1]?.code, 'authentication');
});

test('a cancel sent after the key was revoked cancels nothing; the socket is closed with 1008', async () => {
  const { key } = (await admin('POST', '/keys', { name: 'revoked-before-cancel' })) as { key: string };
  const subscriber = await subscribe(key, 'trip-cancel');
  const { job, held } = await startJob(key, 'trip-cancel');
  await admin('DELETE', '/keys/revoked-before-cancel');
  subscriber.send({ type: 'cancel', job });
  assert.equal(await subscriber.closeCode(), 1008, JSON.stringify(subscriber.messages));
  assert.deepEqual(subscriber.types, ['subscribed', 'error']);
  assert.equal(held.request.destroyed, false, 'the job still runs');
  held.response.end('found it');
});

test('a key that expires while subscribed is refused at the next cancel', async () => {
  const { key } = (await admin('POST', '/keys', { name: 'expiring', expires: Date.now() + 1_000 })) as { key: string };
  const subscriber = await subscribe(key, 'trip-expiring');
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  subscriber.send({ type: 'cancel', job: 'job_0' });
  assert.equal(await subscriber.closeCode(), 1008, JSON.stringify(subscriber.messages));
  assert.deepEqual(subscriber.types, ['subscribed', 'error']);
  assert.match(String(subscriber.messages[1]?.message), /expired/);
});

test('a key still good is answered as before', async () => {
  const { key } = (await admin('POST', '/keys', { name: 'still-good' })) as { key: string };
  const subscriber = await subscribe(key, 'trip-good');
  const { job, held } = await startJob(key, 'trip-good');
  held.response.end('found it');
  while (!subscriber.types.includes('plugin.result')) await new Promise((resolve) => setTimeout(resolve, 10));
  subscriber.send({ type: 'cancel', job });
  while (!subscriber.types.includes('cancel.result')) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(subscriber.types, ['subscribed', 'plugin.result', 'cancel.result']);
});
