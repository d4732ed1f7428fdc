/**
 * An upstream that sends without end (a JSON body that trickles, a body past any real answer, an
 * SSE line that never ends, keep-alive comments and no event, an event-stream message claiming
 * gigabytes) costs the gateway a bounded amount of memory and time: the caller gets an upstream
 * error in its own dialect (an HTTP error before the first streamed byte, an in-band one after),
 * and the gateway keeps answering others. Limits: src/wire/size-limits.ts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import type { ServerResponse } from 'node:http';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { RawUpstream } from './support/raw-upstream.js';

const mebibyte = 1024 * 1024;
/** The provider `slow`'s timeoutMs: short, so a trickling answer is cut soon. */
const slowTimeoutMs = 1000;

const upstream = new RawUpstream();
let gateway: Gateway;
let gatewayUrl = '';

before(async () => {
  await upstream.start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        slow: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'k', timeoutMs: slowTimeoutMs },
        // Long enough that no silence ends a test before the bound under test does.
        big: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'k', timeoutMs: 120_000 },
        aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: upstream.baseUrl, apiKey: 'bedrock-api-key-test', timeoutMs: 120_000 },
      },
      models: {
        slow: [{ provider: 'slow', model: 'gpt-4o' }],
        big: [{ provider: 'big', model: 'gpt-4o' }],
        claude: [{ provider: 'aws', model: 'anthropic.claude-3-haiku-20240307-v1:0' }],
      },
      retry: { attempts: 0 },
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});

after(async () => {
  await gateway.close(0);
  await upstream.stop();
});

type Caller = 'openai' | 'anthropic';

/** A chat request in the caller's dialect: openai reaches the pass-through relay, anthropic the parsing path. */
function ask(caller: Caller, model: string, options: { stream?: boolean; includeUsage?: boolean } = {}) {
  const stream = options.stream === true;
  const body =
    caller === 'anthropic'
      ? { model, max_tokens: 10, stream, messages: [{ role: 'user', content: 'hi' }] }
      : { model, stream, ...(options.includeUsage === true ? { stream_options: { include_usage: true } } : {}), messages: [{ role: 'user', content: 'hi' }] };
  return request(`${gatewayUrl}${caller === 'anthropic' ? '/v1/messages' : '/v1/chat/completions'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The error message in the caller's dialect's error body. */
function errorMessage(caller: Caller, body: unknown): string {
  if (caller === 'anthropic') {
    const wire = body as { type: string; error: { type: string; message: string } };
    assert.equal(wire.type, 'error');
    return wire.error.message;
  }
  return (body as { error: { message: string } }).error.message;
}

/** A streamed answer's size and its last bytes, without keeping what may be tens of megabytes. */
async function readTail(body: AsyncIterable<Buffer>): Promise<{ length: number; tail: string }> {
  let length = 0;
  let tail = Buffer.alloc(0);
  for await (const chunk of body) {
    length += chunk.length;
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > 8192) tail = tail.subarray(tail.length - 8192);
  }
  return { length, tail: tail.toString('utf8') };
}

async function health(): Promise<number> {
  const answer = await request(`${gatewayUrl}/health`);
  await answer.body.dump();
  return answer.statusCode;
}

const firstChunk = 'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}\n\n';

function sse(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
}

for (const caller of ['anthropic', 'openai'] as const) {
  test(`${caller} caller: a JSON answer that trickles without end is an upstream_timeout after timeoutMs, and the gateway answers meanwhile`, { timeout: 20_000 }, async () => {
    upstream.answer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":"x","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"');
      // Never silent for long (undici's bodyTimeout bounds silences only), never done.
      upstream.trickle(response, Buffer.alloc(64 * 1024, 0x78), 20);
    });
    const call = ask(caller, 'slow');
    while (upstream.sent === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(await health(), 200, 'other callers are answered while the body trickles');
    const answer = await call;
    assert.equal(answer.statusCode, 504);
    assert.match(errorMessage(caller, await answer.body.json()), new RegExp(`did not finish its answer within ${slowTimeoutMs} ms`));
  });

  test(`${caller} caller: a JSON answer past the size limit is a retryable upstream_error`, { timeout: 60_000 }, async () => {
    upstream.answer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":"x","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"');
      upstream.writeUntil(response, Buffer.alloc(mebibyte, 0x78), 136 * mebibyte, { end: true });
    });
    const answer = await ask(caller, 'big');
    assert.equal(answer.statusCode, 502);
    assert.match(errorMessage(caller, await answer.body.json()), /answered with a body over 128 MiB/);
  });

  test(`${caller} caller: an error body without end is cut, and the upstream's status still stands`, { timeout: 20_000 }, async () => {
    upstream.answer((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json' });
      response.write('{"error":{"message":"slow down","type":"rate_limit_exceeded","code":"rate_limit_exceeded","padding":"');
      upstream.trickle(response, Buffer.alloc(16 * 1024, 0x78), 10);
    });
    const answer = await ask(caller, 'big');
    assert.equal(answer.statusCode, 429);
    const body = (await answer.body.json()) as Record<string, unknown>;
    assert.ok(caller === 'anthropic' ? body.type === 'error' : body.error !== undefined);
  });

  test(`${caller} caller: a stream longer than timeoutMs, never silent for long, runs to its end`, { timeout: 20_000 }, async () => {
    const frames = 15;
    upstream.answer((_request, response) => {
      sse(response);
      let sent = 0;
      const timer = setInterval(() => {
        sent += 1;
        if (sent < frames) return void response.write(`data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"${sent} "},"finish_reason":null}]}\n\n`);
        clearInterval(timer);
        response.end('data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
      }, (slowTimeoutMs * 2) / frames);
      response.on('close', () => clearInterval(timer));
    });
    const answer = await ask(caller, 'slow', { stream: true });
    assert.equal(answer.statusCode, 200);
    const text = await answer.body.text();
    assert.ok(text.includes('14 '), 'the last content came');
    assert.ok(caller === 'anthropic' ? text.includes('message_stop') : text.includes('"finish_reason":"stop"'), text.slice(-300));
    assert.ok(!text.includes('error'), text.slice(-300));
  });
}

