/**
 * An image a Gemini image model draws (an `inlineData` answer part) reaches an `interlingua.v1`
 * caller on @grpc/grpc-js as a `generated_image` with its bytes and media type, in the place it
 * came, whole and streamed; the code the model ran, which the API has no place for, is a warning.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { createGrpcGateway, type GrpcGateway } from '../../src/grpc/grpc-gateway.js';
import { TestUpstream } from '../support/test-upstream.js';
import { collect, interlinguaClient, unary, type InterlinguaClient } from './support/grpc-clients.js';

const gemini = new TestUpstream();
let gateway: Gateway;
let grpcGateway: GrpcGateway;
let client: InterlinguaClient;

before(async () => {
  await gemini.start();
  const config = resolveConfig({
    providers: { ge: { dialect: 'gemini', baseUrl: gemini.baseUrl, apiKey: 'gemini-test-key' } },
    models: { painter: [{ provider: 'ge', model: 'gemini-2.5-flash-image' }] },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  grpcGateway = createGrpcGateway(gateway.services);
  client = interlinguaClient(await grpcGateway.listen(0, '127.0.0.1'));
});
after(async () => {
  client.close();
  await grpcGateway.close(0);
  await gateway.close(0);
  await gemini.stop();
});
beforeEach(() => gemini.reset());

type Json = Record<string, unknown>;

/** Two 1×1 PNGs. */
const red = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const blue = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/**
 * An answer as a Gemini image model writes one: text and `inlineData` image parts
 * (https://ai.google.dev/api/caching#Part; gemini-3.1-flash-image-preview answers so:
 * https://docs.crazyrouter.com/en/chat/gemini/image-gen), and code it ran (`executableCode`,
 * https://ai.google.dev/api/caching#ExecutableCode), which no interlingua.v1 field carries.
 */
const parts = [
  { text: 'A red one:' },
  { inlineData: { mimeType: 'image/png', data: red } },
  { executableCode: { language: 'PYTHON', code: 'print(1)' } },
  { text: 'And a blue one:' },
  { inlineData: { mimeType: 'image/png', data: blue } },
];
const usageMetadata = { promptTokenCount: 5, candidatesTokenCount: 2580, totalTokenCount: 2585 };
const whole = { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: 'gemini-2.5-flash-image' };
/** Each part in a chunk of its own; the last image comes with the finish. */
const streamed = parts
  .map((part, index) => ({ candidates: [{ content: { role: 'model', parts: [part] }, index: 0, ...(index === parts.length - 1 ? { finishReason: 'STOP' } : {}) }], ...(index === parts.length - 1 ? { usageMetadata } : {}) }))
  .map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`)
  .join('');

function colour(data: unknown): string {
  const base64 = Buffer.from(data as Uint8Array).toString('base64');
  return base64 === red ? 'red' : base64 === blue ? 'blue' : base64;
}

const expected = ['text: A red one:', 'image/png: red', 'text: And a blue one:', 'image/png: blue'];

test('Complete: each generated image is a generated_image part with its bytes, in the place it came; the code run is a warning', async () => {
  gemini.enqueue({ kind: 'json', body: whole });
  const response = await unary(client.Complete, client, { model: 'painter', messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Draw two squares' } }] }] });
  const shape = (response.content as Json[]).map((part) => {
    if (part.part === 'text') return `text: ${String((part.text as Json).text)}`;
    if (part.part === 'generated_image') return `${String((part.generated_image as Json).media_type)}: ${colour((part.generated_image as Json).data)}`;
    return String(part.part);
  });
  assert.deepEqual(shape, expected);
  const warnings = response.warnings as Array<{ feature: string }>;
  assert.deepEqual(warnings.map((warning) => warning.feature), ['output.executableCode']);
  // The dialect-neutral list of such output, which the parts and warnings now carry, is not repeated in the vendor fields.
  const vendor = JSON.parse(String(response.vendor_json ?? '{}')) as Record<string, Json>;
  assert.ok(Object.values(vendor).every((fields) => fields.unportedOutput === undefined), String(response.vendor_json));
});

test('Stream: each generated image is a generated_image event between the text blocks; finish tells of the code run', async () => {
  gemini.enqueue({ kind: 'stream', text: streamed });
  const events = await collect(client.Stream({ model: 'painter', messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Draw two squares' } }] }] }));
  const shape: string[] = [];
  for (const event of events) {
    if (event.event === 'text_start') shape.push('text: ');
    if (event.event === 'text_delta') shape[shape.length - 1] += String((event.text_delta as Json).delta);
    if (event.event === 'generated_image') shape.push(`${String((event.generated_image as Json).media_type)}: ${colour((event.generated_image as Json).data)}`);
  }
  assert.deepEqual(shape, expected);
  assert.equal(events.at(-1)?.event, 'finish');
  const finish = events.at(-1)?.finish as { warnings?: Array<{ feature: string }> };
  assert.deepEqual((finish.warnings ?? []).map((warning) => warning.feature), ['output.executableCode']);
});

test('a generated image sent back in an assistant turn is left out of the upstream request, with a warning', async () => {
  gemini.enqueue({ kind: 'json', body: whole });
  const response = await unary(client.Complete, client, {
    model: 'painter',
    messages: [
      { role: 'ROLE_USER', content: [{ text: { text: 'Draw a square' } }] },
      { role: 'ROLE_ASSISTANT', content: [{ text: { text: 'A red one:' } }, { generated_image: { data: Buffer.from(red, 'base64'), media_type: 'image/png' } }] },
      { role: 'ROLE_USER', content: [{ text: { text: 'Another' } }] },
    ],
  });
  assert.ok((response.warnings as Array<{ feature: string }>).some((warning) => warning.feature === 'messages.generated_image'), JSON.stringify(response.warnings));
  const contents = (gemini.requests[0]?.body as { contents: Array<{ role: string; parts: Json[] }> }).contents;
  assert.deepEqual(contents[1]?.parts, [{ text: 'A red one:' }]);
});
