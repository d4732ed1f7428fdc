/**
 * Ollama callers send images as bare base64, with no media type (the official `ollama` SDK is the
 * caller here). The gateway labels each by its data: a BMP is a BMP, not a PNG. Claude reads JPEG,
 * PNG, GIF and WebP only, and the gateway has no BMP converter, so such an image is refused before
 * anything is sent, in Ollama's error shape, naming the image and its format; an Ollama upstream,
 * whose server reads the bytes itself, still gets it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { anthropicImagesOf } from './support/anthropic-images.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    an: { dialect: 'anthropic', baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
    ol: { dialect: 'ollama', baseUrl },
  },
  models: { claude: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }], llava: [{ provider: 'ol', model: 'qwen3:8b' }] },
}));

/** A one-pixel 24-bit BMP: a 14-byte file header ("BM", size, pixel offset), a 40-byte info header, one padded pixel. */
function bmp(): string {
  const file = Buffer.alloc(58);
  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(58, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(1, 18);
  file.writeInt32LE(1, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(4, 34);
  file.set([0x00, 0x00, 0xff], 54);
  return file.toString('base64');
}
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function client(): Ollama {
  return new Ollama({ host: setup.url });
}

test('a BMP for Claude is refused before it is sent, naming the image and its format', async () => {
  await assert.rejects(
    client().chat({ model: 'claude', messages: [{ role: 'user', content: 'What is this?', images: [png, bmp()] }] }),
    (error: Error & { status_code?: number }) => {
      assert.equal(error.name, 'ResponseError');
      assert.equal(error.status_code, 400);
      assert.match(error.message, /^Image 2 of the request .* is a BMP image \(image\/bmp\), which this model's upstream does not read; it reads JPEG, PNG, GIF, WebP\./);
      return true;
    },
  );
  assert.equal(setup.upstream.requests.length, 0);
});

test('a PNG reaches Claude labelled image/png', async () => {
  setup.upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  await client().chat({ model: 'claude', messages: [{ role: 'user', content: 'What is this?', images: [png] }] });
  assert.deepEqual(anthropicImagesOf(setup.upstream.requests[0]?.body).map(({ mediaType }) => mediaType), ['image/png']);
});

test('a BMP still reaches an Ollama upstream, as the same base64', async () => {
  setup.upstream.enqueue(upstreamScenarios.ollama.text.reply);
  const data = bmp();
  await client().chat({ model: 'llava', messages: [{ role: 'user', content: 'What is this?', images: [data] }] });
  const body = setup.upstream.requests[0]?.body as { messages: Array<{ images?: string[] }> };
  assert.deepEqual(body.messages[0]?.images, [data]);
});
