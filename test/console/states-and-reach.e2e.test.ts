/**
 * What the console does around its data, in headless Chromium at 1440×900 and 390×844: summary
 * cards against the previous period, "no price" apart from $0, placeholders while pages load,
 * being offline with a Retry, a session key that stops working, every scroll area reachable by
 * keyboard, and the pages other tests check in light colours passing axe in the dark scheme too.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chromiumSkip, openChromium, type HeadlessChromium } from './support/headless-chromium.js';
import { axeViolations, unreachableScrollAreas } from './support/axe-check.js';
import { adminKey, admin, eventually, startConsoleGateway, type ConsoleGateway } from './console-gateway.js';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';

const skip = chromiumSkip;
const viewports = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const hour = 3_600_000;

let server: ConsoleGateway;
let browser: HeadlessChromium;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (skip !== false) return;
  server = await startConsoleGateway(20);
  browser = await openChromium({ bypassCSP: true });
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  if (skip !== false) return;
  await browser?.close();
  await server?.close();
});

/** A usage record as the gateway writes one, at a chosen time. */
function record(createdAt: number, fields: Partial<UsageRecord>): UsageRecord {
  return { id: `usage_${createdAt}_${fields.model ?? 'gpt-4o'}`, createdAt, model: 'gpt-4o', deployment: 'oa/gpt-4o', caller: 'openai-chat', stream: false, status: 200, inputTokens: 100, outputTokens: 20, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 300, ...fields };
}

/** Holds every request matching `pattern` until the returned function is called. */
async function hold(pattern: string): Promise<() => Promise<void>> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const handled: Array<Promise<void>> = [];
  await page.route(pattern, (route) => {
    const handling = held.then(() => route.continue());
    handled.push(handling);
    return handling;
  });
  return async () => {
    release();
    // Every held request goes on before the route is taken away.
    await Promise.all(handled);
    await page.unroute(pattern);
  };
}

