/**
 * An error a caller reads names the provider by its configured name, never the upstream's URL,
 * host or port (they map the internal network); the log line keeps the URL for the operator.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { request as undiciRequest } from 'undici';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { createJsonLogger } from '../../src/gateway/logger.js';
import { ImageInliner } from '../../src/gateway/image-inliner.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureText } from '../support/fixtures.js';
import { closedPort } from '../support/closed-port.js';

let port: number;
let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;
const logLines: Array<Record<string, unknown>> = [];

before(async () => {
  port = await closedPort();
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      'backend-down': { dialect: 'openai-chat', baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-test' },
      'backend-slow': { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', timeoutMs: 300 },
      'backend-cut': { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' },
      'hub-down': { dialect: 'chathub', baseUrl: `grpc://127.0.0.1:${port}`, timeoutMs: 2_000 },
      'bots-down': { dialect: 'onebot', baseUrl: `ws://127.0.0.1:${port}/onebot`, timeoutMs: 2_000 },
    },
    models: {
      down: [{ provider: 'backend-down', model: 'gpt-4o' }],
      slow: [{ provider: 'backend-slow', model: 'claude-sonnet-4-20250514' }],
      cut: [{ provider: 'backend-cut', model: 'gpt-4o' }],
      hub: [{ provider: 'hub-down', model: 'chatglm3-6b' }],
      bots: [{ provider: 'bots-down', model: 'bot' }],
    },
    retry: { attempts: 0 },
    routing: { cooldown: false },
  });
  const logger = createJsonLogger((line) => logLines.push(JSON.parse(line) as Record<string, unknown>), { level: 'warn' });
  gateway = createGateway(config, { logger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await upstream.stop();
});

async function post(path: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await undiciRequest(`${gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.statusCode, text: await response.body.text() };
}

function assertNoAddress(text: string, where: string): void {
  for (const secret of ['127.0.0.1', String(port), upstream.baseUrl, String(new URL(upstream.baseUrl).port), 'http://', 'grpc://', 'ws://']) {
    assert.ok(!text.includes(secret), `${where} shows "${secret}": ${text}`);
  }
}

/** The last log line about a failure, with the URL the caller was not told. */
function loggedFailure(message: string): Record<string, unknown> {
  const line = logLines.findLast((entry) => entry['message'] === message);
  assert.ok(line !== undefined, `a "${message}" line was logged`);
  return line;
}

const openaiChat = (model: string, stream = false) => ({ model, stream, messages: [{ role: 'user', content: 'hi' }] });

test('a refused connection names the provider in the caller’s dialect; the log has the URL', async () => {
  const openai = await post('/v1/chat/completions', openaiChat('down'));
  assert.equal(openai.status, 502);
  assert.match((JSON.parse(openai.text) as { error: { message: string } }).error.message, /Could not reach backend-down: the connection was refused \(ECONNREFUSED\)/);
  assertNoAddress(openai.text, 'the OpenAI error');
  const anthropic = await post('/v1/messages', { model: 'down', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(anthropic.status, 502);
  assert.match(anthropic.text, /backend-down/);
  assertNoAddress(anthropic.text, 'the Anthropic error');
  const gemini = await post('/v1beta/models/down:generateContent', { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
  assert.equal(gemini.status, 502);
  assert.match(gemini.text, /backend-down/);
  assertNoAddress(gemini.text, 'the Gemini error');
  const logged = loggedFailure('request failed');
  assert.equal(logged['upstreamUrl'], `http://127.0.0.1:${port}/v1/chat/completions`);
  assert.match(String(logged['cause']), new RegExp(`127\\.0\\.0\\.1:${port}`));
});

test('a timeout names the provider, not the URL', { timeout: 10_000 }, async () => {
  upstream.reset();
  upstream.enqueue({ kind: 'hang' });
  const answer = await post('/v1/chat/completions', openaiChat('slow'));
  assert.equal(answer.status, 504);
  assert.match(answer.text, /backend-slow did not answer within 300 ms/);
  assertNoAddress(answer.text, 'the timeout error');
  assert.equal(loggedFailure('request failed')['upstreamUrl'], `${upstream.baseUrl}/v1/messages`);
});

test('a stream cut by the upstream says so in-band without the URL; the log has it', async () => {
  upstream.reset();
  upstream.enqueue({ kind: 'stream', text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse'), cutAfterFrames: 2 });
  const answer = await post('/v1/chat/completions', openaiChat('cut', true));
  assert.equal(answer.status, 200);
  assert.match(answer.text, /broke off/);
  assert.match(answer.text, /backend-cut/);
  assertNoAddress(answer.text, 'the in-band error');
  assert.equal(loggedFailure('stream failed')['upstreamUrl'], `${upstream.baseUrl}/v1/chat/completions`);
});

test('an unreachable ChatHub (gRPC) upstream is named, not dialled address and port', { timeout: 10_000 }, async () => {
  const answer = await post('/v1/chat/completions', openaiChat('hub'));
  assert.ok(answer.status >= 500, answer.text);
  assert.match(answer.text, /hub-down/);
  assertNoAddress(answer.text, 'the ChatHub error');
  const logged = loggedFailure('request failed');
  assert.equal(logged['upstreamUrl'], `grpc://127.0.0.1:${port}`);
});

test('an unreachable OneBot bot application is named, not its WebSocket URL', { timeout: 10_000 }, async () => {
  const answer = await post('/v1/chat/completions', openaiChat('bots'));
  assert.equal(answer.status, 502);
  assert.match(answer.text, /bots-down: the connection was refused/);
  assertNoAddress(answer.text, 'the OneBot error');
  assert.equal(loggedFailure('request failed')['upstreamUrl'], `ws://127.0.0.1:${port}/onebot`);
});

test('an image that cannot be fetched does not tell the caller what its host resolved to', async () => {
  const resolved: Record<string, LookupAddress[]> = { 'images.test': [{ address: '127.0.0.1', family: 4 }], 'inside.test': [{ address: '10.20.30.40', family: 4 }] };
  const lookup = ((hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) =>
    callback(null, resolved[hostname] ?? [])) as unknown as typeof import('node:dns').lookup;
  const settings = { maxBytes: 1024, timeoutMs: 2000, allowPrivateNetworks: false };
  // 127.0.0.1 counts as public here, so the fetch goes as far as the refused connection.
  const inliner = new ImageInliner(settings, { lookup, isBlocked: (address) => address !== '127.0.0.1' });
  const request = (url: string): ChatRequest => ({ model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url } }] }], sampling: {}, stream: false });
  for (const [url, reason, address] of [
    [`http://images.test:${port}/a.png`, /the connection was refused \(ECONNREFUSED\)/, '127.0.0.1'],
    ['http://inside.test/a.png', /private or loopback address/, '10.20.30.40'],
  ] as const) {
    const error = await inliner.inline(request(url), 'gemini', new Map()).then(
      () => assert.fail('inlined'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof InterlinguaError && error.code === 'invalid_request');
    assert.match(error.message, reason);
    assert.ok(!error.message.includes(address), error.message);
    assert.match(error.logFields?.['cause'] ?? '', new RegExp(address.replaceAll('.', '\\.')));
  }
  await inliner.close();
});
