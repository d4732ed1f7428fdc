/**
 * What an operator opens the console for, in headless Chromium at a desktop and a phone size:
 * the deployments page (traffic, failures by whose fault, cooldowns, a check), a usage row opened
 * into its request detail (attempts, request id, no price, a link to the inspector), and the log's
 * filters applying as one types. axe-core checks every view for accessibility violations.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumSkip, openChromium, screenshotsDirectory, type HeadlessChromium } from './support/headless-chromium.js';
import { axeViolations } from './support/axe-check.js';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { adminKey, admin, eventually } from './console-gateway.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';

const skip = chromiumSkip;
const screenshots = screenshotsDirectory;

const viewports = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

let url: string;
let gateway: Gateway;
let openai: TestUpstream;
let anthropic: TestUpstream;
let browser: HeadlessChromium;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (skip !== false) return;
  openai = await new TestUpstream().start();
  anthropic = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      oa: { dialect: 'openai-chat', baseUrl: `${openai.baseUrl}/v1`, apiKey: 'sk-test-openai' },
      an: { dialect: 'anthropic', baseUrl: anthropic.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
    },
    models: {
      'gpt-4o': [{ provider: 'oa', model: 'gpt-4o' }],
      'claude-sonnet': [
        { provider: 'an', model: 'claude-sonnet-4-20250514' },
        { provider: 'oa', model: 'gpt-4o' },
      ],
      // A model the price table does not know: its cost is "no price", not $0.
      'house-model': [{ provider: 'oa', model: 'house-finetune-7' }],
    },
    adminKey,
    console: { captureBodies: 20 },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
    routing: { cooldown: { failures: 1, cooldownMs: 600_000 } },
  });
  gateway = createGateway(config, { logger: silentLogger });
  url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  // axe-core is injected into the page: the console's CSP (script-src 'self') would refuse it.
  browser = await openChromium({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  if (skip !== false) return;
  await browser?.close();
  await gateway?.close(1000);
  await Promise.all([openai?.stop(), anthropic?.stop()]);
});

async function chat(model: string): Promise<Response> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello' }] }),
  });
  await response.text();
  return response;
}

async function assertAccessible(what: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe-core finds no violations on ${what}:\n${violations.join('\n')}`);
}

async function noSidewaysScroll(what: string): Promise<void> {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  const widest = await page.evaluate<string>(
    `[...document.querySelectorAll('body *')].filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !element.closest('.table-wrap, .sidebar')).map((element) => element.tagName.toLowerCase() + '.' + element.className).slice(0, 5).join(', ')`,
  );
  assert.ok(overflow <= 0, `${what} does not scroll sideways (${overflow} px too wide: ${widest})`);
}

/** How the request log is laid out: its header row shown or not, and how far its own box scrolls sideways. */
async function logLayout(): Promise<{ headerShown: boolean; rowDisplay: string; overflow: number }> {
  return page.evaluate<{ headerShown: boolean; rowDisplay: string; overflow: number }>(`(() => {
    const wrap = document.querySelector('table.log')?.closest('.table-wrap');
    const header = document.querySelector('table.log thead');
    const row = document.querySelector('table.log tbody tr.openable');
    return {
      headerShown: header !== null && header.getBoundingClientRect().height > 1,
      rowDisplay: row === null ? '' : getComputedStyle(row).display,
      overflow: wrap === null || wrap === undefined ? Number.NaN : wrap.scrollWidth - wrap.clientWidth,
    };
  })()`);
}

