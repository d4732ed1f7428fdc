/**
 * Anthropic's limit on `cache_control` breakpoints (read and written by core/cache-control.ts: on
 * content blocks, system blocks and tools). A value of another shape stays in vendor data, so only
 * an Anthropic upstream gets it back.
 */
import type { Warning } from '../../interlingua/warning.js';
import { isPlainObject } from './vendor-data.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

/**
 * "You can define up to 4 cache breakpoints" per request
 * (https://docs.claude.com/en/docs/build-with-claude/prompt-caching#how-to-implement-prompt-caching);
 * more are refused with a 400.
 */
export const maxCacheBreakpoints = 4;

/**
 * Every place a breakpoint can sit in an emitted body, in prefix order (tools, system, messages;
 * "the cache prefix follows the order tools, system, messages"), tool_result contents included,
 * and last the body itself: its top-level `cache_control` goes on "the last cacheable block in the
 * request" (the SDK's `cache_control` body param, node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts),
 * after every other, and "the automatic cache breakpoint uses one of the 4 available breakpoint
 * slots … If 4 explicit block-level breakpoints already exist, the API returns a 400 error"
 * (the prompt caching page's "Combining with block-level caching", as quoted in
 * https://github.com/UKGovernmentBEIS/inspect_ai/issues/4505; a gateway adding its own to a caller's
 * top-level one hit "A maximum of 4 blocks with cache_control may be provided. Found 5.",
 * https://github.com/Wei-Shaw/sub2api/pull/2018).
 */
function breakpointHolders(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const holders: Array<Record<string, unknown>> = [];
  const visit = (blocks: unknown): void => {
    if (!Array.isArray(blocks)) return;
    for (const block of blocks) {
      if (!isPlainObject(block)) continue;
      holders.push(block);
      if (block['type'] === 'tool_result') visit(block['content']);
    }
  };
  visit(body['tools']);
  visit(body['system']);
  if (Array.isArray(body['messages'])) for (const message of body['messages']) if (isPlainObject(message)) visit(message['content']);
  holders.push(body);
  return holders;
}

/**
 * A 1-hour breakpoint must come before every 5-minute one in prefix order: "longer TTL entries
 * must appear before shorter ones" (https://docs.claude.com/en/docs/build-with-claude/prompt-caching#mixing-different-ttls;
 * gateways lower "any later 1h blocks if a 5m block precedes them, ensuring compliance with
 * Anthropic ordering rules", https://github.com/router-for-me/CLIProxyAPI/issues/3398). A caller of
 * another dialect may mix them in any order; a 1-hour one after a 5-minute one is lowered to five
 * minutes, and said so.
 */
export function orderCacheTtls(body: Record<string, unknown>, warnings: Warning[]): void {
  let seenShort = false;
  let lowered = 0;
  for (const holder of breakpointHolders(body)) {
    const control = holder['cache_control'];
    if (!isPlainObject(control)) continue;
    if (control['ttl'] !== '1h') seenShort = true;
    else if (seenShort) {
      holder['cache_control'] = { type: 'ephemeral' };
      lowered++;
    }
  }
  if (lowered === 0) return;
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'cache_control.ttl',
    message: `Anthropic needs 1-hour cache breakpoints before 5-minute ones; ${lowered} that came after a 5-minute one ${lowered === 1 ? 'was' : 'were'} sent with five minutes.`,
  });
}

/**
 * The beta switch a 1-hour breakpoint needs: the 1-hour tier is "gated behind the
 * extended-cache-ttl-2025-04-11 beta header" (https://github.com/QwenLM/qwen-code/issues/8047);
 * without it the request is refused or the breakpoint silently falls back to five minutes
 * (https://github.com/griffinwork40/agent-afk/issues/757, https://github.com/LionSR/TeXRA/pull/4139).
 */
export const extendedCacheTtlBeta = 'extended-cache-ttl-2025-04-11';

/** The `anthropic-beta` header an emitted body needs for its breakpoints, if any. */
export function cacheBetaHeaders(body: Record<string, unknown>): Record<string, string> | undefined {
  const oneHour = breakpointHolders(body).some((holder) => isPlainObject(holder['cache_control']) && holder['cache_control']['ttl'] === '1h');
  return oneHour ? { 'anthropic-beta': extendedCacheTtlBeta } : undefined;
}

/**
 * Keeps at most four breakpoints, the request-level one counted: the last ones, whose prefixes
 * include the earlier ones' (each read looks back from its breakpoint), and says which were left out.
 */
export function limitCacheBreakpoints(body: Record<string, unknown>, warnings: Warning[]): void {
  const marked = breakpointHolders(body).filter((holder) => holder['cache_control'] !== undefined);
  const excess = marked.length - maxCacheBreakpoints;
  if (excess <= 0) return;
  for (const holder of marked.slice(0, excess)) delete holder['cache_control'];
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'cache_control',
    message: `Anthropic takes at most ${maxCacheBreakpoints} cache breakpoints${body['cache_control'] === undefined ? '' : ', the request-level "cache_control" among them'}; the first ${excess} of ${marked.length} were left out.`,
  });
}
