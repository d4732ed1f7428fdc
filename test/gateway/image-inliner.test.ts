import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ImageInliner, isBlockedAddress } from '../../src/gateway/image-inliner.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { ImagePart } from '../../src/interlingua/content.js';
import { InterlinguaError } from '../../src/interlingua/error.js';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
let server: Server;
let base: string;

before(async () => {
  server = createServer((request, response) => {
    switch (request.url) {
      case '/pixel.png':
        response.writeHead(200, { 'content-type': 'image/png' });
        return response.end(png);
      case '/unlabelled':
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        return response.end(png);
      case '/page.html':
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end('<html></html>');
      case '/big.png':
        response.writeHead(200, { 'content-type': 'image/png' });
        return response.end(Buffer.alloc(4096));
      case '/moved':
        response.writeHead(302, { location: '/pixel.png' });
        return response.end();
      default:
        response.writeHead(404);
        return response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function requestWith(...images: ImagePart[]): ChatRequest {
  return { model: 'm', system: [], messages: [{ role: 'user', content: images }], sampling: {}, stream: false };
}

async function inlineOne(inliner: ImageInliner, image: ImagePart, target = 'gemini') {
  const result = await inliner.inline(requestWith(image), target, new Map());
  const message = result.messages[0];
  assert.ok(message?.role === 'user');
  return message.content[0] as ImagePart;
}

const open = () => new ImageInliner({ maxBytes: 1024, timeoutMs: 2000, allowPrivateNetworks: true });

test('an image URL becomes inline base64 with its media type; redirects are followed; unlabelled bytes are sniffed', async () => {
  const inliner = open();
  for (const path of ['/pixel.png', '/moved', '/unlabelled']) {
    const part = await inlineOne(inliner, { type: 'image', source: { kind: 'url', url: base + path } });
    assert.deepEqual(part.source, { kind: 'base64', mediaType: 'image/png', data: png.toString('base64') }, path);
  }
  await inliner.close();
});

test('oversized, non-image and missing resources are clear invalid_request errors', async () => {
  const inliner = open();
  for (const [path, reason] of [['/big.png', /larger than images.maxBytes/], ['/page.html', /not an image/], ['/gone', /HTTP 404/]] as const) {
    await assert.rejects(
      inlineOne(inliner, { type: 'image', source: { kind: 'url', url: base + path } }),
      (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && reason.test(error.message),
    );
  }
  await inliner.close();
});

test('loopback and private addresses are refused unless configured', async () => {
  const guarded = new ImageInliner({ maxBytes: 1024, timeoutMs: 2000, allowPrivateNetworks: false });
  await assert.rejects(inlineOne(guarded, { type: 'image', source: { kind: 'url', url: `${base}/pixel.png` } }), /private or loopback/);
  await assert.rejects(inlineOne(guarded, { type: 'image', source: { kind: 'url', url: 'http://localhost:9/x.png' } }), /private address/);
  await assert.rejects(inlineOne(guarded, { type: 'image', source: { kind: 'url', url: 'file:///etc/passwd' } }), /only http\(s\)/);
  await guarded.close();
  for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1']) {
    assert.ok(isBlockedAddress(address), address);
  }
  for (const address of ['8.8.8.8', '2606:4700::1111']) assert.ok(!isBlockedAddress(address), address);
});

test('a part carrying the target dialect’s own data (a Gemini fileData URI) is left for that dialect', async () => {
  const inliner = open();
  const fileData: ImagePart = { type: 'image', source: { kind: 'url', url: 'gs://bucket/cat.png' }, vendor: { gemini: { fileMimeType: 'image/png' } } };
  assert.deepEqual(await inlineOne(inliner, fileData, 'gemini'), fileData);
  await assert.rejects(inlineOne(inliner, fileData, 'other-dialect'), /only http\(s\)/);
  await inliner.close();
});
