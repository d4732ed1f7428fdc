import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usageSeries, usageTotals } from '../../src/usage/usage-series.js';
import { usageCsv } from '../../src/usage/usage-log.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';

const base: UsageRecord = { id: 'req_1', createdAt: 0, model: 'm', caller: 'openai-chat', stream: false, status: 200, inputTokens: 10, outputTokens: 5, cachedTokens: 0, reasoningTokens: 0, cost: 0.5, latencyMs: 100 };

test('records fall into their bucket per model and per deployment; outside the window they are ignored', () => {
  const records: UsageRecord[] = [
    { ...base, createdAt: 1000, deployment: 'p/a' },
    { ...base, createdAt: 1500, deployment: 'p/a', latencyMs: 300, status: 429, errorCode: 'rate_limited' },
    { ...base, createdAt: 2500, model: 'n' },
    { ...base, createdAt: 9999 },
  ];
  const series = usageSeries(records, 1000, 1000, 2);
  assert.deepEqual(series.starts, [1000, 2000]);
  assert.equal(series.totals.requests, 3);
  assert.equal(series.totals.errors, 1);
  assert.equal(series.totals.meanLatencyMs, 167);
  assert.equal(series.totals.p95LatencyMs, 300);
  const model = series.byModel.find((group) => group.name === 'm');
  assert.deepEqual(model?.requests, [2, 0]);
  assert.deepEqual(model?.latencyMs, [200, null]);
  assert.deepEqual(model?.errors, [1, 0]);
  assert.deepEqual(series.byDeployment.map((group) => group.name), ['p/a', '(none)']);
});

test('the previous period totals only the records inside it', () => {
  const records: UsageRecord[] = [
    { ...base, createdAt: 0, cost: 0.25 },
    { ...base, createdAt: 999, cost: null, status: 500 },
    { ...base, createdAt: 1000 },
  ];
  const previous = usageTotals(records, 0, 1000);
  assert.equal(previous.requests, 2);
  assert.equal(previous.errors, 1);
  assert.equal(previous.cost, 0.25);
  assert.equal(previous.unpricedRequests, 1);
  assert.equal(usageTotals(records, 1000, 2000).requests, 1);
});

test('CSV quotes what needs quoting and defuses spreadsheet formulas', () => {
  const csv = usageCsv([{ ...base, keyName: '=cmd|"x"', model: 'a,b' }]);
  const [header, row] = csv.split('\r\n');
  assert.match(header ?? '', /^time,id,key,model/);
  assert.match(row ?? '', /,"'=cmd\|""x""","a,b",/);
});

// OWASP ASVS 5.0 V1.2.10 (https://asvs.emil.hemdal.se/1.2.10) names tab and NUL beside = + - @;
// a carriage return starts a cell's text on a line of its own, and is defused the same way (CWE-1236).
test('CSV defuses a cell that starts with a tab, carriage return or NUL as it does a formula', () => {
  for (const [keyName, field] of [
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['\0=1+1', "'\0=1+1"],
  ]) {
    const row = usageCsv([{ ...base, keyName }]).split('\r\n').slice(1).join('\r\n');
    assert.ok(row.startsWith(`1970-01-01T00:00:00.000Z,req_1,${field},m,`), JSON.stringify(row));
  }
});
