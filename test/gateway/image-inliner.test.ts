import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { ImageInliner } from '../../src/gateway/image-inliner.js';
import { isBlockedAddress } from '../../src/gateway/blocked-addresses.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { ImagePart } from '../../src/interlingua/content.js';
import { InterlinguaError } from '../../src/interlingua/error.js';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
let server: Server;
let base: string;

before(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://test');
    switch (url.pathname) {
      case '/pixel.png':
        response.writeHead(200, { 'content-type': 'image/png' });
        return response.end(png);
      case '/unlabelled':
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        return response.end(png);
      case '/mislabelled.jpg':
        response.writeHead(200, { 'content-type': 'image/jpeg' });
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
      case '/redirect':
        response.writeHead(302, { location: url.searchParams.get('to') ?? '/pixel.png' });
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

test('an image URL becomes inline base64 with its media type; redirects are followed; the bytes say what they are, whatever the label', async () => {
  const inliner = open();
  for (const path of ['/pixel.png', '/moved', '/unlabelled', '/mislabelled.jpg']) {
    const part = await inlineOne(inliner, { type: 'image', source: { kind: 'url', url: base + path } });
    assert.deepEqual(part.source, { kind: 'base64', mediaType: 'image/png', data: png.toString('base64') }, path);
  }
  await inliner.close();
});

test('oversized, non-image and missing resources are clear invalid_request errors', async () => {
  const inliner = open();
  const unparsable = `/redirect?to=${encodeURIComponent('http://[oops/')}`;
  for (const [path, reason] of [['/big.png', /larger than images.maxBytes/], ['/page.html', /not an image/], ['/gone', /HTTP 404/], [unparsable, /redirected to an address that is not a URL/]] as const) {
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
  await assert.rejects(inlineOne(guarded, { type: 'image', source: { kind: 'url', url: 'http://localhost:9/x.png' } }), /private or loopback/);
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
  await inliner.close();
});

test('an image only Gemini can open (gs://, Gemini Files API) is not fetched for another dialect, whose emitter leaves it out', async () => {
  const looked: string[] = [];
  const lookup = ((hostname: string, _options: unknown, callback: (error: Error | null, address: string) => void) => {
    looked.push(hostname);
    callback(new Error('no lookups in this test'), '');
  }) as unknown as typeof import('node:dns').lookup;
  const inliner = new ImageInliner({ maxBytes: 1024, timeoutMs: 2000, allowPrivateNetworks: false }, { lookup });
  for (const url of ['gs://bucket/cat.png', 'https://generativelanguage.googleapis.com/v1beta/files/abc123']) {
    const image: ImagePart = { type: 'image', source: { kind: 'url', url }, vendor: { gemini: { fileMimeType: 'image/png' } } };
    assert.deepEqual(await inlineOne(inliner, image, 'other-dialect'), image);
  }
  assert.deepEqual(looked, []);
  await inliner.close();
});

const refusal = /private or loopback address \(set images.allowPrivateNetworks to allow\)/;

test('every spelling of a private address in a URL is refused before connecting; the URL parser normalises IPv4 forms', async () => {
  const guarded = new ImageInliner({ maxBytes: 1024, timeoutMs: 2000, allowPrivateNetworks: false });
  // What the WHATWG URL parser makes of each host, then the refusal.
  const forms: Array<[string, string]> = [
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://0xa9fea9fe/', '169.254.169.254'],
    ['http://100.64.0.1/', '100.64.0.1'],
    ['http://[::]/', '[::]'],
    ['http://[::1]/', '[::1]'],
    ['http://[::127.0.0.1]/', '[::7f00:1]'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', '[::ffff:7f00:1]'],
    ['http://[::ffff:0:127.0.0.1]/', '[::ffff:0:7f00:1]'],
    ['http://[64:ff9b::7f00:1]/', '[64:ff9b::7f00:1]'],
    ['http://[64:ff9b::169.254.169.254]/', '[64:ff9b::a9fe:a9fe]'],
    ['http://[2002:7f00:1::]/', '[2002:7f00:1::]'],
    ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', '[2001:0:4136:e378:8000:63bf:80ff:fffe]'],
    ['http://[fd00::1]/', '[fd00::1]'],
    ['http://[fe80::1]/', '[fe80::1]'],
    ['http://[fec0::1]/', '[fec0::1]'],
    ['http://[ff02::1]/', '[ff02::1]'],
  ];
  for (const [url, host] of forms) {
    assert.equal(new URL(url).hostname, host, url);
    await assert.rejects(inlineOne(guarded, { type: 'image', source: { kind: 'url', url: `${url}x.png` } }), refusal, url);
  }
  await guarded.close();
});

/** A stand-in DNS: each test name resolves to the addresses given, and nothing leaves the machine. */
const fakeDns: Record<string, LookupAddress[]> = {
  'nat64.test': [{ address: '64:ff9b::7f00:1', family: 6 }],
  'compatible.test': [{ address: '::127.0.0.1', family: 6 }],
  'mapped.test': [{ address: '::ffff:169.254.169.254', family: 6 }],
  'sixtofour.test': [{ address: '2002:a00:1::1', family: 6 }],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
  'mixed.test': [{ address: '8.8.8.8', family: 4 }, { address: '10.0.0.1', family: 4 }],
};
const lookup = ((hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
  const addresses = fakeDns[hostname];
  if (addresses === undefined) return callback(Object.assign(new Error(`${hostname} is not a test name`), { code: 'ENOTFOUND' }), []);
  callback(null, addresses);
}) as unknown as typeof import('node:dns').lookup;

test('a name resolving to any private address, in any spelling, is refused at connect time', async () => {
  const guarded = new ImageInliner({ maxBytes: 1024, timeoutMs: 2000, allowPrivateNetworks: false }, { lookup });
  for (const name of Object.keys(fakeDns)) {
    await assert.rejects(inlineOne(guarded, { type: 'image', source: { kind: 'url', url: `http://${name}:9/x.png` } }), refusal, name);
  }
  await guarded.close();
});

test('a redirect to a private address is refused, however it is written', async () => {
  // 127.0.0.1 stands in for a public host here, so the first hop is fetched and only the redirect target decides.
  const isBlocked = (address: string) => address !== '127.0.0.1' && isBlockedAddress(address);
  const guarded = new ImageInliner({ maxBytes: 1024, timeoutMs: 2000, allowPrivateNetworks: false }, { lookup, isBlocked });
  const port = new URL(base).port;
  const fetchVia = (target: string) =>
    inlineOne(guarded, { type: 'image', source: { kind: 'url', url: `${base}/redirect?to=${encodeURIComponent(target)}` } });
  const allowedHop = await inlineOne(guarded, { type: 'image', source: { kind: 'url', url: `${base}/moved` } });
  assert.equal(allowedHop.source.kind, 'base64', 'the stand-in public host is reachable');
  for (const target of [
    `http://127.0.0.2:${port}/pixel.png`,
    `http://2130706434:${port}/pixel.png`,
    `http://[::ffff:127.0.0.2]:${port}/pixel.png`,
    `http://[::127.0.0.2]:${port}/pixel.png`,
    `http://[64:ff9b::7f00:2]:${port}/pixel.png`,
    `http://169.254.169.254/latest/meta-data/`,
    `http://nat64.test:${port}/pixel.png`,
    `http://mixed.test:${port}/pixel.png`,
  ]) {
    await assert.rejects(fetchVia(target), refusal, target);
  }
  await guarded.close();
});
