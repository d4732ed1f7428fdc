/**
 * The `cache_control` object as Anthropic defines it and as OpenRouter and LiteLLM accept it on
 * OpenAI content parts: `{type: "ephemeral", ttl?: "5m" | "1h"}`
 * (https://docs.claude.com/en/docs/build-with-claude/prompt-caching: "ttl": "5m" (default) or "1h";
 * https://openrouter.ai/docs/client-sdks/typescript/models/anthropiccachecontroldirective.md:
 * "When set on an individual content block, it marks an explicit cache breakpoint", fields `type`
 * and `ttl`). Shared by the dialects that read or write it.
 */
import type { CacheBreakpoint } from '../interlingua/cache.js';
import { isRecord } from './is-record.js';

/** The breakpoint `value` describes, or undefined when it is not a `cache_control` of this shape. */
export function parseCacheControl(value: unknown): CacheBreakpoint | undefined {
  if (!isRecord(value) || value['type'] !== 'ephemeral') return undefined;
  const { type: _type, ttl, ...rest } = value;
  if (Object.keys(rest).length > 0) return undefined;
  if (ttl === undefined) return {};
  return ttl === '5m' || ttl === '1h' ? { ttl } : undefined;
}

/**
 * Moves a `cache_control` this module reads out of a part's extra wire fields onto `target.cache`;
 * returns the extras left (undefined when none). One of another shape stays in the extras.
 */
export function takeCacheControl(target: { cache?: CacheBreakpoint }, extras: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (extras === undefined || !('cache_control' in extras)) return extras;
  const cache = parseCacheControl(extras['cache_control']);
  if (cache === undefined) return extras;
  target.cache = cache;
  const { cache_control: _cacheControl, ...rest } = extras;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** `{cache_control}` for a breakpoint, to spread into an emitted block or part (empty when there is none). */
export function cacheControlField(cache: CacheBreakpoint | undefined): Record<string, unknown> {
  if (cache === undefined) return {};
  return { cache_control: cache.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: cache.ttl } };
}