async function shoot(name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** The usage log's visible models, row by row. */
async function loggedModels(): Promise<string[]> {
  return page.locator('table.log tbody tr.openable td:nth-child(3)').allTextContents();
}

async function waitForModels(expected: string[], what: string): Promise<void> {
  await eventually(async () => {
    const models = await loggedModels();
    return JSON.stringify([...models].sort()) === JSON.stringify([...expected].sort()) ? true : undefined;
  }, `${what}: ${expected.join(', ')} (shown: ${(await loggedModels()).join(', ')})`);
}

test('deployments, request detail and filters in a browser at desktop and phone sizes', { skip, timeout: 240_000 }, async (t) => {
  // Traffic: a caller mistake judged by the upstream, an unpriced answer, a fallback after a 429, and a request that failed everywhere.
  openai.enqueue(upstreamScenarios['openai-chat'].badRequest);
  assert.equal((await chat('house-model')).status, 400);
  openai.takeRefusals();
  openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
  assert.equal((await chat('house-model')).status, 200);
  anthropic.enqueue(upstreamScenarios.anthropic.rateLimit);
  openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
  const failedOver = await chat('claude-sonnet');
  assert.equal(failedOver.status, 200);
  openai.enqueue(upstreamScenarios['openai-chat'].rateLimit);
  assert.equal((await chat('gpt-4o')).status, 429);
  const failedOverId = failedOver.headers.get('x-request-id') ?? '';
  await eventually(async () => {
    const log = await admin<{ data: UsageRecord[] }>(url, '/usage/log');
    return log.data.length === 4 ? true : undefined;
  }, 'the four usage records');

  await t.test('signs in', async () => {
    await page.goto(`${url}/console/`);
    await page.getByLabel('Admin key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  });

  for (const viewport of viewports) {
    await t.test(`${viewport.name}: the deployments page shows traffic, failures by fault, cooldowns and runs a check`, async () => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.getByRole('link', { name: 'Deployments' }).click();
      await page.getByRole('heading', { name: 'Deployments', level: 1 }).waitFor();
      const anthropicRow = page.locator('tr[data-deployment="an/claude-sonnet-4-20250514"]');
      await anthropicRow.waitFor();
      assert.match((await anthropicRow.textContent()) ?? '', /cooling down/, 'the 429 put it in a cooldown');
      assert.match((await anthropicRow.locator('td').nth(2).textContent()) ?? '', /^100\.0%/, 'its one attempt failed upstream');
      const openaiRow = page.locator('tr[data-deployment="oa/gpt-4o"]');
      assert.match((await openaiRow.locator('td').nth(1).textContent()) ?? '', /^2/, 'two attempts');
      assert.match((await openaiRow.locator('td').nth(2).textContent()) ?? '', /^50\.0%/, 'one of two failed upstream');
      assert.match((await openaiRow.locator('td').nth(3).textContent()) ?? '', /^0\.0%/, 'no caller errors');
      const houseRow = page.locator('tr[data-deployment="oa/house-finetune-7"]');
      assert.match((await houseRow.locator('td').nth(3).textContent()) ?? '', /^50\.0%/, 'the 400 is a caller error');
      assert.match((await houseRow.locator('td').nth(2).textContent()) ?? '', /^0\.0%/, 'not an upstream failure');
      assert.match((await houseRow.locator('td').nth(4).textContent()) ?? '', /\d+ ms \/ \d+ ms/, 'latency percentiles');
      openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
      await houseRow.getByRole('button', { name: 'Check oa/house-finetune-7' }).click();
      await houseRow.locator('.check-result .badge.good').filter({ hasText: /^OK \d+ ms$/ }).waitFor();
      openai.enqueue(upstreamScenarios['openai-chat'].rateLimit);
      await openaiRow.getByRole('button', { name: 'Check oa/gpt-4o' }).click();
      await openaiRow.locator('.check-result .badge.bad').filter({ hasText: '429 rate_limited' }).waitFor();
      // The cooldown history says when, why and for how long; it and the checks outlive a reload.
      const cooldown = page.locator('table.cooldowns tr[data-cooldown="an/claude-sonnet-4-20250514"]');
      assert.match((await cooldown.textContent()) ?? '', /\b20\d\d\b.*429 rate_limited.*after 1 upstream failure.*10 min.*not yet.*cooling down until/);
      await page.reload();
      await page.getByRole('heading', { name: 'Deployments', level: 1 }).waitFor();
      await houseRow.locator('.check-result .badge.good').filter({ hasText: /^OK \d+ ms$/ }).waitFor();
      assert.match((await openaiRow.locator('.check-result').textContent()) ?? '', /429 rate_limited.*checked just now/);
      const kept = await page.locator('table.checks tbody tr').allInnerTexts();
      assert.equal(kept.length, viewport.name === 'desktop' ? 2 : 4, `every check run so far is kept: ${kept.join(' | ')}`);
      assert.match(kept[0] ?? '', /oa\/gpt-4o[\s\S]*429 rate_limited/, 'newest first');
      assert.equal(await page.locator('table.cooldowns tbody tr').count(), 2, 'the 429s of an/claude-sonnet-4-20250514 and oa/gpt-4o each started one');
      await noSidewaysScroll('the deployments page');
      await assertAccessible(`the deployments page (${viewport.name})`);
      await shoot(`deployments-${viewport.name}`);
      // From a failing deployment to the requests that tried it, the fallback that succeeded included.
      await anthropicRow.getByRole('link', { name: /^Requests/ }).click();
      await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
      assert.equal(await page.getByLabel('Deployment').inputValue(), 'an/claude-sonnet-4-20250514');
      await waitForModels(['claude-sonnet'], 'the requests that tried the deployment');
    });

    await t.test(`${viewport.name}: a usage row opens its request detail by keyboard, with attempts and a link to the inspector`, async () => {
      await page.getByRole('link', { name: 'Usage' }).click();
      await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
      await waitForModels(['house-model', 'house-model', 'claude-sonnet', 'gpt-4o'], 'every request');
      const row = page.locator('table.log tbody tr.openable').filter({ hasText: 'claude-sonnet' });
      assert.match((await row.locator('td').nth(3).textContent()) ?? '', /^oa\/gpt-4o\s*2 attempts$/, 'the log says it took two attempts');
      const opener = row.getByRole('button');
      await opener.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: /Request to claude-sonnet/ });
      await dialog.waitFor();
      const text = (await dialog.textContent()) ?? '';
      assert.ok(text.includes(failedOverId), 'the request id');
      const attempts = await dialog.locator('ol.attempts li').allTextContents();
      assert.equal(attempts.length, 2);
      assert.match(attempts[0] ?? '', /an\/claude-sonnet-4-20250514.*429 rate_limited.*ms/);
      assert.match(attempts[1] ?? '', /oa\/gpt-4o.*200.*ms/);
      const exchange = failedOver.headers.get('x-interlingua-exchange') ?? '';
      assert.equal(await dialog.getByRole('link', { name: 'Open the captured exchange' }).getAttribute('href'), `#/inspector/${exchange}`);
      // The inspector's three views, in the detail itself: the caller's body and the upstream's.
      const bodies = dialog.getByRole('region', { name: 'Bodies' });
      await bodies.getByRole('heading', { name: 'Upstream wire JSON' }).waitFor();
      assert.match((await bodies.locator('pre[aria-label="Caller wire JSON"]').textContent()) ?? '', /"model": "claude-sonnet"/, 'the caller\'s body');
      assert.match((await bodies.locator('pre[aria-label="Interlingua request"]').textContent()) ?? '', /"model": "claude-sonnet"/, 'what it parsed to');
      assert.match((await bodies.locator('pre[aria-label="Upstream wire JSON"]').textContent()) ?? '', /"model"/, 'the body sent upstream');
      await assertAccessible(`the request detail (${viewport.name})`);
      await shoot(`request-detail-${viewport.name}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.match(await page.evaluate<string>("document.activeElement?.matches('table.log tr.openable button') ? document.activeElement.closest('tr').textContent : ''"), /claude-sonnet/, 'focus returns to the row');

      // The failed request names its deployment and says why; the unpriced one says "no price", not $0.
      await page.locator('table.log tbody tr.openable').filter({ hasText: 'gpt-4o' }).filter({ hasNotText: 'claude' }).locator('td').nth(2).click();
      const failed = page.getByRole('dialog', { name: /Request to gpt-4o/ });
      await failed.waitFor();
      assert.match((await failed.textContent()) ?? '', /rate_limited:/);
      assert.equal(await failed.locator('.detail-facts dd').nth(4).textContent(), 'oa/gpt-4o');
      await failed.getByRole('button', { name: 'Close' }).click();
      const unpriced = page.locator('table.log tbody tr.openable').filter({ hasText: 'house-model' }).filter({ hasText: '200' });
      assert.equal((await unpriced.locator('td').nth(7).textContent())?.trim(), 'no price');
      const costs = await page.locator('table.log tbody tr.openable td:nth-child(8)').allTextContents();
      assert.ok(costs.every((cost) => cost === 'no price' || /^\$\d+\.\d{4}$/.test(cost)), `one precision: ${costs.join(' | ')}`);
      await noSidewaysScroll('the usage page');
      const layout = await logLayout();
      if (viewport.name === 'phone') {
        // Issue 16: on a phone each request is a card, and the log's own box does not scroll sideways either.
        assert.equal(layout.headerShown, false, 'no column headers on a phone: each value is labelled in its card');
        assert.equal(layout.rowDisplay, 'flex', 'each request is a card');
        assert.ok(layout.overflow <= 0, `the request log does not scroll sideways inside its box (${layout.overflow} px too wide)`);
        const card = page.locator('table.log tbody tr.openable').filter({ hasText: 'claude-sonnet' });
        const cardText = (await card.innerText()).replace(/\s+/g, ' ');
        // The labels are drawn beside each value (CSS ::before), so they are read from the computed style.
        const labels = await page.evaluate<string[]>(
          "[...[...document.querySelectorAll('table.log tbody tr.openable')].find((row) => row.textContent.includes('claude-sonnet')).querySelectorAll('td')].map((cell) => getComputedStyle(cell, '::before').content)",
        );
        for (const label of ['Model', 'Status', 'Deployment', 'Tokens in / out', 'Cost', 'Latency']) assert.ok(labels.includes(`"${label}"`), `the card labels its ${label}: ${labels.join(' ')}`);
        assert.match(cardText, /\b20\d\d\b.*\b(UTC|GMT[+-]?\d*)\b/, `the card's time has its year and zone: ${cardText}`);
        await assertAccessible('the usage page as cards (phone)');
        await shoot('usage-cards-phone');
        await card.getByRole('button').focus();
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: /Request to claude-sonnet/ });
        await dialog.waitFor();
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        await card.locator('td[data-label="Latency"]').click();
        await dialog.waitFor();
        await dialog.getByRole('button', { name: 'Close' }).click();
        await dialog.waitFor({ state: 'detached' });
      } else {
        assert.equal(layout.headerShown, true, 'the table keeps its column headers on a wide screen');
        assert.equal(layout.rowDisplay, 'table-row', 'each request is a table row on a wide screen');
      }
    });

    await t.test(`${viewport.name}: filters apply as one types, with globs, status classes and quick ranges`, async () => {
      const model = page.getByLabel('Model');
      await model.fill('');
      await model.pressSequentially('claude');
      await waitForModels(['claude-sonnet'], 'a part of a name, without Enter');
      await model.fill('gpt-*');
      await waitForModels(['gpt-4o'], 'a glob');
      await model.fill('');
      await waitForModels(['house-model', 'house-model', 'claude-sonnet', 'gpt-4o'], 'no model filter');
      await page.getByLabel('Status').selectOption('4xx');
      await waitForModels(['house-model', 'gpt-4o'], 'the 4xx class');
      await page.getByLabel('Status').selectOption('5xx');
      await page.getByText('No requests match').waitFor();
      await page.getByLabel('Status').selectOption('');
      await page.getByRole('button', { name: 'Last hour' }).click();
      assert.equal(await page.getByRole('button', { name: 'Last hour' }).getAttribute('aria-pressed'), 'true');
      await waitForModels(['house-model', 'house-model', 'claude-sonnet', 'gpt-4o'], 'the last hour');
      await assertAccessible(`the usage page (${viewport.name})`);
      await shoot(`usage-filters-${viewport.name}`);
      await page.getByRole('button', { name: 'Any time' }).click();
    });
  }
  assert.deepEqual(pageErrors, []);
});
