import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';

/**
 * For targets without a prompt cache key (only OpenAI Chat and Responses have `prompt_cache_key`):
 * the key is left out and said so. Their caches are keyed by the prefix itself (Anthropic up to
 * each breakpoint, Gemini and local servers implicitly), so what is lost is only a routing hint.
 */
export function promptCacheKeyWarnings(request: ChatRequest, target: string): Warning[] {
  if (request.promptCacheKey === undefined) return [];
  return [
    {
      type: 'unsupported',
      feature: 'prompt_cache_key',
      message: `${target} has no prompt cache key (its cache is keyed by the prompt prefix itself); it was left out.`,
    },
  ];
}
