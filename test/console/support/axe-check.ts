/**
 * axe-core run inside the console's page, for the browser tests. It is injected as a script
 * tag, which the console's CSP refuses unless the browser was opened with `bypassCSP`.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page as it is now, one readable line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  if ((await page.evaluate<boolean>('typeof window.axe === "object"')) === false) await page.addScriptTag({ path: axeScript });
  return page.evaluate<string[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.map((violation) => violation.id + ' (' + violation.help + ') at ' + violation.nodes.slice(0, 4).map((node) => node.target.join(' ') + ' ' + (node.failureSummary || '').slice(0, 160)).join('; ')))`,
  );
}

/**
 * Every element that scrolls its content but cannot take focus, by tag and class: a keyboard
 * cannot scroll those. The page itself scrolls by keyboard already and is left out.
 */
export function unreachableScrollAreas(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
    .filter((element) => {
      const style = getComputedStyle(element);
      const sideways = /auto|scroll/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
      const down = /auto|scroll/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
      return (sideways || down) && element.tabIndex < 0 && element.getClientRects().length > 0;
    })
    .map((element) => element.tagName.toLowerCase() + '.' + [...element.classList].join('.'))`);
}
