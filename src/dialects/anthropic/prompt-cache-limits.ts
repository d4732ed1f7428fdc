/**
 * Anthropic's prompt-cache limits per model, for breakpoints placed on a caller's behalf: the
 * model's minimum prefix and Anthropic's four breakpoints. The same codec serves Bedrock's
 * InvokeModel and Vertex, whose model ids are spelled their own way; the minimum is found by
 * Anthropic's id either way.
 */
import type { PromptCacheLimits } from '../../interlingua/cache.js';
import { claudeMinimumCachedPrefix } from '../../core/claude-prompt-cache-minimum.js';
import { maxCacheBreakpoints } from './cache-control.js';

export function promptCacheLimits(model: string): PromptCacheLimits {
  return { maxBreakpoints: maxCacheBreakpoints, minimumPrefixTokens: claudeMinimumCachedPrefix(model) };
}
