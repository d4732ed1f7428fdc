/**
 * Async plugins across replicas: two gateways share one Redis (a key prefix of this run's own).
 * A subscriber on replica B gets the result of a job started through replica A, and B's next
 * turn of the conversation sees it. Then a job queued while no worker runs is picked up by a
 * gateway started afterwards: jobs live in Redis, not in a process.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import OpenAI from 'openai';
import { startPluginGateway, type PluginGateway } from './support/plugin-gateway.js';
import { openaiChatReply } from './support/scripted-replies.js';
import { EventSocket } from './support/event-socket.js';
import { TcpProxy } from '../replicas/support/tcp-proxy.js';
import { createJsonLogger } from '../../src/gateway/logger.js';

const redisUrl = 'redis://127.0.0.1:6379';
const keyPrefix = `interlingua-test-${randomUUID()}`;
let replicaA: PluginGateway;
let replicaB: PluginGateway;

before(async () => {
  replicaA = await startPluginGateway({ redis: { url: redisUrl, keyPrefix } });
  replicaB = await startPluginGateway({ redis: { url: redisUrl, keyPrefix } });
});

after(async () => {
  await replicaA.close();
  await replicaB.close();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

type Json = Record<string, unknown>;

test('a job started on replica A reaches a socket held by replica B, and B\'s next turn sees it', async () => {
  const events = await EventSocket.open(replicaB.gatewayUrl, 'shared-trip');
  replicaA.upstream.enqueue(
    openaiChatReply({ calls: [{ id: 'call_ping', name: 'ping', args: { addr: 'example.org' } }] }, true),
    openaiChatReply({ text: 'Started; the result will follow.' }, true),
  );
  const callerA = new OpenAI({ baseURL: `${replicaA.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0, defaultHeaders: { 'x-interlingua-conversation': 'shared-trip' } });
  const stream = await callerA.chat.completions.create({ model: 'travel', messages: [{ role: 'user', content: 'Ping example.org' }], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  assert.equal(text, 'Started; the result will follow.');
  const toolMessage = (replicaA.upstream.requests[1]?.body as { messages: Json[] }).messages.at(-1);
  const jobId = /Started as job (job_[0-9a-f]+)/.exec(String(toolMessage?.content))?.[1];
  assert.ok(jobId);

  const pushed = await events.next();
  assert.equal(pushed.type, 'plugin.result');
  assert.equal(pushed.job, jobId);
  assert.equal(pushed.ok, true);
  assert.match(String(pushed.text), /^PING example\.org/);
  events.close();

  replicaB.upstream.enqueue(openaiChatReply({ text: 'No loss.' }, false));
  const callerB = new OpenAI({ baseURL: `${replicaB.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0, defaultHeaders: { 'x-interlingua-conversation': 'shared-trip' } });
  await callerB.chat.completions.create({ model: 'travel', messages: [{ role: 'user', content: 'Any loss?' }] });
  const asked = (replicaB.upstream.requests[0]?.body as { messages: Json[] }).messages.at(-1);
  assert.match(JSON.stringify(asked?.content), new RegExp(`Background job ${jobId} \\(ping\\) finished`));
});

test('a job left in Redis while no gateway runs is run by the next one to start', async () => {
  const prefix = `${keyPrefix}-restart`;
  const listener = new Redis(redisUrl);
  const published = new Promise<string>((resolve) => listener.on('message', (_channel: string, text: string) => resolve(text)));
  await listener.subscribe(`${prefix}:plugin-results`);
  // What a gateway that went down leaves behind: a queued job, in the queue its replicas share.
  const queue = new Queue('plugin-jobs', { connection: { url: redisUrl }, prefix });
  const job = { id: `job_${randomUUID().replaceAll('-', '')}`, plugin: 'calculator', tool: 'calculator', args: { expression: '6*7' }, conversationId: 'later', startedAt: Date.now() };
  await queue.add('run', job, { jobId: job.id });
  await queue.close();

  const restarted = await startPluginGateway({ redis: { url: redisUrl, keyPrefix: prefix } });
  try {
    const { scope, result } = JSON.parse(await published) as { scope: string; result: Json };
    assert.equal(scope, '-:later');
    assert.equal(result.job, job.id);
    assert.equal(result.text, '42');
  } finally {
    await restarted.close();
    await listener.quit();
  }
});

test('a job started while Redis is away waits in the replica, and runs once Redis is back', { timeout: 60_000 }, async (t) => {
  const prefix = `${keyPrefix}-outage`;
  const proxy = new TcpProxy(6379);
  const listener = new Redis(redisUrl);
  const log: string[] = [];
  let gateway: PluginGateway | undefined;
  // Registered before anything is awaited, so a timeout still closes all of it: a gateway, proxy or
  // connection left open keeps the whole file running until the runner's own timeout.
  t.after(async () => {
    proxy.set('pass');
    await gateway?.close();
    await listener.quit();
    await proxy.stop();
  });
  await proxy.start();
  const published = new Promise<string>((resolve) => listener.on('message', (_channel: string, text: string) => resolve(text)));
  await listener.subscribe(`${prefix}:plugin-results`);
  gateway = await startPluginGateway({ logger: createJsonLogger((line) => log.push(line), { level: 'debug' }), redis: { url: `redis://${proxy.url}`, keyPrefix: prefix } });
  proxy.set('reset');
  for (let tries = 0; tries < 200; tries++) {
    const health = (await (await fetch(`${gateway.gatewayUrl}/health`)).json()) as { status: string };
    if (health.status === 'degraded') break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  gateway.upstream.enqueue(
    openaiChatReply({ calls: [{ id: 'call_ping', name: 'ping', args: { addr: 'example.net' } }] }, false),
    openaiChatReply({ text: 'Started while Redis was away.' }, false),
  );
  const caller = new OpenAI({ baseURL: `${gateway.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0, defaultHeaders: { 'x-interlingua-conversation': 'outage-trip' } });
  const answer = await caller.chat.completions.create({ model: 'travel', messages: [{ role: 'user', content: 'Ping example.net' }] });
  assert.equal(answer.choices[0]?.message.content, 'Started while Redis was away.', 'the request is answered, not failed');
  const toolMessage = (gateway.upstream.requests[1]?.body as { messages: Json[] }).messages.at(-1);
  const jobId = /Started as job (job_[0-9a-f]+)/.exec(String(toolMessage?.content))?.[1];
  assert.ok(jobId, String(toolMessage?.content));

  proxy.set('pass');
  // Well inside the test's timeout, so a job never run fails here with what the gateway logged.
  const text = await Promise.race([published, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 40_000).unref())]);
  assert.ok(text !== undefined, `no result for ${jobId} within 40 s of Redis's return; the gateway logged:\n${log.join('')}`);
  const { result } = JSON.parse(text) as { result: Json };
  assert.equal(result.job, jobId);
  assert.match(String(result.text), /^PING example\.net/);
});
