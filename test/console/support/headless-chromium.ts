/**
 * Debian's Chromium driven by playwright-core, as the console's browser tests use it: the flags
 * these machines need (no sandbox in containers, no GPU, nothing fetched from the network), a
 * throwaway profile, and where screenshots go to be looked at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The reason the browser tests skip, or false when Chromium is there. */
export const chromiumSkip: false | string = existsSync(chromiumPath) ? false : `Chromium is not installed at ${chromiumPath} (apt-get install -y chromium, as .ci/run does)`;

export const screenshotsDirectory = fileURLToPath(new URL('../../../console-screenshots/', import.meta.url));

const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface HeadlessChromium {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

export async function openChromium(options: { viewport?: { width: number; height: number }; bypassCSP?: boolean } = {}): Promise<HeadlessChromium> {
  mkdirSync(screenshotsDirectory, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'interlingua-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    ...(options.bypassCSP === true ? { bypassCSP: true } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
