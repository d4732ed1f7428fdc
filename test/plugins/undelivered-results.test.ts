/**
 * An async job's result leaves the conversation's inbox only with a turn whose answer reached the
 * caller: a turn the upstream refuses, one for an unknown model, or a stream the caller leaves,
 * puts it back for the next turn. In one gateway (jobs in-process) and across Redis replicas.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { Redis } from 'ioredis';
import { startPluginGateway, type PluginGateway } from './support/plugin-gateway.js';
import { openaiChatReply } from './support/scripted-replies.js';
import { EventSocket } from './support/event-socket.js';
import { readFixtureJson } from '../support/fixtures.js';

const redisUrl = 'redis://127.0.0.1:6379';
const keyPrefix = `test-undelivered-${process.pid}-${Date.now()}`;
const started: PluginGateway[] = [];

after(async () => {
  await Promise.all(started.map((setup) => setup.close()));
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

async function gateway(redis?: unknown): Promise<PluginGateway> {
  const setup = await startPluginGateway(redis === undefined ? {} : { redis });
  started.push(setup);
  return setup;
}

function client(setup: PluginGateway, conversation: string): OpenAI {
  return new OpenAI({ baseURL: `${setup.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0, defaultHeaders: { 'x-interlingua-conversation': conversation } });
}

/**
 * OpenAI's refusal of a request, as recorded (the Vercel AI SDK's fixture
 * reasoning-model-legacy-parameter-error.json, in test/fixtures/recorded/openai-chat/).
 */
const refusal = { kind: 'json' as const, status: 400, body: readFixtureJson('openai-chat/error-400-unsupported-parameter.json') };

const lastUserText = (setup: PluginGateway): string => JSON.stringify((setup.upstream.requests.at(-1)?.body as { messages: unknown[] }).messages.at(-1));

/** Starts a ping job in `conversation` and waits until its result is pushed; returns the job id. */
async function finishedJob(setup: PluginGateway, conversation: string): Promise<string> {
  const events = await EventSocket.open(setup.gatewayUrl, conversation);
  setup.upstream.enqueue(openaiChatReply({ calls: [{ id: 'call_ping', name: 'ping', args: { addr: 'example.org' } }] }, false), openaiChatReply({ text: 'Started.' }, false));
  await client(setup, conversation).chat.completions.create({ model: 'travel', messages: [{ role: 'user', content: 'Ping example.org' }] });
  const pushed = await events.next();
  events.close();
  assert.equal(pushed.type, 'plugin.result');
  return String(pushed.job);
}

/** Failed turns (refused on the plugin path and the plain one, an unknown model, a stream left midway) keep the result; the next answered turn carries it, once. */
async function failedTurnsKeepTheResult(setup: PluginGateway, conversation: string): Promise<void> {
  const jobId = await finishedJob(setup, conversation);
  const chat = client(setup, conversation).chat.completions;

  setup.upstream.enqueue(refusal);
  await assert.rejects(chat.create({ model: 'travel', messages: [{ role: 'user', content: 'Any loss?' }] }), (error: { status?: number }) => error.status === 400);
  assert.match(lastUserText(setup), new RegExp(`Background job ${jobId}`), 'the refused turn did carry it');
  setup.upstream.enqueue(refusal);
  await assert.rejects(chat.create({ model: 'plain', messages: [{ role: 'user', content: 'Any loss?' }] }), (error: { status?: number }) => error.status === 400);
  await assert.rejects(chat.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'Any loss?' }] }), (error: { status?: number }) => error.status === 404);

  // A stream the caller leaves after its first words (the upstream holds the rest): the answer did not reach it whole.
  let resume = () => {};
  const held = new Promise<void>((resolve) => (resume = resolve));
  const words = openaiChatReply({ text: 'The ping finished with no loss at all, every packet came back.' }, true);
  setup.upstream.enqueue(words.kind === 'stream' ? { ...words, pauseAfterFrames: 3, resume: held } : words);
  const stream = await chat.create({ model: 'travel', messages: [{ role: 'user', content: 'Any loss?' }], stream: true });
  // Leaving the loop early closes the connection.
  for await (const chunk of stream) if (chunk.choices[0]?.delta.content !== undefined) break;
  // The gateway learns the caller left when the connection closes, and puts the result back then.
  await new Promise((resolve) => setTimeout(resolve, 200));
  resume();

  setup.upstream.enqueue(openaiChatReply({ text: 'No loss at all.' }, false));
  const answered = await chat.create({ model: 'plain', messages: [{ role: 'user', content: 'Any loss?' }] });
  assert.equal(answered.choices[0]?.message.content, 'No loss at all.');
  assert.match(lastUserText(setup), new RegExp(`Background job ${jobId} \\(ping\\) finished`), 'the answered turn carries the result');

  setup.upstream.enqueue(openaiChatReply({ text: 'ok' }, false));
  await chat.create({ model: 'plain', messages: [{ role: 'user', content: 'again' }] });
  assert.doesNotMatch(lastUserText(setup), /Background job/, 'and it is told once');
}

test('in one gateway, a result survives failed turns and reaches the next answered one', async () => {
  await failedTurnsKeepTheResult(await gateway(), 'kept-1');
});

test('with Redis, a result survives failed turns and reaches the next answered one', async () => {
  await failedTurnsKeepTheResult(await gateway({ url: redisUrl, keyPrefix }), 'kept-redis-1');
});
