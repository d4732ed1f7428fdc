/**
 * Images larger than Claude takes — a full-page screenshot taller than 8000 px, a photo heavier than
 * 5 MB, the 21st screenshot of a long agent session, past which every image must be within 2000 px —
 * which OpenAI and Gemini callers send as they are, reach Claude scaled to fit, and the caller is
 * told. The test upstream judges dimensions and weight as Anthropic does (anthropic/content-rules.ts).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { imageSize } from 'image-size';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { readFixtureJson } from '../support/fixtures.js';
import { TestUpstream } from '../support/test-upstream.js';
import { anthropicImagesOf } from './support/anthropic-images.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
        aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: upstream.baseUrl, apiKey: 'bedrock-api-key-test' },
      },
      models: {
        claude: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }],
        'claude-converse': [{ provider: 'aws', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }],
        'nova-converse': [{ provider: 'aws', model: 'us.amazon.nova-pro-v1:0' }],
      },
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

/** A screenshot-like PNG: flat colour with a band, as pages are. */
async function screenshot(width: number, height: number): Promise<string> {
  const band = await sharp({ create: { width, height: Math.max(1, Math.floor(height / 10)), channels: 3, background: '#204080' } }).png().toBuffer();
  return (await sharp({ create: { width, height, channels: 3, background: '#f4f4f4' } }).composite([{ input: band, top: 0, left: 0 }]).png().toBuffer()).toString('base64');
}

/** A photo-like JPEG that does not compress: noise. */
async function noisyPhoto(width: number, height: number): Promise<string> {
  return (await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).jpeg({ quality: 100 }).toBuffer()).toString('base64');
}

/** An OpenAI caller's user turn: a question and images as data URLs. */
function askAbout(text: string, images: Array<{ mediaType: string; data: string }>): OpenAI.ChatCompletionMessageParam[] {
  return [{ role: 'user', content: [{ type: 'text', text }, ...images.map(({ mediaType, data }) => ({ type: 'image_url' as const, image_url: { url: `data:${mediaType};base64,${data}` } }))] }];
}

/** The base64 images the upstream received, in order, tool results included. */
function receivedImages(): Array<{ mediaType: string; data: string }> {
  return anthropicImagesOf(upstream.requests[0]?.body);
}

/** The image.size warnings of an answer, grouped as the header groups them (the same message once, with a count). */
function sizeWarnings(headers: Headers): Array<{ message: string; count?: number }> {
  return (JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string; count?: number }>)
    .filter((warning) => warning.feature === 'image.size')
    .map(({ message, count }) => (count === undefined ? { message } : { message, count }));
}

test("an OpenAI caller's full-page screenshot taller than 8000 px and a photo over 5 MB reach Claude scaled to fit", async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('anthropic/response-text.json') });
  const [page, photo] = await Promise.all([screenshot(1440, 8570), noisyPhoto(2600, 2600)]);
  assert.ok(photo.length > 5 * 1024 * 1024, `the photo's base64 is ${photo.length} characters`);
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'claude', messages: askAbout('Compare these.', [{ mediaType: 'image/png', data: page }, { mediaType: 'image/jpeg', data: photo }]) })
    .withResponse();
  const [sentPage, sentPhoto] = receivedImages();
  assert.equal(sentPage?.mediaType, 'image/png');
  assert.deepEqual(imageSize(Buffer.from(sentPage?.data ?? '', 'base64')).height, 8000);
  assert.equal(sentPhoto?.mediaType, 'image/jpeg');
  assert.ok((sentPhoto?.data.length ?? Infinity) <= 5 * 1024 * 1024);
  const warnings = sizeWarnings(response.headers);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]?.message ?? '', /^An image of 1440×8570 px \(0\.\d MB\) was scaled to 1344×8000 px \(0\.\d MB\): this upstream takes at most 8000 px a side and 5\.0 MB an image\.$/);
});

test('21 screenshots in one conversation, each 2400 px wide: every one reaches Claude within 2000 px, tool results included', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('anthropic/response-text.json') });
  const shot = await screenshot(2400, 1350);
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const image = { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: shot } };
  const { response } = await client.messages
    .create({
      model: 'claude',
      max_tokens: 100,
      tools: [{ name: 'screenshot', input_schema: { type: 'object' } }],
      messages: [
        { role: 'user', content: [...Array.from({ length: 20 }, () => image), { type: 'text', text: 'And one more.' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'screenshot', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: [image] }] },
      ],
    })
    .withResponse();
  const sent = receivedImages();
  assert.equal(sent.length, 21);
  for (const { data } of sent) assert.deepEqual(imageSize(Buffer.from(data, 'base64')), { width: 2000, height: 1125, type: 'png' });
  const [warning, ...others] = sizeWarnings(response.headers);
  assert.deepEqual(others, []);
  assert.equal(warning?.count, 21);
  assert.match(warning?.message ?? '', /^An image of 2400×1350 px .* was scaled to 2000×1125 px .*: this upstream takes at most 2000 px a side when a request holds more than 20 images and 5\.0 MB an image\.$/);
});

test('Claude on Bedrock Converse takes the same images as on the Messages API; other Converse models get theirs as they came', async () => {
  const page = await screenshot(1440, 8570);
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const sent: string[] = [];
  for (const model of ['claude-converse', 'nova-converse']) {
    upstream.reset();
    upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
    await client.chat.completions.create({ model, messages: askAbout('What is this?', [{ mediaType: 'image/png', data: page }]) });
    const body = upstream.requests[0]?.body as { messages: Array<{ content: Array<{ image?: { source: { bytes: string } } }> }> };
    sent.push(body.messages[0]?.content.find((block) => block.image !== undefined)?.image?.source.bytes ?? '');
  }
  assert.deepEqual(imageSize(Buffer.from(sent[0] ?? '', 'base64')), { width: 1344, height: 8000, type: 'png' });
  assert.equal(sent[1], page);
});

test('images within the limits, and data that is no image, go as they came', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('anthropic/response-text.json') });
  const shot = await screenshot(1200, 800);
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'claude', messages: askAbout('What are these?', [{ mediaType: 'image/png', data: shot }, { mediaType: 'image/png', data: 'AAAA' }]) })
    .withResponse();
  assert.deepEqual(receivedImages().map(({ data }) => data), [shot, 'AAAA']);
  assert.deepEqual(sizeWarnings(response.headers), []);
});
