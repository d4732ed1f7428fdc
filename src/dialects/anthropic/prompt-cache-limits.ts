/**
 * Anthropic's prompt-cache limits per model, for breakpoints placed on a caller's behalf. The
 * minimum cacheable prefix depends on the model: "4096 tokens for Claude Opus 4.6, Claude Opus 4.5
 * … 1024 tokens for Claude Sonnet 4.6, Claude Sonnet 4.5, Claude Opus 4.1, Claude Opus 4, Claude
 * Sonnet 4, and Claude Sonnet 3.7 … 4096 tokens for Claude Haiku 4.5 … 2048 tokens for Claude
 * Haiku 3.5 and Claude Haiku 3" (https://docs.claude.com/en/docs/build-with-claude/prompt-caching#cache-limitations,
 * as quoted in https://github.com/anthropics/anthropic-sdk-python/issues/1194). A shorter prefix
 * is "processed without caching", with no error.
 */
import type { PromptCacheLimits } from '../../interlingua/cache.js';
import { maxCacheBreakpoints } from './cache-control.js';

/** Model id patterns (dated ids and aliases alike) and their minimum prefix, first match wins. */
const minimumByModel: ReadonlyArray<readonly [RegExp, number]> = [
  [/^claude-opus-4-[5-9]/, 4096],
  [/^claude-haiku-4-5/, 4096],
  [/^claude-3-5-haiku|^claude-3-haiku|^claude-haiku-3/, 2048],
];

/** The Sonnet and earlier Opus models' minimum, taken for a model not in the table. */
const defaultMinimum = 1024;

export function promptCacheLimits(model: string): PromptCacheLimits {
  const minimum = minimumByModel.find(([pattern]) => pattern.test(model))?.[1] ?? defaultMinimum;
  return { maxBreakpoints: maxCacheBreakpoints, minimumPrefixTokens: minimum };
}
