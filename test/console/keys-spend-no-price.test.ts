/**
 * A key that used only models without a price has spent an unknown amount, not $0: the admin
 * API's per-key spend says how many of its requests had no price (in total and in the budget
 * period), and the console's Keys page shows "no price" for it, as the Overview does.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { chromiumSkip, openChromium } from './support/headless-chromium.js';
import { adminKey, admin, eventually } from './console-gateway.js';

interface SpendEntry {
  name: string;
  requests: number;
  cost: number;
  unpricedRequests: number;
  periodSpend?: number;
  periodUnpricedRequests?: number;
}

let url: string;
let gateway: Gateway;
let openai: TestUpstream;

before(async () => {
  openai = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${openai.baseUrl}/v1`, apiKey: 'sk-test-openai' } },
    models: {
      'gpt-4o': [{ provider: 'oa', model: 'gpt-4o' }],
      // A model the price table does not know: its cost is "no price", not $0.
      'house-model': [{ provider: 'oa', model: 'house-finetune-7' }],
    },
    adminKey,
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;

  const finetuneOnly = await admin<{ key: string }>(url, '/keys', { method: 'POST', body: { name: 'finetune-only', budget: 5, budgetPeriod: 'day' } });
  const mixed = await admin<{ key: string }>(url, '/keys', { method: 'POST', body: { name: 'mixed' } });
  const calls: Array<[string, string]> = [
    [finetuneOnly.key, 'house-model'],
    [finetuneOnly.key, 'house-model'],
    [finetuneOnly.key, 'house-model'],
    [mixed.key, 'gpt-4o'],
    [mixed.key, 'house-model'],
  ];
  for (const [key, model] of calls) {
    openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello' }] }),
    });
    assert.equal(response.status, 200, await response.text());
  }
  await eventually(async () => {
    const spend = await admin<{ data: SpendEntry[] }>(url, '/keys/spend');
    return spend.data.reduce((sum, entry) => sum + entry.requests, 0) === calls.length ? true : undefined;
  }, 'the five usage records');
});

after(async () => {
  await gateway?.close(1000);
  await openai?.stop();
});

test('the per-key spend counts the requests with no price, in total and in the budget period', async () => {
  const spend = await admin<{ data: SpendEntry[] }>(url, '/keys/spend');
  const finetuneOnly = spend.data.find((entry) => entry.name === 'finetune-only');
  const mixed = spend.data.find((entry) => entry.name === 'mixed');
  assert.deepEqual(
    finetuneOnly && { requests: finetuneOnly.requests, cost: finetuneOnly.cost, unpriced: finetuneOnly.unpricedRequests, periodSpend: finetuneOnly.periodSpend, periodUnpriced: finetuneOnly.periodUnpricedRequests },
    { requests: 3, cost: 0, unpriced: 3, periodSpend: 0, periodUnpriced: 3 },
  );
  assert.equal(mixed?.requests, 2);
  assert.equal(mixed?.unpricedRequests, 1);
  assert.ok((mixed?.cost ?? 0) > 0, 'the priced request is counted');
  assert.equal(mixed?.periodSpend, undefined, 'no budget, no period');
});

test('the Keys page shows "no price" for a key that used only unpriced models, never $0', { skip: chromiumSkip, timeout: 60_000 }, async () => {
  const browser = await openChromium({ viewport: { width: 1440, height: 900 } });
  try {
    const { page } = browser;
    await page.goto(`${url}/console/`);
    await page.getByLabel('Admin key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Keys' }).click();
    const spendOf = (name: string) => page.getByRole('row').filter({ hasText: name }).locator('td[data-label="Spend"]');
    await spendOf('finetune-only').waitFor();
    const finetuneOnly = (await spendOf('finetune-only').innerText()).split('\n').map((line) => line.trim());
    assert.equal(finetuneOnly[0], 'no price');
    assert.ok(finetuneOnly.includes('3 requests with no price, not counted'), finetuneOnly.join(' | '));
    const mixed = (await spendOf('mixed').innerText()).split('\n').map((line) => line.trim());
    assert.match(mixed[0] ?? '', /^\$\d/);
    assert.ok(mixed.includes('1 request with no price, not counted'), mixed.join(' | '));
    const budget = await page.getByRole('row').filter({ hasText: 'finetune-only' }).locator('td[data-label="Budget"]').innerText();
    assert.match(budget, /3 requests with no price, not counted/);
  } finally {
    await browser.close();
  }
});
