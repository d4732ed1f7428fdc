/**
 * Shutdown with streams still open at the drain deadline: each one cut is recorded as usage
 * (499, error code `shutdown`, with the usage the upstream had reported so far) before the
 * store closes, and its upstream request is aborted. Run on an SQLite file and on PostgreSQL,
 * and read back from a store opened afresh, as the next start would.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { openStore } from '../../src/store/open-store.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import { createTestDatabase } from '../store/postgres-database.js';
import { HeldAnthropicStreams } from '../support/held-streams.js';

const streams = 6;

const databases: Array<{ name: string; open: () => Promise<{ url: string; cleanup: () => Promise<void> }> }> = [
  { name: 'an SQLite file', open: async () => ({ url: join(mkdtempSync(join(tmpdir(), 'interlingua-drain-')), 'gateway.sqlite'), cleanup: async () => {} }) },
  {
    name: 'PostgreSQL',
    open: async () => {
      const database = await createTestDatabase();
      return { url: database.url, cleanup: () => database.drop() };
    },
  },
];

for (const database of databases) {
  describe(`streams cut at the drain deadline, on ${database.name}`, () => {
    test('each one is recorded as usage and its upstream request aborted', { timeout: 30_000 }, async () => {
      const { url, cleanup } = await database.open();
      const upstream = await new HeldAnthropicStreams().start();
      try {
        const config = resolveConfig({
          providers: { an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 64 } },
          models: { held: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }] },
          database: { url },
        });
        const gateway = createGateway(config, { logger: silentLogger });
        await gateway.openStore();
        const address = await gateway.listen(0, '127.0.0.1');
        const opened = await Promise.all(Array.from({ length: streams }, () => openStream(`http://127.0.0.1:${address.port}`)));
        assert.equal(upstream.open, streams);
        await gateway.close(20);
        // Every upstream request was aborted, not left to run (and bill) after the gateway is gone.
        await upstream.allClosed();
        await Promise.all(opened.map((stream) => stream.ended));

        const store = await openStore(parseDatabaseUrl(url, '.'));
        try {
          const records = await queryUsage(store, { model: 'held' });
          assert.equal(records.length, streams);
          for (const record of records) {
            assert.equal(record.status, 499);
            assert.equal(record.errorCode, 'shutdown');
            assert.equal(record.stream, true);
            assert.equal(record.deployment, 'an/claude-sonnet-4-5-20250929');
            // What the upstream reported before the cut: message_start's usage.
            assert.equal(record.inputTokens, 16);
            assert.equal(record.outputTokens, 5);
          }
        } finally {
          await store.close();
        }
      } finally {
        await upstream.stop();
        await cleanup();
      }
    });
  });
}

/** Opens a stream and returns once its first bytes arrived, with a promise that settles when it ends (cut or not). */
async function openStream(gatewayUrl: string): Promise<{ ended: Promise<void> }> {
  const response = await request(`${gatewayUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'held', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Hello' }] }),
  });
  assert.equal(response.statusCode, 200);
  const iterator = response.body[Symbol.asyncIterator]();
  await iterator.next();
  const ended = (async () => {
    try {
      while (!(await iterator.next()).done);
    } catch {
      // a cut stream ends with an error on the caller's side
    }
  })();
  return { ended };
}
