/**
 * OpenAI's own explicit breakpoint on a content part, `prompt_cache_breakpoint: {mode: "explicit"}`
 * (Chat `ChatCompletionContentPartText.PromptCacheBreakpoint`, Responses
 * `ResponseInputText.PromptCacheBreakpoint` in node_modules/openai: "Marks the exact end of a
 * reusable prompt prefix. The breakpoint inherits its TTL from the request's
 * `prompt_cache_options.ttl`"). Read as an interlingua breakpoint without a ttl; the wire field
 * itself stays in the part's vendor data, so an OpenAI upstream gets it back as written.
 */
import type { CacheBreakpoint } from '../../interlingua/cache.js';

/** Sets `part.cache` when the part's extra wire fields hold OpenAI's breakpoint and it has none yet. */
export function readPromptCacheBreakpoint(part: { cache?: CacheBreakpoint }, extras: Record<string, unknown> | undefined): void {
  const breakpoint = extras?.['prompt_cache_breakpoint'];
  const explicit = breakpoint !== null && typeof breakpoint === 'object' && (breakpoint as Record<string, unknown>)['mode'] === 'explicit';
  if (explicit && part.cache === undefined) part.cache = {};
}
