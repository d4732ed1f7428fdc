/**
 * The keys page as an operator uses it in a browser, at 1440×900 and 390×844: loading and failed loads, the limits and
 * revoke dialogs by keyboard, dates with year and zone, and a session whose admin key stops working.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe-check.js';
import { chromiumSkip, openChromium, screenshotsDirectory, type HeadlessChromium } from './support/headless-chromium.js';
import { adminKey, admin, startConsoleGateway, type ConsoleGateway } from './console-gateway.js';

const skip = chromiumSkip;
const screenshots = screenshotsDirectory;

let server: ConsoleGateway;
let browser: HeadlessChromium;
let page: Page;

before(async () => {
  if (skip !== false) return;
  server = await startConsoleGateway();
  browser = await openChromium({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  page = browser.page;
});

after(async () => {
  if (skip !== false) return;
  await browser?.close();
  await server?.close();
});

const viewports = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function assertAccessible(what: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe-core finds no violations on ${what}`);
}

/** Whether focus is inside the element `selector` matches. */
function focusInside(selector: string): Promise<boolean> {
  return page.evaluate<boolean>(`document.querySelector(${JSON.stringify(selector)})?.contains(document.activeElement) ?? false`);
}

test('keys page: loading, a failed load with retry, dialogs that hold and return focus, a revoke that names the key', { skip, timeout: 180_000 }, async (t) => {
  // Next year's 4 March: always ahead, as a new key's expiry must be.
  const year = new Date().getUTCFullYear() + 1;
  const expires = Date.UTC(year, 2, 4, 5, 6);

  for (const viewport of viewports) {
    await admin(server.url, '/keys', { method: 'POST', body: { name: `search-team-${viewport.name}`, rpm: 60, expires: new Date(expires).toISOString() } });
    await page.setViewportSize(viewport);
    await t.test(`${viewport.name}: signs in`, async () => {
      await page.goto(`${server.url}/console/`);
      await page.getByLabel('Admin key').fill(adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    });

    await t.test(`${viewport.name}: while the keys load, the table shows placeholders, not "No keys yet"`, async () => {
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/admin/keys', async (route) => {
        await held;
        await route.continue();
      });
      await page.getByRole('link', { name: 'Keys' }).click();
      await page.locator('tr.skeleton-row').first().waitFor();
      assert.equal(await page.getByText('No keys yet').count(), 0);
      release();
      await page.getByRole('cell', { name: new RegExp(`search-team-${viewport.name}`) }).first().waitFor();
      assert.equal(await page.locator('tr.skeleton-row').count(), 0);
      await page.unroute('**/admin/keys');
    });

    await t.test(`${viewport.name}: an unreachable gateway is said in words, with a Retry that works`, async () => {
      await page.route('**/admin/keys', (route) => route.abort('connectionrefused'));
      await page.getByRole('link', { name: 'Overview' }).click();
      await page.getByRole('link', { name: 'Keys' }).click();
      const failure = page.getByRole('alert').filter({ hasText: 'The gateway cannot be reached' });
      await failure.waitFor();
      assert.doesNotMatch((await failure.textContent()) ?? '', /Failed to fetch/);
      await page.unroute('**/admin/keys');
      await failure.getByRole('button', { name: 'Retry' }).click();
      await page.getByRole('cell', { name: new RegExp(`search-team-${viewport.name}`) }).first().waitFor();
      assert.equal(await failure.count(), 0);
    });

    await t.test(`${viewport.name}: created and expiry dates carry the year and the time zone`, async () => {
      const row = page.getByRole('row').filter({ hasText: `search-team-${viewport.name}` });
      const text = (await row.textContent()) ?? '';
      assert.match(text, new RegExp(`4 Mar ${year}, \\d\\d:\\d\\d [A-Z]+`), 'the expiry');
      assert.ok((await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')) <= 0, 'the keys page does not scroll sideways');
      await assertAccessible(`the keys page (${viewport.name})`);
      assert.match(text, new RegExp(`${new Date().getUTCFullYear()}, \\d\\d:\\d\\d [A-Z]+`), 'the creation');
    });

    await t.test(`${viewport.name}: the limits dialog takes focus, closes on Escape and gives focus back`, async () => {
      const opener = page.getByRole('button', { name: `Edit limits of search-team-${viewport.name}` });
      await opener.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: `Limits of “search-team-${viewport.name}”` });
      await dialog.waitFor();
      assert.ok(await focusInside('dialog[open]'), 'focus moved into the dialog');
      await assertAccessible(`the limits dialog (${viewport.name})`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.evaluate<string | null>("document.activeElement?.getAttribute('aria-label')"), `Edit limits of search-team-${viewport.name}`);
      // The page behind is usable again: nothing left covering it.
      await page.getByRole('button', { name: `Edit limits of search-team-${viewport.name}` }).click({ timeout: 2000 });
      await page.getByRole('dialog').getByLabel('Requests / min').fill('120');
      await page.getByRole('button', { name: 'Save limits' }).click();
      await page.getByRole('row').filter({ hasText: `search-team-${viewport.name}` }).filter({ hasText: '120 req/min' }).waitFor();
    });

    await t.test(`${viewport.name}: revoking asks in a dialog that names the key; Cancel keeps it, Revoke revokes it`, async () => {
      await page.getByRole('button', { name: `Revoke search-team-${viewport.name}` }).click();
      const dialog = page.getByRole('dialog', { name: `Revoke “search-team-${viewport.name}”?` });
      await dialog.waitFor();
      await page.screenshot({ path: join(screenshots, `revoke-dialog-${viewport.name}.png`) });
      assert.equal(await page.evaluate<string | null>('document.activeElement?.textContent'), 'Cancel', 'the safe choice has focus');
      await assertAccessible(`the revoke dialog (${viewport.name})`);
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      assert.equal((await admin<{ data: Array<{ name: string; revokedAt?: number }> }>(server.url, '/keys')).data.find((key) => key.name === `search-team-${viewport.name}`)?.revokedAt, undefined);
      await page.getByRole('button', { name: `Revoke search-team-${viewport.name}` }).click();
      await dialog.getByRole('button', { name: `Revoke search-team-${viewport.name}` }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: `Revoke search-team-${viewport.name}` }).waitFor({ state: 'detached' });
      assert.notEqual((await admin<{ data: Array<{ name: string; revokedAt?: number }> }>(server.url, '/keys')).data.find((key) => key.name === `search-team-${viewport.name}`)?.revokedAt, undefined);
    });

    await t.test(`${viewport.name}: the usage log: placeholders while loading, a failed load with Retry, times with year and zone`, async () => {
      await admin(server.url, '/keys', { method: 'POST', body: { name: `usage-check-${viewport.name}` } });
      await page.route('**/admin/usage/log*', (route) => route.abort('connectionrefused'));
      await page.getByRole('link', { name: 'Usage' }).click();
      const failure = page.getByRole('alert').filter({ hasText: 'The gateway cannot be reached' });
      await failure.waitFor();
      assert.equal(await page.getByText('No requests match').count(), 0, 'a failed load is not an empty log');
      await page.unroute('**/admin/usage/log*');
      await failure.getByRole('button', { name: 'Retry' }).click();
      await failure.waitFor({ state: 'detached' });
    });

    await t.test(`${viewport.name}: a session whose admin key stops working says so on the sign-in page`, async () => {
      await page.evaluate("sessionStorage.setItem('interlingua.adminKey', 'a-key-the-gateway-no-longer-takes')");
      await page.getByRole('link', { name: 'Keys' }).click();
      await page.getByRole('status').filter({ hasText: 'The admin key of this session stopped working' }).waitFor();
      await page.getByLabel('Admin key').waitFor();
    });
  }
});
