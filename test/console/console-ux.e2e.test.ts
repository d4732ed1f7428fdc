/**
 * The console as an operator meets it, in headless Chromium at 1440×900 and 390×844, in the light
 * and the dark colour scheme: charts that tell their values, a playground that stops, counts and
 * goes on after a tool call, an inspector that filters, copies, folds and diffs. axe-core checks
 * every page in each size and scheme; each is saved under build/console-screenshots/ to be looked at.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumSkip, openChromium, screenshotsDirectory, type HeadlessChromium } from './support/headless-chromium.js';
import { axeViolations } from './support/axe-check.js';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import { adminKey, admin, eventually, startConsoleGateway, type ConsoleGateway } from './console-gateway.js';

const skip = chromiumSkip;
const screenshots = screenshotsDirectory;

const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

let server: ConsoleGateway;
let browser: HeadlessChromium;
let page: Page;
let gatewayKey = '';
const pageErrors: string[] = [];

before(async () => {
  if (skip !== false) return;
  server = await startConsoleGateway(50);
  // The console's CSP allows only its own scripts; axe-core is injected past it (console.e2e checks the CSP).
  browser = await openChromium({ viewport: desktop, bypassCSP: true });
  const context = browser.context;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = browser.page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The rate-limited playground reply is refused with a 429 on purpose.
    if (message.type() === 'error' && !/status of 429/.test(message.text())) pageErrors.push(message.text());
  });
});

after(async () => {
  if (skip !== false) return;
  await browser?.close();
  await server?.close();
});

/**
 * The page in both sizes and both colour schemes: no axe violation in any, a screenshot of each.
 * `ready` waits for what must be on screen before the check (charts redraw on resize and scheme).
 */
