/**
 * Hostile WebSocket frames at every WebSocket the gateway serves (the plugin results at
 * /v1/realtime/events, a OneBot reverse-ws endpoint), sent over a bare socket after a real
 * handshake: the gateway closes that one connection and stays up (issue 12, defect 1).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { FuzzedGateway } from './support/fuzzed-gateway.js';
import { onebotReverseWsPath } from './support/fuzz-routes.js';
import { rawRequest, sendRaw } from './support/raw-http.js';

let gateway: FuzzedGateway;

before(async () => {
  gateway = await FuzzedGateway.start();
});

after(async () => {
  await gateway.stop();
});

const endpoints = [
  { name: '/v1/realtime/events', path: '/v1/realtime/events?conversation=fuzz-1', protocol: undefined },
  { name: 'OneBot reverse-ws', path: onebotReverseWsPath, protocol: '12.fuzz' },
];

/** Frames per RFC 6455, section 5.2; a client's frames are masked (section 5.3). */
const frames = [
  // FIN with opcode 0x3, reserved for further non-control frames: six bytes in all.
  { name: 'a reserved opcode', bytes: () => Buffer.concat([Buffer.from([0x83, 0x80]), randomBytes(4)]) },
  // A binary frame announcing 110 MiB (over ws's default maxPayload of 100 MiB), never sent.
  { name: 'a 110 MiB length', bytes: () => Buffer.concat([Buffer.from([0x82, 0xff]), bigLength(110 * 1024 * 1024), randomBytes(4)]) },
  // RSV1 set without a negotiated extension (section 5.2).
  { name: 'a reserved bit', bytes: () => Buffer.concat([Buffer.from([0xc1, 0x80]), randomBytes(4)]) },
  // A control frame must not be fragmented nor longer than 125 bytes (section 5.5).
  { name: 'a fragmented ping', bytes: () => Buffer.concat([Buffer.from([0x09, 0x80]), randomBytes(4)]) },
  // Clients must mask every frame (section 5.1).
  { name: 'an unmasked frame', bytes: () => Buffer.from([0x81, 0x02, 0x68, 0x69]) },
  // A text frame that is not UTF-8 (section 8.1).
  { name: 'text that is not UTF-8', bytes: () => maskedText(Buffer.from([0xff, 0xfe, 0xfd])) },
];

function bigLength(length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(length));
  return bytes;
}

function maskedText(payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ (mask[index % 4] as number)));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

/** Opens a WebSocket by hand (RFC 6455, section 4.1) and resolves once the 101 has arrived. */
function handshake(port: number, path: string, protocol: string | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const head = [
      `GET ${path} HTTP/1.1`,
      'host: 127.0.0.1',
      'upgrade: websocket',
      'connection: Upgrade',
      `sec-websocket-key: ${randomBytes(16).toString('base64')}`,
      'sec-websocket-version: 13',
      ...(protocol !== undefined ? [`sec-websocket-protocol: ${protocol}`] : []),
    ];
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!received.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (received.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`no upgrade: ${received.slice(0, 200)}`));
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
  });
}

function closed(socket: Socket, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    socket.on('error', () => {});
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.resume();
  });
}

for (const endpoint of endpoints) {
  for (const frame of frames) {
    test(`${endpoint.name}: ${frame.name} closes that connection and the gateway stays up`, async (context) => {
      await gateway.ensureRunning();
      const socket = await handshake(gateway.port, endpoint.path, endpoint.protocol);
      socket.write(frame.bytes());
      assert.ok(await closed(socket, 10_000), 'the connection is still open 10 s after the frame');
      const health = await sendRaw(gateway.port, rawRequest('GET', '/health', {}, undefined), 10_000);
      // One hostile frame is one case; `npm run probe` adds these lines up (bench/probe-fuzz.ts).
      context.diagnostic(`fuzz cases: 1, 5xx: ${health.status >= 500 ? 1 : 0}`);
      assert.ok(gateway.alive, `the gateway process died (${gateway.exitDescription})`);
      assert.equal(health.status, 200, `GET /health after the frame: ${health.status} ${health.socketError ?? ''}`);
    });
  }
}
