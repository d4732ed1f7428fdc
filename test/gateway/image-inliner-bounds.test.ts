/**
 * What one request may make the image inliner do: how many URLs it fetches, how many bytes it
 * holds, how many fetches run at once, and how long a body may trickle. Each bound is refused as
 * a 400 in the caller's own dialect, naming the setting, and nothing is fetched beyond it.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { ImageInliner } from '../../src/gateway/image-inliner.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { ImagePart } from '../../src/interlingua/content.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import { TestUpstream } from '../support/test-upstream.js';

const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A valid PNG padded to `size` bytes, its last byte telling images apart. */
function pngOf(size: number, mark: number): Buffer {
  const bytes = Buffer.alloc(Math.max(size, pixel.length + 1));
  pixel.copy(bytes);
  bytes[bytes.length - 1] = mark;
  return bytes;
}

/** What the image server saw: every request by path, and how many were open at once. */
const seen = { paths: [] as string[], open: 0, mostOpen: 0 };
/** `/held/*` answers wait here until the test releases them. */
let held: Array<() => void> = [];
let onHeld: (() => void) | undefined;
let imageServer: Server;
let images: string;

before(async () => {
  imageServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://images.test');
    seen.paths.push(url.pathname);
    seen.open++;
    seen.mostOpen = Math.max(seen.mostOpen, seen.open);
    response.on('close', () => seen.open--);
    const size = Number(url.searchParams.get('size') ?? '100');
    const mark = Number(url.searchParams.get('mark') ?? '0');
    if (url.pathname.startsWith('/img/')) return sendPng(response, pngOf(size, mark));
    if (url.pathname.startsWith('/held/')) {
      held.push(() => sendPng(response, pngOf(size, mark)));
      return onHeld?.();
    }
    if (url.pathname === '/trickle.png') {
      // Headers at once, then a little of the body every 20 ms, never finishing.
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write(pixel.subarray(0, 16));
      const timer = setInterval(() => response.write(Buffer.alloc(16)), 20);
      return response.on('close', () => clearInterval(timer));
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  images = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
});
after(() => {
  imageServer.closeAllConnections();
  return new Promise<void>((resolve) => imageServer.close(() => resolve()));
});
beforeEach(() => {
  seen.paths = [];
  seen.mostOpen = 0;
  held = [];
  onHeld = undefined;
});

function sendPng(response: ServerResponse, bytes: Buffer): void {
  response.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length });
  response.end(bytes);
}

function requestWith(urls: string[]): ChatRequest {
  return { model: 'm', system: [], messages: [{ role: 'user', content: urls.map((url): ImagePart => ({ type: 'image', source: { kind: 'url', url } })) }], sampling: {}, stream: false };
}

const urlsOf = (count: number, path: string, size = 100) => Array.from({ length: count }, (_, index) => `${images}${path}/${index}.png?size=${size}&mark=${index + 1}`);

// ---- Through the gateway: the caller's own error shape -------------------------------------------

let gemini: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  gemini = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: { ge: { dialect: 'gemini', baseUrl: gemini.baseUrl, apiKey: 'gemini-test-key' } },
      models: { gemini: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
      retry: { attempts: 0 },
      images: { allowPrivateNetworks: true, maxBytes: 1024, timeoutMs: 400, maxImages: 3, maxTotalBytes: 2000 },
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await gemini.stop();
});
beforeEach(() => gemini.reset());

