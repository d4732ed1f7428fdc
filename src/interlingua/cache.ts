/**
 * A prompt-cache breakpoint: the upstream may cache the request's prefix up to and including the
 * part, system part or tool that carries it, and a later request with the same prefix reads it
 * back at a lower price. Anthropic writes it as `cache_control` on blocks, system blocks and tools;
 * OpenRouter and LiteLLM take the same `cache_control` on OpenAI content parts; OpenAI's newer
 * models take `prompt_cache_breakpoint`. Vendors that cache prefixes on their own (OpenAI, Gemini 2.5,
 * local servers) need none, so a breakpoint that cannot be written there costs nothing.
 */
export interface CacheBreakpoint {
  /** How long the entry should live; unset means the vendor's default (Anthropic: five minutes). */
  ttl?: CacheTtl;
}

/**
 * Where a vendor lets breakpoints go, for placing them on a caller's behalf: at most
 * `maxBreakpoints` per request, each useful only when the prefix it ends holds at least
 * `minimumPrefixTokens` (a shorter one is processed without caching).
 */
export interface PromptCacheLimits {
  maxBreakpoints: number;
  minimumPrefixTokens: number;
}

/**
 * How long OpenAI may keep a request's cached prefixes: `in_memory` or, with extended prompt
 * caching, up to `24h` (`prompt_cache_retention` in Chat Completions and Responses:
 * node_modules/openai/resources/chat/completions/completions.d.ts, resources/responses/responses.d.ts).
 */
export type PromptCacheRetention = 'in_memory' | '24h';

/** Anthropic's two lifetimes, the only ones a breakpoint can name (https://docs.claude.com/en/docs/build-with-claude/prompt-caching#1-hour-cache-duration). */
export type CacheTtl = '5m' | '1h';
