/**
 * Usage mapping. Anthropic's `input_tokens` counts only the uncached part of the prompt: cache
 * reads and writes are reported beside it (https://docs.claude.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance),
 * while the interlingua's `inputTokens` includes them (OpenAI's convention).
 */
import type { Usage } from '../../interlingua/usage.js';
import { usageSchema } from './wire-schema.js';
import type { WireUsage } from './wire-schema.js';
import { dialectName } from './vendor-data.js';

export function parseUsage(wire: WireUsage): Usage {
  const usage: Usage = { raw: { dialect: dialectName, value: wire } };
  const cacheRead = wire.cache_read_input_tokens ?? undefined;
  const cacheWrite = wire.cache_creation_input_tokens ?? undefined;
  if (wire.input_tokens != null) usage.inputTokens = wire.input_tokens + (cacheRead ?? 0) + (cacheWrite ?? 0);
  if (wire.output_tokens != null) usage.outputTokens = wire.output_tokens;
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined) usage.totalTokens = usage.inputTokens + usage.outputTokens;
  if (cacheRead !== undefined) usage.cachedInputTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  const oneHour = wire.cache_creation?.ephemeral_1h_input_tokens;
  if (oneHour != null) usage.cacheWrite1hTokens = oneHour;
  return usage;
}

/**
 * Later wire usage overwrites earlier field by field, skipping nulls: `message_delta` repeats
 * cumulative totals and omits those that do not apply (the SDK's MessageStream does the same).
 */
export function mergeWireUsage(base: WireUsage, update: WireUsage): WireUsage {
  const merged: WireUsage = { ...base };
  for (const [key, value] of Object.entries(update)) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}

export interface EmittedUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  [extra: string]: unknown;
}

/**
 * Interlingua usage → Anthropic's, taking cache tokens back out of `input_tokens` (never below
 * zero). Extra fields of a raw Anthropic usage object (`cache_creation`, `service_tier`,
 * `server_tool_use`) are carried over for a same-dialect pass-through; from another vendor,
 * `cache_creation` is written, as Anthropic always does (fixtures/anthropic/fantasy-sonnet4-simple.response.json),
 * when its split by lifetime is known (no writes, or a 1-hour count).
 */
export function emitUsage(usage: Usage): EmittedUsage {
  const cacheRead = usage.cachedInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const extras = rawExtras(usage);
  const creation = usage.raw?.dialect === dialectName ? undefined : cacheCreation(cacheWrite, usage.cacheWrite1hTokens);
  return {
    ...extras,
    ...(creation === undefined ? {} : { cache_creation: creation }),
    input_tokens: Math.max(0, (usage.inputTokens ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage.outputTokens ?? 0,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}

/** Anthropic's `cache_creation` split, when it can be told: all writes five-minute ones unless a 1-hour count says otherwise. */
function cacheCreation(written: number, oneHour: number | undefined): Record<string, number> | undefined {
  if (written > 0 && oneHour === undefined) return undefined;
  const longer = Math.min(oneHour ?? 0, written);
  return { ephemeral_5m_input_tokens: written - longer, ephemeral_1h_input_tokens: longer };
}

function rawExtras(usage: Usage): Record<string, unknown> {
  if (usage.raw?.dialect !== dialectName) return {};
  const parsed = usageSchema.safeParse(usage.raw.value);
  if (!parsed.success) return {};
  const { input_tokens: _input, output_tokens: _output, cache_creation_input_tokens: _write, cache_read_input_tokens: _read, ...extras } =
    parsed.data;
  return extras;
}
