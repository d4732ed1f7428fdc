/**
 * Broken WebSocket traffic on every OneBot link: a bad frame or a message over
 * `onebot.maxMessageBytes` closes that one connection with the RFC 6455 code (1002 protocol
 * error, 1009 too big; https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1), is logged, and
 * the gateway carries on (a forward-ws link dials again).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { defaultSettings } from '../../src/config/defaults.js';
import { frame, rawUpgrade, RawWebSocketServer, reservedOpcodeFrame, type RawConnection } from '../support/raw-websocket.js';
import { recordingLogger, type LogLine } from '../support/recording-logger.js';

const maxMessageBytes = 4096;
const token = 'onebot-secret';
const provider = { an: { dialect: 'anthropic', baseUrl: 'http://127.0.0.1:9', apiKey: 'sk-ant-test', defaultMaxTokens: 16 } };

async function startGateway(onebot: Record<string, unknown>, logger: ReturnType<typeof recordingLogger>, extra: Record<string, unknown> = {}): Promise<{ gateway: Gateway; port: number }> {
  const config = resolveConfig({ providers: provider, models: { smart: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }] }, retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 1 }, onebot, ...extra });
  const gateway = createGateway(config, { logger });
  const { port } = await gateway.listen(0, '127.0.0.1');
  return { gateway, port };
}

async function assertStillAnswering(port: number): Promise<void> {
  const health = await request(`http://127.0.0.1:${port}/health`);
  assert.equal(health.statusCode, 200);
  await health.body.dump();
}

const warned = (lines: LogLine[], code: string) => lines.some((line) => line.level === 'warn' && line.fields.code === code);

test('reverse-ws: a reserved opcode closes with 1002 and a message over maxMessageBytes with 1009; both are logged', { timeout: 10_000 }, async () => {
  const logger = recordingLogger();
  const { gateway, port } = await startGateway({ bots: [{ transport: 'reverse-ws', url: '/onebot/v12/ws', accessToken: token, model: 'smart' }], maxMessageBytes }, logger);
  try {
    const headers = { authorization: `Bearer ${token}`, 'sec-websocket-protocol': '12.fuzz' };
    const bad = await rawUpgrade(port, '/onebot/v12/ws', headers);
    bad.socket.write(reservedOpcodeFrame());
    assert.equal(await bad.closeCode, 1002);
    assert.ok(warned(logger.lines, 'WS_ERR_INVALID_OPCODE'));

    const big = await rawUpgrade(port, '/onebot/v12/ws', headers);
    big.socket.write(frame(0x1, undefined, { announcedLength: maxMessageBytes + 1 }));
    assert.equal(await big.closeCode, 1009);
    assert.ok(warned(logger.lines, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'));
    await assertStillAnswering(port);
  } finally {
    await gateway.close(0);
  }
});

test('reverse-ws on its own port (onebot.listen): a bad frame closes only that connection', { timeout: 10_000 }, async () => {
  const logger = recordingLogger();
  const { gateway, port } = await startGateway({ bots: [{ transport: 'reverse-ws', url: '/onebot/v12/ws', model: 'smart' }], listen: { port: 0 } }, logger);
  try {
    const onebotPort = gateway.onebotAddress?.port ?? 0;
    const bad = await rawUpgrade(onebotPort, '/onebot/v12/ws', { 'sec-websocket-protocol': '12.fuzz' });
    bad.socket.write(frame(0x1, Buffer.from('{}'), { masked: false }));
    assert.equal(await bad.closeCode, 1002);
    assert.ok(warned(logger.lines, 'WS_ERR_EXPECTED_MASK'));
    await assertStillAnswering(port);
    const fine = await rawUpgrade(onebotPort, '/onebot/v12/ws', { 'sec-websocket-protocol': '12.fuzz' });
    fine.socket.destroy();
  } finally {
    await gateway.close(0);
  }
});

test('forward-ws: an implementation sending a bad frame, then an oversized one, is closed (1002, 1009) and dialled again', { timeout: 10_000 }, async () => {
  const logger = recordingLogger();
  const implementation = new RawWebSocketServer((connection: RawConnection, index: number) => {
    if (index === 0) connection.socket.write(frame(0x3, Buffer.alloc(0), { masked: false }));
    if (index === 1) connection.socket.write(frame(0x1, undefined, { masked: false, announcedLength: maxMessageBytes + 1 }));
  });
  const url = await implementation.start();
  const { gateway, port } = await startGateway(
    { bots: [{ transport: 'forward-ws', url, accessToken: token, model: 'smart', reconnect: { initialDelayMs: 5, maxDelayMs: 20 } }], maxMessageBytes },
    logger,
  );
  try {
    await implementation.waitForConnections(1);
    assert.equal(await implementation.connections[0]?.closeCode, 1002);
    await implementation.waitForConnections(2);
    assert.equal(await implementation.connections[1]?.closeCode, 1009);
    await implementation.waitForConnections(3);
    assert.ok(warned(logger.lines, 'WS_ERR_INVALID_OPCODE'));
    assert.ok(warned(logger.lines, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'));
    await assertStillAnswering(port);
  } finally {
    await gateway.close(0);
    await implementation.stop();
  }
});

test('a OneBot bot application (dialect onebot) sending more than the message limit is closed with 1009 and the call fails cleanly', { timeout: 10_000 }, async () => {
  const logger = recordingLogger();
  const application = new RawWebSocketServer((connection: RawConnection) => {
    connection.socket.write(frame(0x1, undefined, { masked: false, announcedLength: defaultSettings.onebotMaxMessageBytes + 1 }));
  });
  const url = await application.start();
  const config = resolveConfig({
    providers: { bots: { dialect: 'onebot', baseUrl: url, apiKey: 'app-token', timeoutMs: 5_000 } },
    models: { echo: [{ provider: 'bots', model: 'echo-bot' }] },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 1 },
  });
  const gateway = createGateway(config, { logger });
  const { port } = await gateway.listen(0, '127.0.0.1');
  try {
    const answer = request(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'echo', messages: [{ role: 'user', content: 'hi' }] }),
    });
    await application.waitForConnections(1);
    assert.equal(await application.connections[0]?.closeCode, 1009);
    const response = await answer;
    assert.equal(response.statusCode, 502);
    const body = (await response.body.json()) as { error: { message: string } };
    assert.match(body.error.message, /closed the connection/);
    assert.ok(warned(logger.lines, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'));
    await assertStillAnswering(port);
  } finally {
    await gateway.close(0);
    await application.stop();
  }
});
