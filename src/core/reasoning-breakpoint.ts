/**
 * A caller's cache breakpoint on a reasoning block: Anthropic's `cache_control` on a `thinking` or
 * `redacted_thinking` block, or a Converse `cachePoint` right after `reasoningContent`. Neither vendor
 * takes one there ("messages.13.content.0.thinking.cache_control: Extra inputs are not permitted",
 * https://github.com/Wei-Shaw/sub2api/issues/225; "Cache point cannot be inserted after reasoning
 * block", https://github.com/anomalyco/opencode/issues/36517), and the interlingua's reasoning part
 * holds none. So the parsers carry it back to the nearest part before it that can hold one: the
 * prefix that part ends is a prefix of the one the caller marked, so it is still worth caching and
 * every upstream can write it. With no such part it is left out. Either way the caller is told.
 */
import type { CacheBreakpoint } from '../interlingua/cache.js';
import type { ContentPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { Warning } from '../interlingua/warning.js';
import { lastHolder, type BreakpointHolder } from './request-cache-breakpoint.js';
import { holdsWarning, sameTypeAndFeature } from './warning-once.js';

/** The warning's feature name, one per request. */
export const reasoningBreakpointFeature = 'reasoning.cache';

/** The last of `parts` that can carry a breakpoint. */
function nearestHolder(parts: readonly ContentPart[]): BreakpointHolder | undefined {
  const index = lastHolder(parts);
  return index === undefined ? undefined : (parts[index] as BreakpointHolder);
}

/**
 * Puts `cache` on the nearest part before the reasoning that can hold it: first in `partsBefore`
 * (the reasoning's own message, up to it), then in `earlier` messages from the last. A part that
 * already has a breakpoint keeps its own. Reports the move, or the loss, once per request.
 */
export function carryReasoningBreakpoint(cache: CacheBreakpoint, partsBefore: readonly ContentPart[], earlier: readonly Message[], dialect: string, warnings: Warning[]): void {
  let holder = nearestHolder(partsBefore);
  for (let index = earlier.length - 1; holder === undefined && index >= 0; index--) holder = nearestHolder(earlier[index]?.content ?? []);
  if (holder !== undefined && holder.cache === undefined) holder.cache = cache;
  const type = holder === undefined ? 'unsupported' : 'compatibility';
  if (holdsWarning(warnings, sameTypeAndFeature({ type, feature: reasoningBreakpointFeature, message: '' }), sameTypeAndFeature)) return;
  warnings.push({
    type,
    feature: reasoningBreakpointFeature,
    message:
      holder === undefined
        ? `A ${dialect} cache breakpoint on a reasoning block has no place there, and no block before it can carry it; it was left out.`
        : `A ${dialect} cache breakpoint on a reasoning block has no place there; it was moved to the nearest block before it, which ends a shorter cached prefix.`,
  });
}