const streamCases = [
  { name: 'anthropic caller (parsed stream)', caller: 'anthropic' as const, includeUsage: false },
  { name: 'openai caller (relayed stream)', caller: 'openai' as const, includeUsage: true },
  { name: 'openai caller (relayed stream holding frames back)', caller: 'openai' as const, includeUsage: false },
];

for (const { name, caller, includeUsage } of streamCases) {
  test(`${name}: an SSE line that never ends fails the stream in-band once past the frame limit`, { timeout: 60_000 }, async () => {
    upstream.answer((_request, response) => {
      sse(response);
      response.write(firstChunk);
      response.write('data: ');
      upstream.writeUntil(response, Buffer.alloc(mebibyte, 0x61), 80 * mebibyte);
    });
    const answer = await ask(caller, 'big', { stream: true, includeUsage });
    assert.equal(answer.statusCode, 200);
    const { tail } = await readTail(answer.body);
    assert.match(tail, /error/);
    assert.match(tail, /stream event over 64 MiB/);
    assert.ok(upstream.sent < 80 * mebibyte, `the gateway stopped reading (${upstream.sent} bytes sent)`);
  });
}

for (const includeUsage of [true, false]) {
  test(`openai caller${includeUsage ? '' : ' (frames held back)'}: keep-alive comments and no event fail the stream before its first byte`, { timeout: 60_000 }, async () => {
    const comment = ': keep-alive\n\n';
    upstream.answer((_request, response) => {
      sse(response);
      upstream.writeUntil(response, Buffer.from(comment.repeat(Math.floor(mebibyte / comment.length))), 80 * mebibyte);
    });
    const answer = await ask('openai', 'big', { stream: true, includeUsage });
    assert.equal(answer.statusCode, 502);
    assert.match(errorMessage('openai', await answer.body.json()), /sent over 64 MiB of its stream without an event/);
  });
}

test('an AWS event-stream message claiming 4 GiB fails at its prelude', { timeout: 20_000 }, async () => {
  upstream.answer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    response.write(Buffer.from([0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 0, 0, 0, 0, 0]));
    upstream.writeUntil(response, Buffer.alloc(256 * 1024, 0x61), 8 * mebibyte);
  });
  const answer = await ask('openai', 'claude', { stream: true });
  assert.equal(answer.statusCode, 502);
  assert.match(errorMessage('openai', await answer.body.json()), /claims 4294967280 bytes, more than the 64 MiB/);
  assert.equal(await health(), 200);
});