async function open(link: string, heading = link): Promise<void> {
  await page.getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

async function assertAccessible(what: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core finds no violations on ${what}`);
}

async function signIn(): Promise<void> {
  await page.getByLabel('Admin key').fill(adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

test('summary cards, loading, offline, a lost session and keyboard reach, at desktop and phone sizes', { skip, timeout: 300_000 }, async (t) => {
  const now = Date.now();
  // The previous 24 hours: two priced requests. These 24 hours: two priced, one upstream failure, and an unpriced one in the last hour.
  for (const entry of [
    record(now - 30 * hour, {}),
    record(now - 31 * hour, {}),
    record(now - 2 * hour, {}),
    record(now - 3 * hour, {}),
    record(now - 4 * hour, { model: 'claude-sonnet', deployment: 'an/claude-sonnet-4-20250514', status: 502, errorCode: 'upstream_error', cost: 0, outputTokens: 0 }),
    record(now - 5 * 60_000, { model: 'house-model', deployment: 'oa/house-finetune-7', cost: null }),
  ])
    server.gateway.services.usage.record(entry);
  await server.gateway.services.usage.flush();
  await admin(server.url, '/keys', { method: 'POST', body: { name: 'states-check' } });
  await page.goto(`${server.url}/console/`);
  await signIn();

  for (const viewport of viewports) {
    await t.test(`${viewport.name}: summary cards compare with the previous period; no price is not $0; charts stack and total`, async () => {
      await page.setViewportSize(viewport);
      await open('Overview');
      const card = (name: string) => page.getByTestId(`stat-${name}`);
      await card('requests').locator('.stat-value').filter({ hasText: /^4$/ }).waitFor();
      assert.match((await card('requests').textContent()) ?? '', /↑ 100% on the previous 24 hours/, 'four requests against two');
      assert.match((await card('errors').textContent()) ?? '', /^Error rate25%1 error↑ 25\.0 points on the previous 24 hours$/);
      assert.equal(await card('cost').locator('.stat-value').textContent(), '$0.0020', 'the priced requests');
      assert.equal(await card('cost').locator('.stat-detail').textContent(), '1 request with no price, not counted');
      assert.equal(await card('cost').locator('.stat-change').textContent(), 'Same as the previous 24 hours');
      const requests = page.locator('figure.chart').filter({ hasText: 'Requests' }).first();
      assert.match((await requests.locator('figcaption').textContent()) ?? '', /^Requests · stacked4/);
      await requests.locator('.u-legend .u-label').filter({ hasText: 'gpt-4o (2 total)' }).waitFor();
      await requests.locator('.u-legend .u-label').filter({ hasText: 'house-model (1 total)' }).waitFor();
      // Per deployment, a failed attempt counts against the deployment that failed it.
      await page.getByRole('button', { name: 'Per deployment' }).click();
      await page.locator('figure.chart').filter({ hasText: 'Errors' }).locator('.u-legend .u-label').filter({ hasText: 'an/claude-sonnet-4-20250514 (1 total)' }).waitFor();
      await requests.locator('.u-legend .u-label').filter({ hasText: 'oa/gpt-4o (2 total)' }).waitFor();
      await page.getByRole('button', { name: 'Per model' }).click();
      // The quick range: in the last hour only the unpriced request, whose cost is unknown rather than free.
      await page.getByLabel('Period').selectOption('1h');
      await card('requests').locator('.stat-value').filter({ hasText: /^1$/ }).waitFor();
      assert.equal(await card('cost').locator('.stat-value').textContent(), 'no price');
      assert.match((await card('requests').textContent()) ?? '', /None in the previous hour/);
      await assertAccessible(`the overview (${viewport.name})`);
      await page.getByLabel('Period').selectOption('24h');
      await card('requests').locator('.stat-value').filter({ hasText: /^4$/ }).waitFor();
    });
  }

  // One captured exchange for the inspector, in this hour: after the cards above are read.
  server.openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
  const reply = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] }) });
  assert.equal(reply.status, 200);
  await reply.text();

  for (const viewport of viewports) {

    await t.test(`${viewport.name}: pages show placeholders while they load, never "no data"`, async () => {
      await page.setViewportSize(viewport);
      const overview = await hold('**/admin/overview*');
      await open('Deployments');
      await open('Overview');
      await page.locator('.stat-skeleton').first().waitFor();
      assert.equal(await page.locator('.stat-value').count(), 0, 'no value is shown before one is known');
      assert.equal(await page.locator('.chart-skeleton').count(), 5);
      await assertAccessible(`the overview while it loads (${viewport.name})`);
      await overview();
      await page.getByTestId('stat-requests').locator('.stat-value').waitFor();
      assert.equal(await page.locator('.stat-skeleton').count(), 0);

      const deployments = await hold('**/admin/deployments/stats*');
      await open('Deployments');
      await page.locator('tr.skeleton-row').first().waitFor();
      assert.equal(await page.getByText('No deployments are configured').count(), 0);
      await deployments();
      await page.locator('tr[data-deployment="oa/gpt-4o"]').waitFor();

      const exchanges = await hold('**/admin/exchanges');
      await open('Inspector');
      await page.locator('.skeleton-entry').first().waitFor();
      assert.equal(await page.getByText('No requests yet').count(), 0);
      await exchanges();
      await page.locator('.exchange-list li a').first().waitFor();
    });

    await t.test(`${viewport.name}: offline, each page says so in words and Retry brings it back`, async () => {
      for (const [link, loaded] of [
        ['Overview', () => page.getByTestId('stat-requests').locator('.stat-value').waitFor()],
        ['Usage', () => page.locator('table.log tbody tr.openable').first().waitFor()],
        ['Inspector', () => page.locator('.exchange-list li a').first().waitFor()],
      ] as const) {
        await open(link === 'Overview' ? 'Keys' : 'Overview');
        await browser.context.setOffline(true);
        await open(link);
        const failure = page.getByRole('alert').filter({ hasText: 'You are offline. Reconnect, then retry.' });
        await failure.waitFor();
        assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /Failed to fetch/);
        if (link === 'Overview') await assertAccessible(`the offline overview (${viewport.name})`);
        await browser.context.setOffline(false);
        await failure.getByRole('button', { name: 'Retry' }).click();
        await loaded();
        await failure.waitFor({ state: 'detached' });
      }
    });

    await t.test(`${viewport.name}: a session whose admin key stops working says so, and signing in again works`, async () => {
      await open('Usage');
      // The page's own requests go out after its heading is drawn; they must have left with the good
      // key, or the bad one logs the session out before the click below finds its link.
      await page.locator('table.log tbody tr.openable').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.evaluate("sessionStorage.setItem('interlingua.adminKey', 'a-key-the-gateway-no-longer-takes')");
      await page.getByRole('link', { name: 'Deployments', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'The admin key of this session stopped working' }).waitFor();
      await assertAccessible(`the sign-in page after a lost session (${viewport.name})`);
      await signIn();
    });

    await t.test(`${viewport.name}: every scroll area is reachable by keyboard, on every page`, async () => {
      for (const link of ['Overview', 'Deployments', 'Keys', 'Usage', 'Playground', 'Inspector']) {
        await open(link);
        await page.waitForLoadState('networkidle');
        assert.deepEqual(await unreachableScrollAreas(page), [], `${link} (${viewport.name})`);
      }
      // The inspector's detail, with its long bodies.
      await page.locator('.exchange-list li a').first().click();
      await page.getByRole('heading', { name: 'Caller wire JSON' }).waitFor();
      assert.deepEqual(await unreachableScrollAreas(page), [], `the inspector detail (${viewport.name})`);
      if (viewport.name === 'desktop') {
        // On a wide screen the list stays beside the detail; on a phone the detail is its own view (console-ux.e2e).
        assert.equal(await page.locator('.exchange-list').isVisible(), true, 'the list stays beside the detail');
      }
      // A table wider than a phone scrolls under the keyboard.
      await open('Overview');
      const table = page.getByRole('region', { name: 'Deployments table' });
      const wide = await table.evaluate((element) => element.scrollWidth > element.clientWidth);
      if (wide) {
        await table.focus();
        await page.keyboard.press('ArrowRight');
        await eventually(async () => ((await table.evaluate((element) => element.scrollLeft)) > 0 ? true : undefined), 'the table scrolled by the arrow key');
      }
      assert.equal(wide, viewport.name === 'phone', 'the deployments table scrolls sideways on a phone only');
    });

    await t.test(`${viewport.name}: deployments, usage, request detail and the limits dialog pass axe in the dark scheme`, async () => {
      // Transitions off (the console honours reduced motion), so axe judges the settled dark scheme.
      await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
      try {
        await open('Deployments');
        await page.locator('tr[data-deployment="oa/gpt-4o"]').waitFor();
        await assertAccessible(`the deployments page, dark (${viewport.name})`);
        await open('Usage');
        const row = page.locator('table.log tbody tr.openable').first();
        await row.waitFor();
        await assertAccessible(`the usage page, dark (${viewport.name})`);
        await row.getByRole('button').click();
        const detail = page.getByRole('dialog');
        await detail.waitFor();
        await assertAccessible(`the request detail, dark (${viewport.name})`);
        await page.keyboard.press('Escape');
        await detail.waitFor({ state: 'detached' });
        await open('Keys');
        await page.getByRole('button', { name: /^Edit limits of / }).first().click();
        await page.getByRole('dialog').waitFor();
        await assertAccessible(`the limits dialog, dark (${viewport.name})`);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
      } finally {
        await page.emulateMedia({ colorScheme: 'light' });
      }
    });
  }
  assert.deepEqual(pageErrors, []);
});
