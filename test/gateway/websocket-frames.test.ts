/**
 * Broken WebSocket traffic on the gateway's own port: each bad frame closes only the connection
 * that sent it, with the close code RFC 6455 gives (section 7.4.1), and the gateway keeps answering.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { request } from 'undici';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { realtimeEventsPath, realtimeMaxMessageBytes } from '../../src/plugins/realtime-events.js';
import { frame, rawUpgrade, reservedOpcodeFrame } from '../support/raw-websocket.js';
import { recordingLogger } from '../support/recording-logger.js';

const logger = recordingLogger();
let gateway: Gateway;
let port: number;

before(async () => {
  gateway = createGateway(resolveConfig({ providers: {} }), { logger });
  port = (await gateway.listen(0, '127.0.0.1')).port;
});
after(async () => gateway.close(0));

const eventsPath = `${realtimeEventsPath}?conversation=frames-1`;

/** The error reached the gateway's log as a warning (an unhandled one would have ended the process). */
function assertLogged(code: string): void {
  assert.ok(logger.lines.some((line) => line.level === 'warn' && line.fields.code === code), `${code} is logged`);
}

async function assertStillAnswering(): Promise<void> {
  const health = await request(`http://127.0.0.1:${port}/health`);
  assert.equal(health.statusCode, 200);
  await health.body.dump();
}

test('a frame with a reserved opcode closes that connection with 1002 and is logged', { timeout: 10_000 }, async () => {
  const bystander = await rawUpgrade(port, eventsPath);
  const connection = await rawUpgrade(port, eventsPath);
  connection.socket.write(reservedOpcodeFrame());
  assert.equal(await connection.closeCode, 1002);
  await connection.closed;
  await assertStillAnswering();
  assertLogged('WS_ERR_INVALID_OPCODE');
  assert.equal(bystander.socket.destroyed, false, 'other subscribers keep their connection');
  bystander.socket.destroy();
});

test('an unmasked client frame closes that connection with 1002 and is logged', { timeout: 10_000 }, async () => {
  const connection = await rawUpgrade(port, eventsPath);
  connection.socket.write(frame(0x1, Buffer.from('{"type":"cancel"}'), { masked: false }));
  assert.equal(await connection.closeCode, 1002);
  await connection.closed;
  assertLogged('WS_ERR_EXPECTED_MASK');
  await assertStillAnswering();
});

test('a frame announcing 110 MiB closes that connection with 1009 before any of it is read', { timeout: 10_000 }, async () => {
  const connection = await rawUpgrade(port, eventsPath);
  connection.socket.write(frame(0x2, undefined, { announcedLength: 110 * 1024 * 1024 }));
  assert.equal(await connection.closeCode, 1009);
  await connection.closed;
  assertLogged('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');
  await assertStillAnswering();
});

test('a message one byte over the events limit is refused with 1009', { timeout: 10_000 }, async () => {
  const connection = await rawUpgrade(port, eventsPath);
  connection.socket.write(frame(0x1, undefined, { announcedLength: realtimeMaxMessageBytes + 1 }));
  assert.equal(await connection.closeCode, 1009);
  await connection.closed;
  await assertStillAnswering();
});

// Before the fix this ended the process with "write ECONNRESET" (the runner reports it against the file).
test('upgrades reset by the client while being refused or authorized leave the gateway running', { timeout: 20_000 }, async () => {
  for (const path of ['/not-a-websocket-path', eventsPath]) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const socket = createConnection(port, '127.0.0.1');
      socket.on('error', () => {});
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk-unknown\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`, () =>
        socket.resetAndDestroy(),
      );
      await closed;
    }
  }
  // Give the gateway the resets to read before asking it anything.
  await new Promise((resolve) => setImmediate(resolve));
  await assertStillAnswering();
});
