/**
 * An image whose data contradicts its label (a PNG screenshot sent as `data:image/jpeg`, which
 * OpenAI takes) reaches Anthropic, which refuses the mismatch, labelled by its data, and a GIF,
 * which Anthropic reads, reaches Gemini, which does not, as a PNG; the caller is told. The test
 * upstreams judge labels and types as those vendors do.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { readFixtureJson } from '../support/fixtures.js';
import { TestUpstream } from '../support/test-upstream.js';
import { anthropicImagesOf } from './support/anthropic-images.js';

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
        ge: { dialect: 'gemini', baseUrl: upstream.baseUrl, apiKey: 'gemini-test-key' },
      },
      models: { claude: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }], gemini: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await upstream.stop();
});
beforeEach(() => upstream.reset());

/** The media types of the images the upstream received, in order, tool results included. */
function receivedMediaTypes(): string[] {
  return anthropicImagesOf(upstream.requests[0]?.body).map(({ mediaType }) => mediaType);
}

test('an OpenAI caller\'s PNG labelled image/jpeg reaches Claude as image/png, and the caller is told', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('anthropic/response-text.json') });
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'claude', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${png}` } }] }] })
    .withResponse();
  assert.deepEqual(receivedMediaTypes(), ['image/png']);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>;
  assert.deepEqual(warnings.filter((warning) => warning.feature === 'image.media_type').map((warning) => warning.message), ['An image declared image/jpeg holds image/png data; it was sent as image/png.']);
});

test('an Anthropic caller\'s mislabelled screenshot in a tool result is relabelled too, rather than refused', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('anthropic/response-text.json') });
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  await client.messages.create({
    model: 'claude',
    max_tokens: 100,
    tools: [{ name: 'screenshot', input_schema: { type: 'object' } }],
    messages: [
      { role: 'user', content: 'Take a screenshot.' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'screenshot', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: png } }] }] },
    ],
  });
  assert.deepEqual(receivedMediaTypes(), ['image/png']);
});

test('an Anthropic caller\'s GIF reaches Gemini, which reads no GIF, as a PNG of its first frame, and the caller is told', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('gemini/fantasy-gemini25flash-simple.response.json') });
  const gif = 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages
    .create({ model: 'gemini', max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/gif', data: gif } }, { type: 'text', text: 'What is this?' }] }] })
    .withResponse();
  const body = upstream.requests[0]?.body as { contents: Array<{ parts: Array<{ inlineData?: { mimeType: string; data: string } }> }> };
  const blob = body.contents[0]?.parts[0]?.inlineData;
  assert.equal(blob?.mimeType, 'image/png');
  assert.equal(Buffer.from(blob?.data ?? '', 'base64').subarray(1, 4).toString('latin1'), 'PNG');
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /reads no GIF images/);
});
