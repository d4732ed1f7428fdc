/**
 * What a Gemini image model's answer holds beyond text (an `inlineData` image it drew, code it ran)
 * reaches a caller of another dialect where its API has a place for it (a Responses
 * `image_generation_call`), and is reported where it has none: in `x-interlingua-warnings` for a
 * whole answer, in the log's translation warnings for a stream, whose headers are already sent.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { createJsonLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';

const gemini = new TestUpstream();
const logLines: string[] = [];
let gateway: Gateway;
let url: string;

before(async () => {
  await gemini.start();
  const config = resolveConfig({
    providers: { ge: { dialect: 'gemini', baseUrl: gemini.baseUrl, apiKey: 'gemini-test-key' } },
    models: { painter: [{ provider: 'ge', model: 'gemini-2.5-flash-image' }] },
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
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** An answer as Gemini writes one (https://ai.google.dev/api/caching#Part): text, a drawn image, code it ran and its result. */
const parts = [
  { text: 'Here is your cat:' },
  { inlineData: { mimeType: 'image/png', data: png } },
  { executableCode: { language: 'PYTHON', code: 'print(1+1)' } },
  { codeExecutionResult: { outcome: 'OUTCOME_OK', output: '2\n' } },
];
const usageMetadata = { promptTokenCount: 5, candidatesTokenCount: 1290, totalTokenCount: 1295 };
const whole = { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: 'gemini-2.5-flash-image' };
const streamed = [
  { candidates: [{ content: { role: 'model', parts: [parts[0]] }, index: 0 }] },
  { candidates: [{ content: { role: 'model', parts: parts.slice(1) }, finishReason: 'STOP', index: 0 }], usageMetadata },
]
  .map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`)
  .join('');

const callers = [
  { caller: 'openai-chat', path: '/v1/chat/completions', body: { model: 'painter', messages: [{ role: 'user', content: 'Draw a cat' }] } },
  { caller: 'anthropic', path: '/v1/messages', body: { model: 'painter', max_tokens: 2000, messages: [{ role: 'user', content: 'Draw a cat' }] } },
  { caller: 'openai-responses', path: '/v1/responses', body: { model: 'painter', input: 'Draw a cat', store: false } },
] as const;

async function post(path: string, body: object): Promise<Response> {
  return fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function headerFeatures(response: Response): string[] {
  return (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
}

for (const { caller, path, body } of callers) {
  test(`${caller}, whole: the image is carried where the API has a place for it, and everything else is reported`, async () => {
    gemini.enqueue({ kind: 'json', body: whole });
    const response = await post(path, body);
    assert.equal(response.status, 200);
    const features = headerFeatures(response);
    const answer = (await response.json()) as { output?: Array<{ type: string; result?: string; status?: string }> };
    for (const feature of ['output.executableCode', 'output.codeExecutionResult']) assert.ok(features.includes(feature), `${feature} in ${features.join(', ')}`);
    if (caller === 'openai-responses') {
      const image = answer.output?.find((item) => item.type === 'image_generation_call');
      assert.equal(image?.result, png);
      assert.equal(image?.status, 'completed');
      assert.ok(!features.includes('output.image'), 'a carried image is not reported');
    } else {
      assert.ok(features.includes('output.image'), `output.image in ${features.join(', ')}`);
    }
  });

  test(`${caller}, streamed: what the stream cannot carry is in the log's translation warnings`, async () => {
    gemini.enqueue({ kind: 'stream', text: streamed });
    const response = await post(path, { ...body, stream: true });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /Here is your cat/);
    const logged = logLines
      .map((line) => JSON.parse(line) as { message: string; streamed?: boolean; warnings?: Array<{ feature: string }> })
      .find((line) => line.message === 'translation warnings' && line.streamed === true);
    const features = logged?.warnings?.map((warning) => warning.feature) ?? [];
    for (const feature of ['output.executableCode', 'output.codeExecutionResult']) assert.ok(features.includes(feature), `${feature} in ${features.join(', ')}`);
    // A Responses stream carries the image (generated-image-responses.test.ts); others report it.
    assert.equal(features.includes('output.image'), caller !== 'openai-responses', `output.image in ${features.join(', ')}`);
  });
}
