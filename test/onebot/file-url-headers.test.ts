/**
 * `get_file` with `type: url` may answer a URL together with `headers` that must be sent to fetch
 * it (https://12.onebot.dev/interface/file/actions/; the response's fields as walle-core types them,
 * github.com/onebot-walle/walle-core, src/structs.rs). No model vendor could send them, so the
 * gateway fetches such a URL itself, with those headers and none of its own secrets, and the model
 * gets the image's bytes. A URL without headers is still handed on as a URL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bot, queueVisionAnswer, startBridge, token } from './support/bridge-setup.js';
import { image, privateMessage, text } from './support/test-implementation.js';
import { within } from '../support/within.js';

/** 64 bytes that start like a PNG. */
const png = Buffer.alloc(64, 3);
Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);

/** The implementation's file server: the image only to a request carrying its ticket. */
async function fileServer(): Promise<{ url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    if (request.headers['x-file-ticket'] !== 'ticket-7') {
      response.writeHead(403).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/star.png`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Body = { messages: Array<{ content: Array<Record<string, unknown>> }> };

test('an image URL that get_file gives with headers is fetched with them, and only them, and reaches the model inline', { timeout: 20_000 }, async () => {
  const files = await fileServer();
  const setup = await startBridge('forward-ws', {}, { replyMode: 'whole' });
  try {
    const { implementation, upstream } = setup;
    queueVisionAnswer(upstream, 2);
    implementation.files.set('f-1', { name: 'star.png', url: files.url, headers: { 'X-File-Ticket': 'ticket-7' } });
    implementation.files.set('f-2', { name: 'open.png', url: 'https://images.example/open.png' });
    await implementation.push(privateMessage(implementation, bot, 'p-1', 'carol', [text('what is this?'), image('f-1')]));
    await within(implementation.waitForActions('send_message', 1), 10_000, 'an answer about the image');
    const parts = (upstream.requests[0]?.body as Body).messages.at(-1)?.content ?? [];
    assert.deepEqual(parts[1], { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png.toString('base64') } });
    assert.equal(files.seen.length, 1);
    assert.equal(files.seen[0]?.['x-file-ticket'], 'ticket-7');
    assert.equal(files.seen[0]?.authorization, undefined, 'the access token is not sent to the file URL');
    assert.ok(!JSON.stringify(files.seen[0]).includes(token), 'nothing of the gateway\'s secrets');

    await implementation.push(privateMessage(implementation, bot, 'p-2', 'carol', [text('and this?'), image('f-2')]));
    await within(implementation.waitForActions('send_message', 2), 10_000, 'an answer about the second image');
    const second = (upstream.requests[1]?.body as Body).messages.at(-1)?.content ?? [];
    assert.deepEqual(second[1], { type: 'image', source: { type: 'url', url: 'https://images.example/open.png' } }, 'a URL without headers goes on as a URL');
    assert.equal(files.seen.length, 1);
  } finally {
    await setup.close();
    await files.close();
  }
});

test('a URL that needs headers and cannot be fetched stays a placeholder, not a URL the vendor would fail on', { timeout: 20_000 }, async () => {
  const files = await fileServer();
  const setup = await startBridge('forward-ws', {}, { replyMode: 'whole' });
  try {
    const { implementation, upstream } = setup;
    queueVisionAnswer(upstream);
    implementation.files.set('f-1', { name: 'star.png', url: files.url, headers: { 'X-File-Ticket': 'expired' } });
    await implementation.push(privateMessage(implementation, bot, 'p-1', 'carol', [text('what is this?'), image('f-1')]));
    await within(implementation.waitForActions('send_message', 1), 10_000, 'an answer');
    const parts = (upstream.requests[0]?.body as Body).messages.at(-1)?.content ?? [];
    assert.deepEqual(parts, [{ type: 'text', text: 'what is this? [image]' }]);
  } finally {
    await setup.close();
    await files.close();
  }
});
