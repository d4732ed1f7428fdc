import type { Usage } from '../../interlingua/usage.js';
import type { WireUsage } from './wire-schema.js';
import { dialectName } from './vendor-data.js';

/**
 * Converse usage → interlingua. Bedrock's `inputTokens` leaves out the tokens read from or
 * written to the prompt cache (wire-schema.ts, `usageSchema`); the interlingua's includes them.
 */
export function parseUsage(wire: WireUsage | undefined): Usage {
  if (wire === undefined) return {};
  const usage: Usage = { raw: { dialect: dialectName, value: wire } };
  const cacheRead = wire.cacheReadInputTokens ?? 0;
  const cacheWrite = wire.cacheWriteInputTokens ?? 0;
  if (wire.inputTokens !== undefined) usage.inputTokens = wire.inputTokens + cacheRead + cacheWrite;
  if (wire.outputTokens !== undefined) usage.outputTokens = wire.outputTokens;
  if (wire.totalTokens !== undefined) usage.totalTokens = wire.totalTokens;
  if (wire.cacheReadInputTokens !== undefined) usage.cachedInputTokens = wire.cacheReadInputTokens;
  if (wire.cacheWriteInputTokens !== undefined) usage.cacheWriteTokens = wire.cacheWriteInputTokens;
  const oneHour = hourLongCacheWrites(wire);
  if (oneHour !== undefined) usage.cacheWrite1hTokens = oneHour;
  return usage;
}

/**
 * The cache writes made for an hour, which cost more than five-minute ones. `cacheDetails` is
 * "Detailed breakdown of cache writes by TTL", each a CacheDetail of `inputTokens` and `ttl`
 * (`5m` | `1h`) (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html,
 * API_runtime_CacheDetail.html; recorded: pa-converse-cachepoint.i0.response.json,
 * `cacheDetails: [{ inputTokens: 1322, ttl: "5m" }]`). Unset when Bedrock gives no breakdown.
 */
function hourLongCacheWrites(wire: WireUsage): number | undefined {
  const details = wire['cacheDetails'];
  if (!Array.isArray(details)) return undefined;
  let oneHour = 0;
  for (const detail of details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { ttl, inputTokens } = detail as { ttl?: unknown; inputTokens?: unknown };
    if (ttl === '1h' && typeof inputTokens === 'number') oneHour += inputTokens;
  }
  return oneHour;
}

/** One entry of Converse's `cacheDetails` (API_runtime_CacheDetail.html). */
interface CacheDetail {
  inputTokens: number;
  ttl: '5m' | '1h';
}

export interface EmittedUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  cacheDetails?: CacheDetail[];
}

/** Interlingua usage → Converse `usage`, with the cache counts taken back out of `inputTokens`. */
export function emitUsage(usage: Usage): EmittedUsage {
  const cacheRead = usage.cachedInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const inputTokens = Math.max(0, (usage.inputTokens ?? 0) - cacheRead - cacheWrite);
  const outputTokens = usage.outputTokens ?? 0;
  const wire: EmittedUsage = { inputTokens, outputTokens, totalTokens: usage.totalTokens ?? inputTokens + cacheRead + cacheWrite + outputTokens };
  if (usage.cachedInputTokens !== undefined) wire.cacheReadInputTokens = usage.cachedInputTokens;
  if (usage.cacheWriteTokens !== undefined) wire.cacheWriteInputTokens = usage.cacheWriteTokens;
  const details = cacheDetails(cacheWrite, usage.cacheWrite1hTokens);
  if (details !== undefined) wire.cacheDetails = details;
  return wire;
}

/**
 * The cache writes by lifetime, which the caller needs to price them (an hour's cost more): "Detailed
 * breakdown of cache writes by TTL. Empty if no cache creation occurred. Sorted by TTL duration (1h
 * before 5m)" (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html).
 * Written when the split is known (Bedrock's own, Anthropic's `cache_creation`) and writes were
 * made; Bedrock then lists only the lifetimes written (pa-converse-cachepoint.i0.response.json:
 * `[{ inputTokens: 1322, ttl: "5m" }]`), and answers without writes carry none.
 */
function cacheDetails(written: number, oneHour: number | undefined): CacheDetail[] | undefined {
  if (written === 0 || oneHour === undefined) return undefined;
  const longer = Math.min(oneHour, written);
  const details: CacheDetail[] = [];
  if (longer > 0) details.push({ inputTokens: longer, ttl: '1h' });
  if (written > longer) details.push({ inputTokens: written - longer, ttl: '5m' });
  return details;
}
