/**
 * A OneBot conversation whose model is still answering when the gateway shuts down: the
 * shutdown waits for it up to the drain deadline, then cuts it and aborts its upstream request,
 * instead of closing under it and leaving the upstream generating for nobody.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { HeldAnthropicStreams } from '../support/held-streams.js';
import { bot, secondBot, token } from './support/bridge-setup.js';
import { privateMessage, TestImplementation, text } from './support/test-implementation.js';

test('a OneBot turn in flight at the drain deadline is cut and its upstream request aborted', { timeout: 30_000 }, async () => {
  const upstream = await new HeldAnthropicStreams().start();
  const implementation = new TestImplementation({ bots: [bot, secondBot], accessToken: token });
  try {
    const url = await implementation.serveWebSocket();
    const config = resolveConfig({
      providers: { an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 64 } },
      models: { held: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }] },
      onebot: { bots: [{ transport: 'forward-ws', url, accessToken: token, model: 'held', reconnect: { initialDelayMs: 5, maxDelayMs: 20 } }] },
    });
    const gateway = createGateway(config, { logger: silentLogger });
    await gateway.listen(0, '127.0.0.1');
    await implementation.waitForConnections(1);
    await implementation.push(privateMessage(implementation, bot, 'p-1', 'alice', [text('Hello')]));
    await upstream.waitForHeld(1);
    await gateway.close(20);
    await upstream.allClosed();
    assert.equal(upstream.open, 0);
  } finally {
    await implementation.stop();
    await upstream.stop();
  }
});
