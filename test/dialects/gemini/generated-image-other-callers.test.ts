/**
 * An image a Gemini image model drew (an `inlineData` answer part, https://ai.google.dev/api/caching#Part)
 * has no place in an Ollama `/api/chat` answer, whose `images` are the pictures a caller's message
 * sends a vision model (Ollama's API docs, "Chat request (with images)":
 * https://ollama.apidog.io/chat-request-with-images-14808934e0), nor in a Chat Completions message
 * (`content`, `refusal`, `tool_calls`, `annotations`, `audio`: `ChatCompletionMessage` in
 * node_modules/openai/resources/chat/completions/completions.d.ts). Such a caller is told it was
 * left out, whole (`x-interlingua-warnings`) and streamed (the log's translation warnings), even when
 * the answer is a cached one replayed; test/gateway/generated-output.test.ts covers the live answers
 * of Chat Completions and Anthropic callers.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { createJsonLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';

const gemini = new TestUpstream();
const logLines: string[] = [];
let gateway: Gateway;
let url: string;

before(async () => {
  await gemini.start();
  const config = resolveConfig({
    providers: { ge: { dialect: 'gemini', baseUrl: gemini.baseUrl, apiKey: 'gemini-test-key' } },
    models: { painter: [{ provider: 'ge', model: 'gemini-2.5-flash-image' }] },
    cache: { ttlSeconds: 60 },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: createJsonLogger((line) => logLines.push(line)) });
  url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await gemini.stop();
});
beforeEach(() => {
  gemini.reset();
  logLines.length = 0;
});

/** A 1×1 PNG. */
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const parts = [{ text: 'Here is a red square:' }, { inlineData: { mimeType: 'image/png', data: png } }, { text: 'Anything else?' }];
const whole = { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 1300, totalTokenCount: 1305 } };

const callers = [
  { caller: 'ollama', path: '/api/chat', body: (prompt: string) => ({ model: 'painter', messages: [{ role: 'user', content: prompt }] }) },
  { caller: 'openai-chat', path: '/v1/chat/completions', body: (prompt: string) => ({ model: 'painter', messages: [{ role: 'user', content: prompt }] }) },
] as const;

async function post(path: string, body: object): Promise<Response> {
  return fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function streamedWarningFeatures(): string[] {
  return logLines
    .map((line) => JSON.parse(line) as { message: string; streamed?: boolean; warnings?: Array<{ feature: string }> })
    .filter((line) => line.message === 'translation warnings' && line.streamed === true)
    .flatMap((line) => line.warnings?.map((warning) => warning.feature) ?? []);
}

for (const { caller, path, body } of callers) {
  test(`${caller}: the image left out is reported, whole and in a cached answer replayed as a stream`, async () => {
    gemini.enqueue({ kind: 'json', body: whole });
    const prompt = `Draw a red square for ${caller}`;
    const answered = await post(path, { ...body(prompt), stream: false });
    assert.equal(answered.status, 200);
    const features = (JSON.parse(answered.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
    assert.ok(features.includes('output.image'), `output.image in ${features.join(', ')}`);
    assert.match(await answered.text(), /Anything else\?/);

    const replayed = await post(path, { ...body(prompt), stream: true });
    assert.equal(replayed.headers.get('x-interlingua-cache'), 'hit');
    assert.match(await replayed.text(), /Anything else\?/);
    assert.ok(streamedWarningFeatures().includes('output.image'), JSON.stringify(logLines));
    assert.equal(gemini.requests.length, 1);
  });
}
