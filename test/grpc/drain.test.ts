/**
 * gRPC streams still open at the shutdown drain deadline: the gateway waits for them like for
 * HTTP streams, then cuts them, aborts their upstream requests and records each one's usage
 * (499, `shutdown`) before the store closes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientReadableStream } from '@grpc/grpc-js';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { createGrpcGateway } from '../../src/grpc/grpc-gateway.js';
import { openStore } from '../../src/store/open-store.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import { HeldAnthropicStreams } from '../support/held-streams.js';
import { chatHubClient, interlinguaClient, withModel } from './support/grpc-clients.js';

test('gRPC streams cut at the drain deadline are recorded as usage and their upstream requests aborted', { timeout: 30_000 }, async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'interlingua-grpc-drain-')), 'gateway.sqlite');
  const upstream = await new HeldAnthropicStreams().start();
  try {
    const config = resolveConfig({
      providers: { an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 64 } },
      models: { held: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }] },
      database: { url: path },
    });
    const gateway = createGateway(config, { logger: silentLogger });
    await gateway.openStore();
    const grpc = createGrpcGateway(gateway.services);
    const port = await grpc.listen(0, '127.0.0.1');
    const native = interlinguaClient(port);
    const chatHub = chatHubClient(port);
    try {
      const calls: Array<ClientReadableStream<unknown>> = [
        native.Stream({ model: 'held', messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Hello' } }] }] }),
        native.Stream({ model: 'held', messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Hello' } }] }] }),
        chatHub.StreamingChat({ prompt: 'Hello' }, withModel('held')),
      ];
      const ended = calls.map((call) => new Promise<void>((resolve) => (call.on('error', () => resolve()), call.on('end', () => resolve()))));
      // Each call has its first answer: its stream is open, the deployment known.
      await Promise.all(calls.map((call) => new Promise((resolve) => call.once('data', resolve))));
      for (const call of calls) call.resume();
      assert.equal(upstream.open, calls.length);
      // A deadline far beyond the test: the gateway's cut must end the calls, not this timer.
      await Promise.all([gateway.close(20), grpc.close(600_000)]);
      await upstream.allClosed();
      await Promise.all(ended);
    } finally {
      native.close();
      chatHub.close();
    }
    const store = await openStore({ kind: 'sqlite', path });
    try {
      const records = await queryUsage(store, { model: 'held' });
      assert.deepEqual(records.map((record) => record.caller).sort(), ['chathub', 'interlingua.v1', 'interlingua.v1']);
      for (const record of records) {
        assert.equal(record.status, 499);
        assert.equal(record.errorCode, 'shutdown');
        assert.equal(record.deployment, 'an/claude-sonnet-4-5-20250929');
        assert.equal(record.inputTokens, 16);
      }
    } finally {
      await store.close();
    }
  } finally {
    await upstream.stop();
  }
});
