/**
 * A provider's connections are capped by `maxConnections`, and a request queued behind the cap
 * is still bound by the provider's `timeoutMs`: it fails as a timeout, not after the streams
 * holding the connections end.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as undiciRequest, type Dispatcher } from 'undici';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureSseFrames } from '../support/fixtures.js';

const timeoutMs = 800;
/** Real frames of an OpenAI chat stream: its opening chunk, and a content chunk sent again and again. */
const frames = readFixtureSseFrames('openai-chat/fantasy-gpt4o-simple_streaming.response.sse').map((frame) => `data: ${frame.data}\n\n`);
const held = { kind: 'hang', firstFrame: frames[0]!, heartbeat: { frame: frames[1]!, everyMs: 25 } } as const;
const answer = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

let upstream: TestUpstream;
/** Ends the held streams, also when a test fails before it does. */
const streams = new AbortController();
let gateway: Gateway;
let gatewayUrl: string;
before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { narrow: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test', maxConnections: 2, timeoutMs } },
    models: { chat: [{ provider: 'narrow', model: 'gpt-4o' }] },
    retry: { attempts: 0 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  streams.abort();
  await gateway.close();
  await upstream.stop();
});

function chat(stream: boolean, signal?: AbortSignal): Promise<Dispatcher.ResponseData> {
  return undiciRequest(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', stream, messages: [{ role: 'user', content: 'hi' }] }),
    ...(signal !== undefined ? { signal } : {}),
  });
}

test('providers get 1,024 connections unless maxConnections says otherwise', () => {
  const config = resolveConfig({
    providers: { wide: { dialect: 'openai-chat', apiKey: 'k' }, narrow: { dialect: 'openai-chat', apiKey: 'k', maxConnections: 3 } },
  });
  assert.equal(config.providers.get('wide')?.maxConnections, 1024);
  assert.equal(config.providers.get('narrow')?.maxConnections, 3);
  assert.throws(() => resolveConfig({ providers: { zero: { dialect: 'openai-chat', maxConnections: 0 } } }), /maxConnections/);
});

test('a request queued behind maxConnections fails with a 504 within about timeoutMs, and is never sent', { timeout: 15_000 }, async () => {
  upstream.reset();
  upstream.enqueue(held, held);
  const first = await chat(true, streams.signal);
  const second = await chat(true, streams.signal);
  assert.equal(first.statusCode, 200);
  assert.equal(second.statusCode, 200);
  for (const response of [first, second]) response.body.on('data', () => {}).on('error', () => {});
  assert.equal(upstream.requests.length, 2, 'both streams hold a connection');

  const started = Date.now();
  const third = await chat(false);
  const waited = Date.now() - started;
  assert.equal(third.statusCode, 504);
  const body = (await third.body.json()) as { error: { message: string; type: string } };
  assert.match(body.error.message, /narrow/);
  assert.ok(waited >= timeoutMs - 50, `timed out after ${waited} ms, not before timeoutMs`);
  assert.ok(waited < timeoutMs + 4_000, `timed out after ${waited} ms, not after the streams`);
  assert.equal(upstream.requests.length, 2, 'the queued request never reached the upstream');

  // Once the streams end, the next request goes out first: the timed-out one was dropped from the queue.
  streams.abort();
  upstream.enqueue({ kind: 'json', body: answer });
  const fourth = await chat(false);
  assert.equal(fourth.statusCode, 200);
  await fourth.body.json();
  assert.equal(upstream.requests.length, 3);
});
