/**
 * Records whose tokens the gateway estimated (src/gateway/usage-estimate.ts) say so in the usage
 * log itself, not only in their request detail, so an operator scanning the log sees which counts
 * are the vendor's and which are the gateway's; a record the upstream counted carries no mark.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chromiumSkip, openChromium, type HeadlessChromium } from './support/headless-chromium.js';
import { axeViolations } from './support/axe-check.js';
import { adminKey, startConsoleGateway, type ConsoleGateway } from './console-gateway.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';

const skip = chromiumSkip;

let server: ConsoleGateway;
let browser: HeadlessChromium;
let page: Page;

before(async () => {
  if (skip !== false) return;
  server = await startConsoleGateway();
  browser = await openChromium({ bypassCSP: true });
  page = browser.page;
});

after(async () => {
  if (skip !== false) return;
  await browser?.close();
  await server?.close();
});

function record(id: string, model: string, fields: Partial<UsageRecord>): UsageRecord {
  return { id, createdAt: Date.now() - 60_000, model, deployment: 'oa/gpt-4o', caller: 'openai-chat', stream: true, status: 200, inputTokens: 120, outputTokens: 24, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 300, ...fields };
}

test('the usage log marks the rows whose tokens the gateway estimated, and only those', { skip, timeout: 120_000 }, async () => {
  server.gateway.services.usage.record(record('usage_counted', 'counted-model', {}));
  server.gateway.services.usage.record(record('usage_estimated', 'estimated-model', { status: 499, errorCode: 'cancelled', estimated: true }));
  await server.gateway.services.usage.flush();
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Admin key').fill(adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Usage' }).click();
  await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
  const tokens = (model: string) => page.locator('table.log tbody tr.openable').filter({ hasText: model }).locator('td[data-label="Tokens in / out"]');
  await tokens('estimated-model').waitFor();
  const estimated = tokens('estimated-model').locator('.badge');
  assert.equal((await estimated.textContent())?.trim(), 'estimated');
  assert.match((await estimated.getAttribute('title')) ?? '', /the gateway estimated them/);
  assert.equal(await tokens('counted-model').locator('.badge').count(), 0, 'a count the upstream gave has no mark');
  assert.deepEqual(await axeViolations(page), [], 'axe-core finds no violations on the usage page');
});
