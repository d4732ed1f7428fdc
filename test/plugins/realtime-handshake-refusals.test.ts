/**
 * An opening handshake to /v1/realtime/events with a method other than GET, or a
 * Sec-WebSocket-Version the socket does not speak, is refused with the gateway's JSON error body
 * rather than `ws`'s HTML page. RFC 6455 §4.2.1 (the handshake is a GET), §4.2.2 /version/ and
 * §4.4 (426 with Sec-WebSocket-Version naming the versions understood):
 * https://www.rfc-editor.org/rfc/rfc6455; RFC 9110 §15.5.6 (a 405 carries Allow).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { createRealtimeEvents } from '../../src/plugins/realtime-events.js';
import type { KeyAuthenticator } from '../../src/keys/key-authenticator.js';
import type { PluginService } from '../../src/plugins/plugin-service.js';
import { silentLogger } from '../../src/gateway/logger.js';

let port = 0;

/** Sends `head` raw and returns the whole answer, once the server closes the connection. */
async function rawAnswer(head: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const socket = connect(port, '127.0.0.1');
  socket.write(head);
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await once(socket, 'close');
  const [top = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = top.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

const handshake = (method: string, version: string) =>
  `${method} /v1/realtime/events?conversation=c1 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: ${version}\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${method === 'GET' ? '' : 'Content-Length: 0\r\n'}\r\n`;

test('a bad method or WebSocket version on the events socket gets a JSON refusal', async () => {
  // An open gateway (no key needed) whose results are ready, so only the handshake can be refused.
  const authenticator = { authenticate: async () => undefined } as unknown as KeyAuthenticator;
  const plugins = { backend: { broadcast: { ready: async () => {} } } } as unknown as PluginService;
  const events = createRealtimeEvents(authenticator, plugins, silentLogger);
  const server = createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head: Buffer) => {
    if (!events.handleUpgrade(request, socket, head)) socket.destroy();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  try {
    const badVersion = await rawAnswer(handshake('GET', '99'));
    assert.equal(badVersion.status, 426);
    assert.equal(badVersion.headers['content-type'], 'application/json');
    assert.match(badVersion.headers['sec-websocket-version'] ?? '', /\b13\b/);
    assert.equal((JSON.parse(badVersion.body) as { error: { code: string } }).error.code, 'invalid_request');

    const post = await rawAnswer(handshake('POST', '13'));
    assert.equal(post.status, 405);
    assert.equal(post.headers['content-type'], 'application/json');
    assert.equal(post.headers['allow'], 'GET');
    assert.equal((JSON.parse(post.body) as { error: { code: string } }).error.code, 'invalid_request');
  } finally {
    events.close();
    server.close();
  }
});
