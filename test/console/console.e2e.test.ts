/**
 * The console end to end, in headless Chromium (Debian's `chromium`, driven by playwright-core):
 * sign in, create a key and use it from the OpenAI SDK, find the request in the usage log and the
 * overview, stream a reply in the playground and open it in the inspector. Each page is saved as
 * a screenshot under build/console-screenshots/ to be looked at.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Page } from 'playwright-core';
import { chromiumSkip, openChromium, screenshotsDirectory, type HeadlessChromium } from './support/headless-chromium.js';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { adminKey, admin, eventually, startConsoleGateway, type ConsoleGateway } from './console-gateway.js';

const skip = chromiumSkip;
const screenshots = screenshotsDirectory;


let server: ConsoleGateway;
let browser: HeadlessChromium;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (skip !== false) return;
  server = await startConsoleGateway();
  browser = await openChromium({ viewport: { width: 1440, height: 900 } });
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The sign-in with a wrong key is refused with a 401 on purpose.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) pageErrors.push(message.text());
  });
});

after(async () => {
  if (skip !== false) return;
  await browser?.close();
  await server?.close();
});

async function shoot(name: string): Promise<void> {
  // Charts and fonts settle on the next frames; wait for the network to be idle rather than a fixed time.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

test('the console in a browser: keys, usage, overview, playground and inspector', { skip, timeout: 120_000 }, async (t) => {
  let secret = '';

  await t.test('serves the page with its assets and asks for the admin key', async () => {
    const response = await page.goto(`${server.url}/console/`);
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()['content-security-policy'] ?? '', /default-src 'self'/);
    await page.getByLabel('Admin key').waitFor();
    await shoot('01-login');
    await page.getByLabel('Admin key').fill('wrong-key-wrong-key-wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    await page.getByLabel('Admin key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    assert.equal((await page.evaluate<string>('window.location.href')).includes(adminKey), false, 'the admin key is never in the URL');
  });

  await t.test('creates a key and shows its secret once', async () => {
    await page.getByRole('link', { name: 'Keys' }).click();
    await page.getByLabel('Name').fill('billing-service');
    await page.getByLabel('Budget (USD)').first().fill('25');
    await page.getByLabel('Requests / min').first().fill('600');
    await page.getByRole('button', { name: 'Create key' }).click();
    secret = (await page.getByTestId('created-key').textContent()) ?? '';
    assert.match(secret, /^\S{20,}$/);
    await page.getByRole('cell', { name: /billing-service/ }).first().waitFor();
    await shoot('02-keys');
  });

  await t.test('the key works from the OpenAI SDK', async () => {
    server.openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
    const client = new OpenAI({ apiKey: secret, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me a story.' }] });
    assert.equal(completion.choices[0]?.message.content, upstreamScenarios['openai-chat'].text.expected.text);
    await eventually(async () => {
      const usage = await admin<{ data: Array<{ keyName?: string }> }>(server.url, '/usage?key=billing-service');
      return usage.data.length > 0 ? true : undefined;
    }, 'the usage record');
  });

  await t.test('the request is in the usage log and the key shows its spend', async () => {
    await page.getByRole('link', { name: 'Usage' }).click();
    // The keys page's own row for the key matches too until the usage page replaces it.
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'billing-service' });
    await row.first().waitFor();
    assert.match((await row.first().textContent()) ?? '', /gpt-4o/);
    assert.match((await row.first().textContent()) ?? '', /oa\/gpt-4o/);
    await page.getByLabel('Status').selectOption('error');
    await page.getByText('No requests match').waitFor();
    await page.getByLabel('Status').selectOption('');
    await row.first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await download;
    assert.match(csv.suggestedFilename(), /\.csv$/);
    await shoot('03-usage');
    await page.getByRole('link', { name: 'Keys' }).click();
    await page.getByRole('row').filter({ hasText: 'billing-service' }).filter({ hasText: '1 requests' }).waitFor();
  });

  await t.test('the overview counts it and draws the charts', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByTestId('stat-requests').filter({ hasText: /^Requests1(\D|$)/ }).waitFor();
    // The summary can be drawn a frame before the charts that replace their placeholders.
    await page.locator('.chart canvas').nth(4).waitFor();
    assert.equal(await page.locator('.chart canvas').count(), 5);
    await page.getByRole('row').filter({ hasText: 'claude-sonnet' }).waitFor();
    await shoot('04-overview');
  });

  let exchange = '';
  await t.test('the playground streams a reply, translated from Anthropic to OpenAI Chat', async () => {
    const scenario = upstreamScenarios.anthropic.streamText;
    // Paced, so the upstream's frames arrive as separate chunks, as from a real model.
    server.anthropic.enqueue(scenario.reply.kind === 'stream' ? { ...scenario.reply, frameDelayMs: 10 } : scenario.reply);
    await page.getByRole('link', { name: 'Playground' }).click();
    await page.getByLabel('Speak').selectOption('openai-chat');
    await page.getByLabel('Model', { exact: true }).selectOption('claude-sonnet');
    await page.getByRole('button', { name: /Create a playground key/ }).click();
    await eventually(async () => ((await page.getByLabel('Gateway key').inputValue()) !== '' ? true : undefined), 'the playground key');
    await page.getByLabel('Message').fill('Tell me a story about a dragon.');
    await page.getByRole('button', { name: 'Send' }).click();
    // The answer's footer (and its Inspect link) appears once the stream has ended.
    const inspect = page.getByRole('link', { name: 'Inspect', exact: true });
    await inspect.waitFor();
    assert.equal(await page.locator('.bubble.assistant .bubble-text').textContent(), scenario.expected.text);
    exchange = decodeURIComponent(((await inspect.getAttribute('href')) ?? '').replace('#/inspector/', ''));
    assert.match(exchange, /^exc_/);
    assert.equal(server.anthropic.requests.length, 1, 'the upstream was asked once');
    await shoot('05-playground');
  });

  await t.test('the inspector shows the three views and the stream chunk by chunk', async () => {
    await page.getByRole('link', { name: 'Inspect', exact: true }).click();
    for (const heading of ['Caller wire JSON', 'Interlingua', 'Upstream wire JSON', 'Stream, chunk by chunk']) await page.getByRole('heading', { name: heading }).waitFor();
    const caller = (await page.locator('pre.json[aria-label="Caller wire JSON"]').textContent()) ?? '';
    assert.match(caller, /"messages"/);
    assert.match(caller, /dragon/);
    const upstream = (await page.locator('pre.json[aria-label="Upstream wire JSON"]').textContent()) ?? '';
    assert.match(upstream, /"max_tokens": 1024/, 'the Anthropic body, with the default max_tokens');
    assert.match(upstream, /claude-sonnet-4-20250514/);
    const interlingua = (await page.locator('pre.json[aria-label="Interlingua request"]').textContent()) ?? '';
    assert.match(interlingua, /"role": "user"/);
    const chunks = page.locator('table.chunks tbody tr');
    assert.ok((await chunks.count()) >= 1, 'the stream has chunks');
    assert.match((await chunks.first().textContent()) ?? '', /message_start/);
    assert.match((await page.locator('table.chunks').textContent()) ?? '', /chat\.completion\.chunk/);
    await shoot('06-inspector');
  });

  await t.test('the inspector converts a pasted body', async () => {
    await page.getByRole('button', { name: 'Convert a body' }).click();
    await page.getByLabel('To', { exact: true }).selectOption('gemini');
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    await page.locator('pre.json[aria-label="gemini body"]').filter({ hasText: 'contents' }).waitFor();
    assert.match((await page.locator('pre.json[aria-label="gemini body"]').textContent()) ?? '', /functionDeclarations/);
    await page.getByRole('region', { name: 'Translation warnings' }).filter({ hasText: 'logprobs' }).waitFor();
    await shoot('07-convert');
  });

  await t.test('works on a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByTestId('stat-requests').waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 1, `no sideways scrolling (${overflow}px)`);
    await shoot('08-overview-phone');
    await page.getByRole('link', { name: 'Playground' }).click();
    await page.getByLabel('Message').waitFor();
    await shoot('09-playground-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page');
});
