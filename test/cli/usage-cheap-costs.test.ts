/**
 * `interlingua usage` prints a cheap request's cost as the console does (console/src/format.ts,
 * `formatCost`: six places below $0.0001), never `$0.0000` for a cost above zero: 10 input and
 * 5 output tokens of gpt-4.1-nano are $0.000003 at its $0.10 / $0.40 per million
 * (https://developers.openai.com/api/docs/pricing). `--since` not before `--until` is refused.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openStore } from '../../src/store/open-store.js';
import { toRow } from '../../src/usage/usage-row.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import { runUsage } from '../../src/cli/usage.js';
import { dollars } from '../../src/cli/usage-dollars.js';
import { parseUsageArgs } from '../../src/cli/usage-args.js';
import { UsageError } from '../../src/cli/command-args.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-cheap-costs-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const nanoCost = 10 * 0.1e-6 + 5 * 0.4e-6;

const record = (index: number, cost: number): UsageRecord => ({
  id: `req_cheap${index}`,
  createdAt: Date.now() - 1000 + index,
  keyName: 'cheap',
  model: 'gpt-4.1-nano',
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

test('three gpt-4.1-nano requests show $0.000003 each and $0.000009 in all', async () => {
  const databaseFile = join(directory, 'usage.db');
  const store = await openStore({ kind: 'sqlite', path: databaseFile });
  await store.db.insertInto('usage_records').values([0, 1, 2].map((index) => toRow(record(index, nanoCost)))).execute();
  await store.close();
  const configFile = join(directory, 'interlingua.yaml');
  writeFileSync(configFile, `providers: {}\ndatabase:\n  url: ${databaseFile}\n`);
  let table = '';
  const out = new Writable({ write: (chunk: Buffer, _encoding, done) => void ((table += chunk.toString()), done()) });
  assert.equal(await runUsage(['--config', configFile], out), 0);
  const rows = table.split('\n').filter((line) => line.includes('gpt-4.1-nano'));
  assert.equal(rows.length, 3);
  for (const row of rows) assert.match(row, / \$0\.000003 /);
  assert.match(table, /3 requests, 30 input and 15 output tokens, \$0\.000009\n/);
  assert.doesNotMatch(table, /\$0\.0000\b/);
});

test('a cost is shown by the console\'s places, and one above zero never as zero', () => {
  assert.equal(dollars(0), '$0');
  assert.equal(dollars(0.000003), '$0.000003');
  assert.equal(dollars(0.00005), '$0.000050');
  assert.equal(dollars(0.0001), '$0.0001');
  assert.equal(dollars(0.0075), '$0.0075');
  assert.equal(dollars(12.5), '$12.5000');
  assert.equal(dollars(0.0000001), '<$0.000001');
});

test('usage --since later than --until is refused, saying both moments', () => {
  const now = Date.UTC(2026, 10, 15);
  const refusal = (() => {
    try {
      parseUsageArgs(['--since', '2026-11-10', '--until', '2026-11-01'], now);
    } catch (error) {
      return error;
    }
    return undefined;
  })();
  assert.ok(refusal instanceof UsageError, 'refused');
  assert.equal(refusal.message, 'usage: --since (2026-11-10, 2026-11-10 00:00:00 UTC) must be before --until (2026-11-01, 2026-11-01 00:00:00 UTC)');
  assert.throws(() => parseUsageArgs(['--since', '2026-11-01', '--until', '2026-11-01'], now), UsageError, 'an empty window too');
  assert.deepEqual(parseUsageArgs(['--since', '2026-11-01', '--until', '2026-11-02'], now).filter, { since: Date.UTC(2026, 10, 1), until: Date.UTC(2026, 10, 2) });
});