async function everyView(name: string, ready: () => Promise<unknown>): Promise<void> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    for (const [sizeName, size] of [
      ['desktop', desktop],
      ['phone', phone],
    ] as const) {
      // Transitions off (the console honours reduced motion): axe judges the settled scheme, not a
      // background still easing from the other one under the new text colour, as it did on a busy machine.
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.setViewportSize(size);
      await ready();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(150);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      if (overflow > 1) found.push(`${name} ${sizeName} ${scheme}: scrolls sideways by ${overflow}px`);
      for (const violation of await axeViolations(page)) found.push(`${name} ${sizeName} ${scheme}: ${violation}`);
      await page.screenshot({ path: join(screenshots, `ux-${name}-${sizeName}-${scheme}.png`), fullPage: true });
      // A phone's first screen on its own, as the user sees it first.
      if (sizeName === 'phone') await page.screenshot({ path: join(screenshots, `ux-${name}-${sizeName}-${scheme}-first-screen.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(desktop);
  assert.deepEqual(found, [], 'every view is accessible and fits');
}

async function chat(model: string, body: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${gatewayKey}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello there.' }], ...body }),
  });
}

/** An OpenAI stream of `count` content chunks, built from a recorded stream's own frames. */
function longOpenaiStream(count: number): string {
  const frames = readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse').trim().split('\n\n');
  const [first, content, ...rest] = frames;
  const chunk = JSON.parse((content as string).replace(/^data: /, '')) as { choices: Array<{ delta: { content: string } }> };
  const middle = Array.from({ length: count }, (_, index) => {
    (chunk.choices[0] as { delta: { content: string } }).delta.content = `word${index} `;
    return `data: ${JSON.stringify(chunk)}`;
  });
  return `${[first, ...middle, ...rest.slice(1)].join('\n\n')}\n\n`;
}

test('the console for operators: charts, dark mode, playground and inspector', { skip, timeout: 600_000 }, async (t) => {
  await t.test('traffic to look at: replies on two models and a rate-limited request', async () => {
    gatewayKey = (await admin<{ key: string }>(server.url, '/keys', { method: 'POST', body: { name: 'ux-checks' } })).key;
    for (let index = 0; index < 3; index += 1) {
      server.openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
      await (await chat('gpt-4o')).json();
    }
    server.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    await (await chat('claude-sonnet')).json();
    server.openai.enqueue(upstreamScenarios['openai-chat'].rateLimit);
    const limited = await chat('gpt-4o');
    assert.equal(limited.status, 429);
    await limited.json();
    await eventually(async () => ((await admin<{ total: number }>(server.url, '/usage/log')).total >= 5 ? true : undefined), 'five usage records');
  });

  await t.test('signs in', async () => {
    await page.goto(`${server.url}/console/`);
    await everyView('login', () => page.getByLabel('Admin key').waitFor());
    await page.getByLabel('Admin key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  });

  await t.test('charts show values at the cursor, stack counts, total their legends and compare with the previous period', async () => {
    await page.getByTestId('stat-requests').filter({ hasText: 'Requests5' }).waitFor();
    assert.match((await page.getByTestId('stat-requests').textContent()) ?? '', /None in the previous 24 hours/);
    assert.match((await page.getByTestId('stat-errors').textContent()) ?? '', /^Error rate20%1 errorNo requests in the previous 24 hours$/);
    const requests = page.locator('figure.chart').filter({ hasText: 'Requests' }).first();
    assert.match((await requests.locator('figcaption').textContent()) ?? '', /Requests · stacked5/);
    // Legend labels carry each series' total over the period.
    await requests.locator('.u-legend .u-label').filter({ hasText: 'gpt-4o (4 total)' }).waitFor();
    await requests.locator('.u-legend .u-label').filter({ hasText: 'claude-sonnet (1 total)' }).waitFor();
    // Every request fell in the last bucket: hover the right edge and the legend reads its values, in either size.
    const gptRow = requests.locator('.u-legend tr').filter({ hasText: 'gpt-4o (4 total)' });
    for (const size of [phone, desktop]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(100);
      const plot = requests.locator('.u-over');
      await plot.scrollIntoViewIfNeeded();
      const box = await plot.boundingBox();
      assert.ok(box !== null);
      await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
      assert.equal((await gptRow.locator('.u-value').textContent())?.trim(), '4', `the hovered bucket holds the four gpt-4o requests (${size.width}px)`);
      assert.match((await requests.locator('.u-legend tr').first().locator('.u-value').textContent()) ?? '', /\d{4}/, 'the time of the hovered bucket, with its year');
      await page.mouse.move(0, 0);
    }
    // The keyboard reads the same values: End moves to the last bucket and says what is there.
    await requests.locator('.chart-canvas').focus();
    await page.keyboard.press('End');
    await requests.getByText(/: gpt-4o 4, claude-sonnet 1$/).waitFor();
    assert.equal((await gptRow.locator('.u-value').textContent())?.trim(), '4');
    // Small costs get ticks with enough decimals to tell them apart.
    const costTicks = ((await page.locator('figure.chart').filter({ hasText: 'Cost' }).locator('.chart-canvas').getAttribute('data-y-ticks')) ?? '').split(' | ');
    assert.ok(costTicks.length >= 2, `cost ticks: ${costTicks.join(', ')}`);
    assert.equal(new Set(costTicks).size, costTicks.length, `no cost tick label twice: ${costTicks.join(', ')}`);
    const countTicks = ((await requests.locator('.chart-canvas').getAttribute('data-y-ticks')) ?? '').split(' | ');
    assert.ok(
      countTicks.every((tick) => /^\d+$/.test(tick)),
      `request counts are whole: ${countTicks.join(', ')}`,
    );
    assert.equal(await page.getByRole('region', { name: 'Deployments table' }).getAttribute('tabindex'), '0', 'the table scrolls by keyboard too');
    await everyView('overview', () => page.locator('figure.chart canvas').first().waitFor());
  });

  await t.test('dark mode follows the system, and the header keeps its height on a short page', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor'), 'rgb(11, 17, 32)');
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor'), 'rgb(246, 247, 251)');
    await page.setViewportSize(phone);
    await page.goto(`${server.url}/console/#/nowhere`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    const header = await page.locator('header.sidebar').boundingBox();
    assert.ok(header !== null && header.height < 80, `the top bar stays a bar (${header?.height}px)`);
    await page.setViewportSize(desktop);
  });

  // The usage log is being rebuilt (filters, request detail, keyboard-reachable table) with its own checks.
  await t.test('the keys page passes axe in both sizes and schemes, without sideways scrolling', async () => {
    await page.getByRole('link', { name: 'Keys' }).click();
    await everyView('keys', () => page.getByRole('cell', { name: /ux-checks/ }).first().waitFor());
  });

  await t.test('the playground stops an answer on demand, on a phone and a desktop', async () => {
    await page.setViewportSize(phone);
    await page.getByRole('link', { name: 'Playground' }).click();
    await page.getByLabel('Speak').selectOption('openai-chat');
    await page.getByLabel('Model', { exact: true }).selectOption('claude-sonnet');
    await page.getByRole('button', { name: /Create a playground key/ }).click();
    await eventually(async () => ((await page.getByLabel('Gateway key').inputValue()) !== '' ? true : undefined), 'the playground key');
    const firstFrame = `${readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse').split('\n\n')[0]}\n\n`;
    for (const [index, size] of [phone, desktop].entries()) {
      await page.setViewportSize(size);
      server.anthropic.enqueue({ kind: 'hang', firstFrame });
      await page.getByLabel('Message').fill('Tell me a very long story.');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('button', { name: 'Stop' }).click();
      await eventually(async () => ((await page.locator('.bubble.assistant').getByText('Stopped.').count()) === index + 1 ? true : undefined), `the stopped reply (${size.width}px)`);
      await page.getByRole('button', { name: 'Send' }).waitFor();
    }
  });

  await t.test('the playground shows each reply’s tokens and cost, on a desktop and a phone', async () => {
    const scenario = upstreamScenarios.anthropic.streamText;
    for (const size of [desktop, phone]) {
      await page.setViewportSize(size);
      const replies = await page.getByTestId('reply-tokens').count();
      const costs = await page.getByTestId('reply-cost').count();
      server.anthropic.enqueue(scenario.reply.kind === 'stream' ? { ...scenario.reply, frameDelayMs: 5 } : scenario.reply);
      await page.getByLabel('Message').fill('Say hello.');
      await page.getByRole('button', { name: 'Send' }).click();
      await eventually(async () => ((await page.getByTestId('reply-tokens').count()) === replies + 1 ? true : undefined), `the reply's tokens (${size.width}px)`);
      const tokens = page.getByTestId('reply-tokens').last();
      assert.equal(await tokens.textContent(), `${scenario.expected.inputTokens} in · ${scenario.expected.outputTokens} out tokens`);
      await eventually(async () => ((await page.getByTestId('reply-cost').count()) === costs + 1 ? true : undefined), `the reply's cost (${size.width}px)`);
      assert.match((await page.getByTestId('reply-cost').last().textContent()) ?? '', /^\$\d|^no price$/);
    }
    await page.setViewportSize(desktop);
  });

  /** One tool round trip, spoken in `dialect`: the model calls get_weather, the user answers, the model goes on. */
  async function toolRoundTrip(dialect: string, look: boolean): Promise<void> {
    await page.getByRole('button', { name: 'Clear chat' }).click();
    await page.getByLabel('Speak').selectOption(dialect);
    await page.getByLabel('Stream the answer').uncheck();
    await page.getByLabel(/Offer a tool/).check();
    // The recorded tool call, for the tool the playground offers.
    const recorded = readFixtureJson('anthropic/fantasy-sonnet4-tool.i0.response.json') as { content: Array<Record<string, unknown>> };
    const call = { ...recorded, content: recorded.content.map((block) => (block.type === 'tool_use' ? { ...block, name: 'get_weather', input: { city: 'Florence' } } : block)) };
    server.anthropic.enqueue({ kind: 'json', body: call });
    await page.getByLabel('Message').fill('What is the weather in Florence?');
    await page.getByRole('button', { name: 'Send' }).click();
    const result = page.getByLabel('Result of get_weather');
    await result.waitFor();
    await result.fill('{"temperature_c": 40}');
    const followUp = readFixtureJson('anthropic/fantasy-sonnet4-tool.i1.response.json') as { content: Array<{ type: string; text?: string }> };
    server.anthropic.enqueue({ kind: 'json', body: followUp });
    if (look) await everyView('playground-tool-call', () => result.waitFor());
    await page.getByRole('button', { name: 'Send result and continue' }).click();
    const answer = followUp.content.find((block) => block.type === 'text')?.text ?? '';
    await page.locator('.bubble.assistant .bubble-text').filter({ hasText: answer.slice(0, 20) }).waitFor();
    const sent = server.anthropic.requests.at(-1)?.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }> };
    const toolUse = sent.messages.at(-2)?.content.find((block) => block.type === 'tool_use');
    const toolResult = sent.messages.at(-1)?.content.find((block) => block.type === 'tool_result');
    assert.equal(toolUse?.name, 'get_weather', `${dialect}: the call went back`);
    assert.equal(toolResult?.tool_use_id, toolUse?.id, `${dialect}: the result answers that call`);
    assert.match(JSON.stringify(toolResult), /temperature_c/, `${dialect}: with the user's result`);
  }

  for (const [sizeName, size] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    await t.test(`the playground sends a tool result and the model goes on, in every dialect it speaks (${sizeName})`, async () => {
      await page.setViewportSize(size);
      await toolRoundTrip('openai-chat', sizeName === 'desktop');
      assert.equal((server.anthropic.requests.at(-1)?.body as { messages: Array<{ content: Array<{ tool_use_id?: string }> }> }).messages.at(-1)?.content[0]?.tool_use_id, 'toolu_01XLb9pzgfLa2EMyqWot6Ezt', 'the recorded call id, carried through');
      for (const dialect of ['openai-responses', 'anthropic', 'gemini', 'ollama']) await toolRoundTrip(dialect, false);
      await page.getByLabel('Speak').selectOption('openai-chat');
      await page.setViewportSize(desktop);
    });
  }

  for (const [sizeName, size] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    await t.test(`a failed reply shows its status and links to the inspector (${sizeName})`, async () => {
      await page.setViewportSize(size);
      if (!page.url().includes('#/playground')) await page.getByRole('link', { name: 'Playground' }).click();
      await page.getByRole('button', { name: 'Clear chat' }).click();
      await page.getByLabel('Speak').selectOption('openai-chat');
      await page.getByLabel(/Offer a tool/).uncheck();
      await page.getByLabel('Stream the answer').uncheck();
      await page.getByLabel('Model', { exact: true }).selectOption('gpt-4o');
      server.openai.enqueue(upstreamScenarios['openai-chat'].rateLimit);
      await page.getByLabel('Message').fill('Hello?');
      await page.getByRole('button', { name: 'Send' }).click();
      const alert = page.locator('.bubble').getByRole('alert');
      await alert.waitFor();
      assert.match((await alert.textContent()) ?? '', /^429 · /);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(overflow <= 1, `the error does not push the page sideways (${overflow}px)`);
      if (sizeName === 'desktop') await everyView('playground-error', () => alert.waitFor());
      await page.setViewportSize(size);
      await alert.getByRole('link', { name: 'Inspect this request' }).click();
      const inspected = page.getByRole('article').filter({ hasText: '429' }).first();
      await inspected.waitFor();
      assert.ok(await inspected.isVisible(), `the failed request opens in view (${sizeName})`);
      const top = await page.locator('.exchange-summary').boundingBox();
      assert.ok(top !== null && top.y < size.height, `the failed request starts on screen (${top?.y}px)`);
      await page.setViewportSize(desktop);
    });
  }

  let streamed = '';
  await t.test('a long stream to inspect: a hundred chunks and a long prompt', async () => {
    server.openai.enqueue({ kind: 'stream', text: longOpenaiStream(100), frameDelayMs: 2 });
    const response = await chat('gpt-4o', { stream: true, messages: [{ role: 'user', content: `Summarise: ${'lorem ipsum '.repeat(200)}` }] });
    await response.text();
    streamed = response.headers.get('x-interlingua-exchange') ?? '';
    assert.match(streamed, /^exc_/);
  });

  /** Whether the page scrolls sideways, in pixels beyond its width. */
  const sidewaysOverflow = (): Promise<number> => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  for (const [sizeName, size] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    await t.test(`the inspector folds a long stream and long strings, and copies bodies (${sizeName})`, async () => {
      await page.setViewportSize(size);
      // Through the list, so the detail opens fresh: folded, nothing copied yet.
      await page.goto(`${server.url}/console/#/inspector`);
      await page.locator('.exchange-list').waitFor();
      await page.goto(`${server.url}/console/#/inspector/${streamed}`);
      await page.getByRole('heading', { name: 'Stream, chunk by chunk' }).waitFor();
      const rows = page.locator('table.chunks tbody tr');
      assert.equal(await rows.count(), 11, 'five chunks, a fold, five chunks');
      const total = Number(/(\d+) chunks/.exec((await page.locator('#stream-title + span').textContent()) ?? '')?.[1]);
      assert.ok(total > 100, `${total} chunks`);
      // The folded page, against the whole stream's below: not a fixed height, since what each shown chunk holds
      // depends on how the upstream's writes were read (one event or several), which varies with the machine's load.
      const foldedHeight = await page.evaluate<number>('document.documentElement.scrollHeight');
      if (sizeName === 'desktop') await everyView('inspector-stream', () => rows.first().waitFor());
      await page.setViewportSize(size);
      const streamCopy = await page.getByRole('button', { name: 'Copy the stream the caller received' }).boundingBox();
      // In the stream card's header, above the chunks: beside the title on a desktop, under it where the header wraps on a phone.
      const streamHeader = await page.locator('section[aria-labelledby="stream-title"] > .card-header').boundingBox();
      const streamTable = await page.getByRole('region', { name: 'Stream chunks' }).boundingBox();
      assert.ok(streamCopy !== null && streamHeader !== null && streamTable !== null, 'the stream card has a header, a copy button and its chunks');
      assert.ok(streamCopy.y >= streamHeader.y && streamCopy.y + streamCopy.height <= streamHeader.y + streamHeader.height + 1 && streamCopy.y < streamTable.y, `the stream’s copy button sits in its header (${streamCopy.y}px in ${streamHeader.y}–${streamHeader.y + streamHeader.height}px)`);
      if (sizeName === 'desktop') {
        const streamHeading = await page.getByRole('heading', { name: 'Stream, chunk by chunk' }).boundingBox();
        assert.ok(streamHeading !== null && Math.abs(streamCopy.y - streamHeading.y) < 40, 'on a desktop, beside the title');
      }
      assert.ok(streamCopy.x + streamCopy.width <= size.width, `the stream’s copy button is on screen (${streamCopy.x + streamCopy.width}px)`);
      await page.getByRole('button', { name: `Show all ${total} chunks` }).click();
      assert.equal(await rows.count(), total);
      const wholeHeight = await page.evaluate<number>('document.documentElement.scrollHeight');
      assert.ok(foldedHeight * 2 < wholeHeight, `the folded page (${foldedHeight}px) is far shorter than the whole stream's (${wholeHeight}px)`);
      assert.ok((await sidewaysOverflow()) <= 1, `the whole stream does not push the page sideways (${await sidewaysOverflow()}px)`);
      // The long prompt is folded, and opens whole, wrapped within the page.
      const callerJson = page.locator('pre.json[aria-label="Caller wire JSON"]');
      const fold = callerJson.getByRole('button', { name: /show all [\d,]+ characters/ });
      await fold.click();
      assert.equal(await callerJson.getByRole('button', { name: 'fold' }).getAttribute('aria-expanded'), 'true');
      assert.ok((await sidewaysOverflow()) <= 1, `the unfolded prompt does not push the page sideways (${await sidewaysOverflow()}px)`);
      const callerBox = await callerJson.boundingBox();
      assert.ok(callerBox !== null && callerBox.x + callerBox.width <= size.width + 1, `the caller JSON fits the screen (${callerBox?.x}+${callerBox?.width}px)`);
      await page.evaluate('navigator.clipboard.writeText("")');
      await page.getByRole('button', { name: 'Copy Caller wire JSON' }).click();
      await page.getByRole('button', { name: 'Copy Caller wire JSON' }).filter({ hasText: 'Copied' }).waitFor();
      const copied = JSON.parse(await page.evaluate<string>('navigator.clipboard.readText()')) as { model: string; stream: boolean };
      assert.equal(copied.model, 'gpt-4o');
      assert.equal(copied.stream, true);
      await page.setViewportSize(desktop);
    });
  }

  for (const [sizeName, size] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    await t.test(`the inspector filters its list and shows what the translation changed (${sizeName})`, async () => {
      await page.setViewportSize(size);
      await page.goto(`${server.url}/console/#/inspector`);
      await page.getByLabel('Filter').fill('claude 200 openai-chat');
      await page.getByText(/\d+ of \d+ requests match/).waitFor();
      const entries = page.locator('.exchange-list li');
      assert.ok((await entries.count()) >= 1);
      for (const text of await entries.allTextContents()) assert.match(text, /claude-sonnet/);
      if (sizeName === 'desktop') await everyView('inspector-list', () => entries.first().waitFor());
      await page.setViewportSize(size);
      await entries.first().locator('a').click();
      const diff = page.getByRole('region', { name: 'What the translation changed: field changes' });
      await diff.waitFor();
      await diff.scrollIntoViewIfNeeded();
      assert.ok(await diff.isVisible(), `the diff is reachable (${sizeName})`);
      assert.match((await diff.getByRole('row').filter({ hasText: 'added' }).allTextContents()).join('\n'), /max_tokens/, 'Anthropic needs max_tokens; the translation added it');
      assert.match((await diff.getByRole('row').filter({ hasText: /^changed/ }).allTextContents()).join('\n'), /model.*claude-sonnet.*claude-sonnet-4-20250514/);
      // The answer comes back the other way: Anthropic's usage becomes OpenAI's.
      const answerDiff = page.getByRole('region', { name: 'What the answer’s translation changed: field changes' });
      assert.match((await answerDiff.getByRole('row').filter({ hasText: 'renamed' }).allTextContents()).join('\n'), /usage\.input_tokens.*usage\.prompt_tokens/);
      assert.ok((await sidewaysOverflow()) <= 1, `the diff does not push the page sideways (${await sidewaysOverflow()}px)`);
      const diffBox = await diff.boundingBox();
      assert.ok(diffBox !== null && diffBox.x + diffBox.width <= size.width + 1, `the diff fits the screen (${diffBox?.x}+${diffBox?.width}px)`);
      // Nor does the diff scroll sideways inside: on a phone each change is a card of labelled fields.
      for (const region of [diff, answerDiff]) {
        const inner = await region.evaluate((element) => element.scrollWidth - element.clientWidth);
        assert.ok(inner <= 1, `the diff reads without scrolling sideways (${inner}px at ${size.width}px)`);
      }
      if (sizeName === 'desktop') await everyView('inspector-detail', () => diff.waitFor());
      await page.setViewportSize(desktop);
    });
  }

  await t.test('on a phone the inspector detail is its own view, at the top', async () => {
    await page.setViewportSize(phone);
    await page.goto(`${server.url}/console/#/inspector`);
    const last = page.locator('.exchange-list li a').last();
    await last.scrollIntoViewIfNeeded();
    await last.click();
    await page.getByRole('link', { name: '← All requests' }).waitFor();
    assert.equal(await page.locator('.exchange-list').isVisible(), false, 'the list gives way to the detail');
    const summary = await page.locator('.exchange-summary').boundingBox();
    assert.ok(summary !== null && summary.y < phone.height, `the detail starts on screen (${summary?.y}px)`);
    await page.getByRole('link', { name: '← All requests' }).click();
    await page.locator('.exchange-list').waitFor();
    await page.setViewportSize(desktop);
  });

  await t.test('the converter passes axe in both sizes and schemes', async () => {
    await page.getByRole('button', { name: 'Convert a body' }).click();
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    const diff = page.getByRole('region', { name: 'What the conversion changed: field changes' });
    await diff.getByRole('row').filter({ hasText: 'renamed' }).first().waitFor();
    assert.match((await diff.getByRole('row').filter({ hasText: 'renamed' }).allTextContents()).join('\n'), /tools\[0\]\.function\.parameters.*tools\[0\]\.input_schema/);
    await everyView('convert', () => page.locator('pre.json[aria-label="anthropic body"]').filter({ hasText: 'messages' }).waitFor());
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page');
});
