/**
 * Converse's prompt-cache limits, for cache points placed on a caller's behalf. Claude caches
 * system, messages and tools on Bedrock ("Claude 3.7 Sonnet | anthropic.claude-3-7-sonnet-20250219-v1:0
 * | 1,024 | 4 | system, messages, tools",
 * https://portkey.ai/docs/integrations/llms/bedrock/prompt-caching), with Claude's own minimums.
 * Other models get none, so nothing is placed: Nova takes no cache point on tools ("Tools caching
 * is not supported for Amazon Nova models", same page), and a placement that cannot skip tools
 * would be refused there; nor does a Claude that caches nothing on Bedrock (Claude 3 Sonnet:
 * prompt-caching-models.ts).
 */
import type { PromptCacheLimits } from '../../interlingua/cache.js';
import { claudeMinimumCachedPrefix, isClaudeModel } from '../../core/claude-prompt-cache-minimum.js';
import { maxCachePoints } from './cache-points.js';
import { cachePointFields } from './prompt-caching-models.js';

export function promptCacheLimits(model: string): PromptCacheLimits | undefined {
  if (!isClaudeModel(model) || cachePointFields(model)?.includes('tools') !== true) return undefined;
  return { maxBreakpoints: maxCachePoints, minimumPrefixTokens: claudeMinimumCachedPrefix(model) };
}
