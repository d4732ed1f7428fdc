/**
 * A bot application (`dialect: onebot`) that closes a connection slowly: it sends its close
 * frame, and its TCP connection ends only later. The gateway dials a new connection for the next
 * request meanwhile; when the old one finally ends, only the answers sent on it may fail, not an
 * answer streaming on the new one. The first connection is written by hand, so the test chooses
 * when its TCP connection ends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { once } from 'node:events';
import OpenAI from 'openai';
import WebSocket, { WebSocketServer } from 'ws';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { acceptKey, frame } from '../support/raw-websocket.js';

/** Resolves when `socket` brings a frame with `opcode` (client frames are masked, RFC 6455 section 5.3). */
function frameArrives(socket: Socket, opcode: number): Promise<void> {
  let buffered = Buffer.alloc(0);
  return new Promise((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (buffered.length < 2) return;
        let length = (buffered[1] ?? 0) & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffered.length < 4) return;
          length = buffered.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffered.length < 10) return;
          length = Number(buffered.readBigUInt64BE(2));
          offset = 10;
        }
        if ((buffered[1] ?? 0) & 0x80) offset += 4;
        if (buffered.length < offset + length) return;
        if (((buffered[0] ?? 0) & 0x0f) === opcode) resolve();
        buffered = buffered.subarray(offset + length);
      }
    });
  });
}

test("the old connection's late end does not cut an answer streaming on the connection dialled since", { timeout: 30_000 }, async () => {
  let firstSocket: Socket | undefined;
  let onCloseReplied = () => {};
  const closeReplied = new Promise<void>((resolve) => (onCloseReplied = resolve));
  let onMessageOnSecond: (socket: WebSocket, event: Record<string, unknown>) => void = () => {};
  const messageOnSecond = new Promise<[WebSocket, Record<string, unknown>]>((resolve) => (onMessageOnSecond = (socket, event) => resolve([socket, event])));
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => [...protocols][0] ?? false });
  const server = createServer();
  server.on('upgrade', (request, socket: Socket, head) => {
    if (firstSocket === undefined) {
      // The first connection: upgraded by hand, then at once a close frame (1000) and nothing more.
      firstSocket = socket;
      socket.on('error', () => {});
      void frameArrives(socket, 0x8).then(onCloseReplied);
      const protocol = String(request.headers['sec-websocket-protocol'] ?? '').split(',')[0]?.trim() ?? '';
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(String(request.headers['sec-websocket-key']))}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
      );
      const code = Buffer.alloc(2);
      code.writeUInt16BE(1000);
      socket.write(frame(0x8, code, { masked: false }));
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data) => {
        const event = JSON.parse(data.toString()) as Record<string, unknown>;
        if (event.type === 'message') onMessageOnSecond(ws, event);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/onebot/v12/ws`;
  const config = resolveConfig({
    providers: { bots: { dialect: 'onebot', baseUrl: url, timeoutMs: 20_000, onebot: { quietMs: 300, platform: 'interlingua' } } },
    models: { helper: [{ provider: 'bots', model: 'helper-bot' }] },
    // No second attempt: A's answer, failed with its connection, is not sent again on the new one.
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 1 },
  });
  const gateway = createGateway(config, { logger: silentLogger });
  const address = await gateway.listen(0, '127.0.0.1');
  const client = new OpenAI({ baseURL: `http://127.0.0.1:${address.port}/v1`, apiKey: 'caller', maxRetries: 0 });
  try {
    // A's message goes on the first connection, which is closing; its answer may well fail.
    const first = client.chat.completions.create({ model: 'helper', user: 'A', messages: [{ role: 'user', content: 'hi from A' }] }).catch((error: unknown) => error);
    // The gateway answered the close frame: that connection is closing, so B's request dials a new one.
    await closeReplied;
    const deltas: string[] = [];
    let finish: string | null | undefined;
    // Read from the start: the stream's head comes with the bot's first message.
    const read = (async () => {
      const stream = await client.chat.completions.create({ model: 'helper', user: 'B', stream: true, messages: [{ role: 'user', content: 'hi from B' }] });
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (choice?.delta.content) deltas.push(choice.delta.content);
        if (choice?.finish_reason) finish = choice.finish_reason;
      }
    })();
    const [second, event] = await messageOnSecond;
    const say = (text: string) =>
      second.send(JSON.stringify({ action: 'send_message', params: { detail_type: 'private', user_id: event.user_id, message: [{ type: 'text', data: { text } }] }, echo: text, self: event.self }));
    say('part 1');
    // Now the first connection's TCP ends, while B's answer is under way on the second.
    assert.ok(firstSocket);
    firstSocket.destroy();
    await once(firstSocket, 'close');
    // A's answer, sent on the first connection, is over (failed) once the gateway saw that end.
    await first;
    say('part 2');
    await read;
    assert.deepEqual(deltas, ['part 1', '\npart 2']);
    assert.equal(finish, 'stop');
  } finally {
    await gateway.close(0);
    for (const socket of wss.clients) socket.terminate();
    server.closeAllConnections();
    server.close();
  }
});
