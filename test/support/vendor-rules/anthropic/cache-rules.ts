/**
 * Anthropic prompt caching (https://docs.claude.com/en/docs/build-with-claude/prompt-caching): at most
 * four breakpoints, and a one-hour breakpoint never after a five-minute one, in the order the
 * vendor reads them — tools, then system, then messages.
 */
import { isRecord, type VendorRule } from '../rule.js';
import { listOf, nestedBlocks, onBody, turnsOf } from './body.js';

interface Breakpoint {
  path: string;
  ttl: string;
}

/** Every `cache_control` in reading order: tools, system blocks, message blocks (tool-result contents included). */
function breakpoints(body: Record<string, unknown>): Breakpoint[] {
  const found: Breakpoint[] = [];
  const visit = (path: string, block: unknown): void => {
    const control = isRecord(block) ? block['cache_control'] : undefined;
    if (isRecord(control)) found.push({ path, ttl: typeof control['ttl'] === 'string' ? control['ttl'] : '5m' });
  };
  listOf(body['tools']).forEach((tool, index) => visit(`tools.${index}`, tool));
  listOf(body['system']).forEach((block, index) => visit(`system.${index}`, block));
  for (const turn of turnsOf(body)) {
    turn.blocks.forEach((block, position) => {
      visit(`messages.${turn.index}.content.${position}`, block);
      nestedBlocks(block).forEach((inner, innerPosition) => visit(`messages.${turn.index}.content.${position}.content.${innerPosition}`, inner));
    });
  }
  return found;
}

export const cacheRules: VendorRule[] = [
  {
    id: 'anthropic.cache_control.max-breakpoints',
    // Recorded 400 in https://github.com/tghamm/Anthropic.SDK/issues/50 and https://github.com/continuedev/continue/pull/6937:
    // "A maximum of 4 blocks with cache_control may be provided. Found 5."
    source: 'github.com/tghamm/Anthropic.SDK/issues/50 (recorded 400 body)',
    check: onBody((body) => {
      const count = breakpoints(body).length;
      return count > 4 ? `A maximum of 4 blocks with cache_control may be provided. Found ${count}.` : undefined;
    }),
  },
  {
    id: 'anthropic.cache_control.ttl-order',
    // Recorded 400 in https://github.com/cnighswonger/claude-code-cache-fix/issues/44: "messages.0.content.4.cache_control.ttl:
    // a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed
    // in the following order: `tools`, `system`, `messages`."
    source: 'github.com/cnighswonger/claude-code-cache-fix/issues/44 (recorded 400 body)',
    check: onBody((body) => {
      let seenShort = false;
      for (const breakpoint of breakpoints(body)) {
        if (breakpoint.ttl === '1h' && seenShort) {
          return `${breakpoint.path}.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: \`tools\`, \`system\`, \`messages\`.`;
        }
        if (breakpoint.ttl !== '1h') seenShort = true;
      }
      return undefined;
    }),
  },
];
