import { hash } from 'node:crypto';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';

/**
 * For targets without a prompt cache key (only OpenAI Chat and Responses have `prompt_cache_key`):
 * the key is left out and said so. Their caches are keyed by the prefix itself (Anthropic up to
 * each breakpoint, Gemini and local servers implicitly), so what is lost is only a routing hint.
 */
export function promptCacheKeyWarnings(request: ChatRequest, target: string): Warning[] {
  const warnings: Warning[] = [];
  if (request.promptCacheKey !== undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'prompt_cache_key',
      message: `${target} has no prompt cache key (its cache is keyed by the prompt prefix itself); it was left out.`,
    });
  }
  // Nor do they take OpenAI's `prompt_cache_retention`; their lifetimes are their own.
  if (request.promptCacheRetention !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'prompt_cache_retention', message: `${target} has no prompt cache retention setting; it was left out.` });
  }
  return warnings;
}

/**
 * The longest `prompt_cache_key` OpenAI and Azure take: "Invalid 'prompt_cache_key': string too long.
 * Expected a string with maximum length 64, but got a string with length 72 instead." (code
 * `string_above_max_length`, recorded in https://github.com/theopenco/llmgateway/pull/3110), which
 * agents meet by joining a session's and a sub-agent's ids (https://github.com/buhlergroup/buhler-chat/pull/181).
 */
export const promptCacheKeyLimit = 64;

/**
 * A key within the limit as it is; a longer one as a digest of it. The key only routes requests
 * that share a prefix to the same cache, and the digest keeps that: the same key, the same digest.
 */
export function fitPromptCacheKey(key: string, warnings: Warning[]): string {
  if (key.length <= promptCacheKeyLimit) return key;
  warnings.push({
    type: 'compatibility',
    feature: 'prompt_cache_key',
    message: `OpenAI takes prompt cache keys of at most ${promptCacheKeyLimit} characters; a key of ${key.length} was sent as a digest of it, the same for every request with that key.`,
  });
  return `pck_${hash('sha256', key)}`.slice(0, promptCacheKeyLimit);
}
