/**
 * An image URL that `get_file` answers with `headers` is fetched by the gateway (file-url-fetch.ts).
 * When the link the turn answers on closes meanwhile, no answer of the turn can reach the
 * implementation any more: the fetch is given up at once, rather than held open against the
 * implementation's file server until the image timeout (15 s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageImageReader, defaultImageLimits } from '../../src/onebot/model-as-bot/message-images.js';
import type { OnebotLink } from '../../src/onebot/links/onebot-link.js';
import { within } from '../support/within.js';

test('a header-bound image fetch stops when the link closes', { timeout: 20_000 }, async () => {
  let arrived!: (request: IncomingMessage) => void;
  const requestArrived = new Promise<IncomingMessage>((resolve) => (arrived = resolve));
  // The file server answers its headers and then holds the body, as a slow one would.
  const files = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': 1_000_000 });
    response.write(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    arrived(request);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(files.address() as AddressInfo).port}/files/star.png`;
  const linkClosed = new AbortController();
  const link: OnebotLink = {
    description: 'test link',
    call: async () => ({ status: 'ok', retcode: 0, data: { name: 'star.png', url, headers: { 'X-File-Ticket': 'ticket-7' } }, message: '' }),
    closed: linkClosed.signal,
  };
  try {
    const reader = new MessageImageReader(link, { platform: 'qq', user_id: 'bot' }, defaultImageLimits);
    const read = reader.read({ type: 'image', data: { file_id: 'f-1' } });
    const request = await within(requestArrived, 5_000, 'the file server asked');
    const requestClosed = new Promise<void>((resolve) => request.socket.once('close', () => resolve()));
    linkClosed.abort();
    assert.equal(await within(read, 2_000, 'the read given up with the link'), undefined);
    await within(requestClosed, 2_000, 'the file request closed');
  } finally {
    files.closeAllConnections();
    await new Promise<void>((resolve) => files.close(() => resolve()));
  }
});
