/**
 * Anthropic prompt caching (https://docs.claude.com/en/docs/build-with-claude/prompt-caching): at most
 * four breakpoints, and a one-hour breakpoint never after a five-minute one, in the order the
 * vendor reads them — tools, then system, then messages.
 */
import { isRecord, type VendorRule } from '../rule.js';
import { blockType, firstOf, listOf, nestedBlocks, onBody, turnsOf } from './body.js';

interface Breakpoint {
  path: string;
  ttl: string;
}

/**
 * Every `cache_control` in reading order: tools, system blocks, message blocks (tool-result contents
 * included), and last the top-level one, which lands on the last cacheable block and "uses one of the
 * 4 available breakpoint slots … If 4 explicit block-level breakpoints already exist, the API returns
 * a 400 error" (the prompt caching page, as quoted in https://github.com/UKGovernmentBEIS/inspect_ai/issues/4505).
 */
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
  visit('request', body);
  return found;
}

/**
 * A thinking or redacted thinking block takes no `cache_control`: "messages.13.content.0.thinking.cache_control: Extra
 * inputs are not permitted" (recorded 400 bodies: github.com/Wei-Shaw/sub2api/issues/225, through Vertex;
 * github.com/lbjlaq/Antigravity-Manager/issues/744, messages.59), for `redacted_thinking` too
 * (github.com/LeenHawk/gproxy/issues/67, whose fix strips it from both; that block's wording is the validator's
 * same pattern, not recorded). Exported for the Bedrock InvokeModel judge, which takes Claude's body.
 */
export const thinkingCacheControlRefused: VendorRule = {
  id: 'anthropic.thinking.no-cache-control',
  source: 'github.com/Wei-Shaw/sub2api/issues/225; github.com/lbjlaq/Antigravity-Manager/issues/744 (recorded 400 bodies); github.com/LeenHawk/gproxy/issues/67',
  check: onBody((body) =>
    firstOf(
      turnsOf(body).flatMap((turn) => turn.blocks.map((block, position) => ({ path: `messages.${turn.index}.content.${position}`, block }))),
      ({ path, block }) => {
        const type = blockType(block);
        return (type === 'thinking' || type === 'redacted_thinking') && block['cache_control'] !== undefined ? `${path}.${type}.cache_control: Extra inputs are not permitted` : undefined;
      },
    ),
  ),
};

export const cacheRules: VendorRule[] = [
  thinkingCacheControlRefused,
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

/**
 * Claude on Bedrock (InvokeModel) and on Vertex AI take no top-level `cache_control`: Anthropic's
 * automatic caching comes to those platforms "later", and they refuse it with
 * "cache_control: Extra inputs are not permitted" (https://github.com/UKGovernmentBEIS/inspect_ai/pull/3851;
 * Bedrock's 400 body `{"message":"cache_control: Extra inputs are not permitted"}`:
 * https://github.com/BerriAI/litellm/issues/26320; "Vertex AI does not support automatic caching":
 * https://github.com/dust-tt/dust/pull/27109). Not one of `cacheRules`: Anthropic's own API takes it.
 */
export const requestLevelCacheRefused: VendorRule = {
  id: 'anthropic.cache_control.request-level-refused',
  source: 'github.com/UKGovernmentBEIS/inspect_ai/pull/3851; github.com/BerriAI/litellm/issues/26320 (recorded 400 body)',
  check: onBody((body) => (body['cache_control'] === undefined ? undefined : 'cache_control: Extra inputs are not permitted')),
};
