/**
 * HTTP Webhook without an action URL: the answer's actions travel back in the webhook's response,
 * so the implementation waits for the whole turn, up to its `timeout`; past it the push has failed
 * (https://12.onebot.dev/connect/communication/http-webhook/, "超时") and the actions would never
 * run. The gateway then stops the turn and aborts its model call rather than paying for an answer
 * nobody can receive.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { HeldAnthropicStreams } from '../support/held-streams.js';
import { recordingLogger } from '../support/recording-logger.js';
import { within } from '../support/within.js';

test('webhook: the implementation giving up on its POST aborts the model call behind it', { timeout: 20_000 }, async () => {
  const upstream = await new HeldAnthropicStreams().start();
  const logger = recordingLogger();
  const config = resolveConfig({
    providers: { an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 64 } },
    models: { held: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }] },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 1 },
    onebot: { bots: [{ transport: 'webhook', url: '/onebot/v12/webhook', model: 'held' }] },
  });
  const gateway = createGateway(config, { logger });
  try {
    const { port } = await gateway.listen(0, '127.0.0.1');
    const event = JSON.stringify({
      id: 'e-1',
      time: Date.now() / 1000,
      type: 'message',
      detail_type: 'private',
      sub_type: '',
      self: { platform: 'qq', user_id: 'bot-1' },
      message_id: 'm-1',
      message: [{ type: 'text', data: { text: 'Tell me a long story.' } }],
      alt_message: 'Tell me a long story.',
      user_id: 'u-1',
    });
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(event), 'x-onebot-version': '12', 'x-impl': 'testimpl' };
    const posted = request({ host: '127.0.0.1', port, method: 'POST', path: '/onebot/v12/webhook', headers });
    posted.on('error', () => {});
    posted.end(event);
    await upstream.waitForHeld(1);
    // The implementation's timeout has passed: it closes the request.
    posted.destroy();
    await within(upstream.allClosed(), 5_000, 'the upstream request closed after the implementation gave up');
    await gateway.onebot?.idle();
    assert.ok(logger.lines.some((line) => line.level === 'warn' && /webhook answer dropped/.test(line.message)));
  } finally {
    await gateway.close(0);
    await upstream.stop();
  }
});
