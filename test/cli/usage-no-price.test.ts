/**
 * A request to a model without a price is stored and shown as "no price", never as $0: through the
 * SQLite store, `interlingua usage` (table and JSON lines) and the CSV the console downloads.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openStore } from '../../src/store/open-store.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { usageCsv } from '../../src/usage/usage-log.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { runUsage } from '../../src/cli/usage.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-no-price-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const record = (id: string, model: string, cost: number | null): UsageRecord => ({
  id,
  createdAt: Date.now() - 1000,
  model,
  caller: 'openai-chat',
  stream: false,
  status: 200,
  inputTokens: 10,
  outputTokens: 5,
  cachedTokens: 0,
  reasoningTokens: 0,
  cost,
  latencyMs: 20,
});

test('no price is stored as such and shown as "no price" by the CLI and the CSV', async () => {
  const databaseFile = join(directory, 'usage.db');
  const store = await openStore({ kind: 'sqlite', path: databaseFile });
  const writer = new UsageWriter(async () => store, silentLogger);
  writer.record(record('req_priced', 'gpt', 0.25));
  writer.record(record('req_unpriced', 'house', null));
  await writer.flush();
  const stored = await queryUsage(store, {});
  assert.deepEqual(
    stored.map((row) => [row.model, row.cost]),
    [
      ['gpt', 0.25],
      ['house', null],
    ],
  );
  assert.match(usageCsv(stored), /,no price,/);
  await store.close();

  const configFile = join(directory, 'interlingua.yaml');
  writeFileSync(configFile, `providers: {}\ndatabase:\n  url: ${databaseFile}\n`);
  let table = '';
  const out = new Writable({ write: (chunk: Buffer, _encoding, done) => void ((table += chunk.toString()), done()) });
  assert.equal(await runUsage(['--config', configFile], out), 0);
  assert.match(table, /house .* no price/);
  assert.match(table, /2 requests, 20 input and 10 output tokens, \$0\.2500 \(1 with no price\)/);
});

test('when no matching request had a price, the total is "no price", not $0.0000', async () => {
  const databaseFile = join(directory, 'unpriced-only.db');
  const store = await openStore({ kind: 'sqlite', path: databaseFile });
  const writer = new UsageWriter(async () => store, silentLogger);
  for (const id of ['req_a', 'req_b', 'req_c']) writer.record(record(id, 'house', null));
  await writer.flush();
  await store.close();

  const configFile = join(directory, 'unpriced-only.yaml');
  writeFileSync(configFile, `providers: {}\ndatabase:\n  url: ${databaseFile}\n`);
  let table = '';
  const out = new Writable({ write: (chunk: Buffer, _encoding, done) => void ((table += chunk.toString()), done()) });
  assert.equal(await runUsage(['--config', configFile], out), 0);
  const totals = table.trimEnd().split('\n').at(-1) ?? '';
  assert.equal(totals, '3 requests, 30 input and 15 output tokens, no price');
});
