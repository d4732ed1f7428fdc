/**
 * Requests Node's HTTP parser cannot read. One whose body framing breaks after its route is known
 * is refused in the caller's own dialect (a 400 with that vendor's error body, `Connection:
 * close`), not with Node's bodiless default; one that is not a request at all keeps Node's plain
 * answer (https://nodejs.org/api/http.html#event-clienterror). Each connection gets one answer,
 * and the gateway serves on.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { recordingLogger } from '../support/recording-logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureText } from '../support/fixtures.js';
import { parseRawAnswer as parseAnswer, rawExchange } from '../support/raw-http-exchange.js';

const logger = recordingLogger();
let upstream: TestUpstream;
let gateway: Gateway;
let port: number;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
  });
  gateway = createGateway(config, { logger });
  port = (await gateway.listen(0, '127.0.0.1')).port;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});

/** Sends `parts` to the gateway over one raw connection (raw-http-exchange.ts). */
function exchange(parts: string[], gapMs = 0): Promise<string> {
  return rawExchange(port, parts, gapMs);
}

const badChunk = '5\r\n{"mod\r\nZZ\r\n';

async function settled(): Promise<void> {
  for (let waited = 0; gateway.services.inFlight.size > 0 && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}

test('a broken chunk size in an Anthropic request is refused with a 400 in the Anthropic shape', async () => {
  const head = 'POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
  // The head first, so the handler is already waiting for the body when its framing breaks.
  const answer = parseAnswer(await exchange([head, badChunk], 100));
  assert.equal(answer.answers, 1);
  assert.equal(answer.status, 400);
  assert.equal(answer.headers.connection, 'close');
  assert.equal(answer.headers['content-type'], 'application/json');
  const body = JSON.parse(answer.body) as { type: string; error: { type: string; message: string } };
  assert.equal(body.type, 'error');
  assert.equal(body.error.type, 'invalid_request_error');
  assert.match(body.error.message, /not valid HTTP\/1\.1 \(Invalid character in chunk size\)/);
  // The handler that was reading the body saw the refusal: it ended, and its failure was logged as the caller's.
  await settled();
  assert.equal(gateway.services.inFlight.size, 0);
  assert.ok(logger.lines.some((line) => line.message === 'request failed' && line.fields.caller === 'anthropic' && line.fields.status === 400));
});

test('a broken chunk size in an OpenAI request is refused with a 400 in the OpenAI shape', async () => {
  const head = 'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
  const answer = parseAnswer(await exchange([head + badChunk]));
  assert.equal(answer.answers, 1);
  assert.equal(answer.status, 400);
  assert.equal(answer.headers.connection, 'close');
  const body = JSON.parse(answer.body) as { error: { type: string; message: string } };
  assert.equal(body.error.type, 'invalid_request_error');
  assert.match(body.error.message, /Invalid character in chunk size/);
  await settled();
  assert.equal(gateway.services.inFlight.size, 0);
});

test('a broken chunk size in a Gemini request is refused with a 400 in the Gemini shape', async () => {
  const head = 'POST /v1beta/models/chat:generateContent HTTP/1.1\r\nHost: x\r\nx-goog-api-key: k\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
  const answer = parseAnswer(await exchange([head + badChunk]));
  assert.equal(answer.status, 400);
  const body = JSON.parse(answer.body) as { error: { code: number; status: string; message: string } };
  assert.equal(body.error.code, 400);
  assert.equal(body.error.status, 'INVALID_ARGUMENT');
});

test('a request line that is not HTTP keeps Node\'s plain 400', async () => {
  assert.equal(await exchange(['GARBAGE\r\n\r\n']), 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
});

test('headers over the size limit keep Node\'s plain 431', async () => {
  const answer = await exchange([`GET /health HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`]);
  assert.equal(answer, 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n');
});

test('garbage after an answered request gets Node\'s plain 400 of its own', async () => {
  const text = await exchange(['GET /health HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n']);
  assert.match(text, /^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\n\{"status":"ok"\}HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n\r\n$/);
});

test('garbage pipelined behind a request still streaming: its answer goes out whole, alone, then the connection closes', async () => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  upstream.enqueue({ kind: 'stream', text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse'), pauseAfterFrames: 1, resume: held });
  const body = JSON.stringify({ model: 'chat', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  const first = `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const received = exchange([first, 'GARBAGE\r\n\r\n'], 300);
  setTimeout(release, 600);
  const answer = parseAnswer(await received);
  assert.equal(answer.answers, 1);
  assert.equal(answer.status, 200);
  assert.match(answer.body, /data: \[DONE\]/);
  assert.doesNotMatch(answer.body, /400 Bad Request/);
});

test('the gateway serves the next request', async () => {
  const answer = parseAnswer(await exchange(['GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']));
  assert.equal(answer.status, 200);
  assert.equal(gateway.services.inFlight.size, 0);
});