/** One chat request naming `urls`, written as an OpenAI or an Anthropic caller writes it. */
async function askWithImages(caller: 'openai-chat' | 'anthropic', urls: string[]): Promise<{ status: number; body: { type?: string; error?: { type?: string; message?: string } } }> {
  const [path, body] =
    caller === 'openai-chat'
      ? ['/v1/chat/completions', { model: 'gemini', messages: [{ role: 'user', content: [{ type: 'text', text: 'Compare.' }, ...urls.map((url) => ({ type: 'image_url', image_url: { url } }))] }] }]
      : ['/v1/messages', { model: 'gemini', max_tokens: 50, messages: [{ role: 'user', content: [...urls.map((url) => ({ type: 'image', source: { type: 'url', url } })), { type: 'text', text: 'Compare.' }] }] }];
  const response = await fetch(`${gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { type?: string; error?: { type?: string; message?: string } } };
}

test('a request naming more image URLs than images.maxImages is a 400 in the caller’s dialect, and nothing is fetched', async () => {
  for (const caller of ['openai-chat', 'anthropic'] as const) {
    seen.paths = [];
    const { status, body } = await askWithImages(caller, urlsOf(4, '/img'));
    assert.equal(status, 400, caller);
    if (caller === 'anthropic') assert.equal(body.type, 'error');
    assert.equal(body.error?.type, 'invalid_request_error', caller);
    assert.match(body.error?.message ?? '', /names 4 image URLs.*at most 3 .*\(images\.maxImages\)/, caller);
    assert.deepEqual(seen.paths, [], `${caller}: no image was fetched`);
  }
  assert.equal(gemini.requests.length, 0, 'the upstream was never asked');
});

test('images larger together than images.maxTotalBytes are a 400 in the caller’s dialect naming the limit', async () => {
  // Three images of 900 bytes: each under images.maxBytes (1024), together over 2000.
  const { status, body } = await askWithImages('anthropic', urlsOf(3, '/img', 900));
  assert.equal(status, 400);
  assert.equal(body.type, 'error');
  assert.equal(body.error?.type, 'invalid_request_error');
  assert.match(body.error?.message ?? '', /larger together than the 2000 bytes .*\(images\.maxTotalBytes\); the image http:\/\/127\.0\.0\.1:\d+\/img\/\d\.png/);
  assert.equal(gemini.requests.length, 0);
});

test('an image body trickling past images.timeoutMs is a 400 naming the image and the timeout, not a 500', async () => {
  for (const caller of ['openai-chat', 'anthropic'] as const) {
    const { status, body } = await askWithImages(caller, [`${images}/trickle.png`]);
    assert.equal(status, 400, caller);
    assert.equal(body.error?.type, 'invalid_request_error', caller);
    assert.equal(
      body.error?.message,
      `The image ${images}/trickle.png could not be inlined for this model: it did not send the whole image within images.timeoutMs (400 ms).`,
      caller,
    );
  }
  assert.equal(gemini.requests.length, 0);
});

// ---- The inliner alone: the budget, and fetches at once --------------------------------------------

const inlinerWith = (limits: { maxImages?: number; maxTotalBytes?: number }) =>
  new ImageInliner({ maxBytes: 1024, timeoutMs: 5000, allowPrivateNetworks: true, ...limits });

test('images.maxImages URLs are fetched; one more is refused before any fetch', async () => {
  const inliner = inlinerWith({ maxImages: 3 });
  const inlined = await inliner.inline(requestWith(urlsOf(3, '/img')), 'gemini', new Map());
  assert.equal(seen.paths.length, 3);
  assert.ok(inlined.messages[0]?.role === 'user' && inlined.messages[0].content.every((part) => part.type === 'image' && part.source.kind === 'base64'));
  seen.paths = [];
  await assert.rejects(
    inliner.inline(requestWith(urlsOf(4, '/img')), 'gemini', new Map()),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && /images\.maxImages/.test(error.message),
  );
  assert.deepEqual(seen.paths, []);
  await inliner.close();
});

test('the byte budget stops the fetches once crossed: what fits is inlined, what does not starts no further fetch', async () => {
  const inliner = inlinerWith({ maxTotalBytes: 2000 });
  await inliner.inline(requestWith(urlsOf(2, '/img', 900)), 'gemini', new Map());
  seen.paths = [];
  await assert.rejects(
    inliner.inline(requestWith(urlsOf(8, '/img', 900)), 'gemini', new Map()),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && /\(images\.maxTotalBytes\)/.test(error.message),
  );
  // The third body crosses 2000 bytes: by then at most two fetches had finished, so at most 4 + 2 had begun.
  assert.ok(seen.paths.length <= 6, `${seen.paths.length} of 8 images were fetched`);
  await inliner.close();
});

test('at most four fetches of one request are under way at once, and the images keep the request’s order', async () => {
  const inliner = inlinerWith({});
  const urls = urlsOf(10, '/held');
  const answerHeld = () => {
    for (const answer of held.splice(0).reverse()) answer();
  };
  // Four answers held: a moment for any fifth fetch to show itself, then they are given, last first.
  onHeld = () => {
    if (seen.paths.length === urls.length) return answerHeld();
    if (held.length === 4) setTimeout(answerHeld, 50);
  };
  try {
    const inlined = await inliner.inline(requestWith(urls), 'gemini', new Map());
    assert.equal(seen.mostOpen, 4, 'four at once, never more');
    const message = inlined.messages[0];
    assert.ok(message?.role === 'user');
    const marks = message.content.map((part) => (part.type === 'image' && part.source.kind === 'base64' ? Buffer.from(part.source.data, 'base64').at(-1) : undefined));
    assert.deepEqual(marks, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  } finally {
    await inliner.close();
  }
});
