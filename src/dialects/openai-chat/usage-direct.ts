/**
 * A usage object read directly, as `usageSchema` (response-schema.ts) reads it when every count is
 * what it should be: the object itself, where zod would copy it and each of its details. Anything
 * else (a count of the wrong type, which the schema reads as absent) returns `undefined`, for the
 * schema to read. The pass-through taps read one usage object per answer, and this is all they parse.
 */
import type { WireUsageIn } from './response-schema.js';
import { isRecord } from './wire-parse.js';

/** `tokenCountSchema` (wire/token-count.ts), left out or null: whole numbers from 0 to 2^53 − 1 only. */
function isNullishCount(value: unknown): boolean {
  return value === undefined || value === null || (Number.isSafeInteger(value) && (value as number) >= 0);
}

/** A JSON object handed on as it is; one with an own `__proto__` key, which zod's copy leaves out, goes to the schema. */
export function isHandedOn(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && !Object.hasOwn(value, '__proto__');
}

function isNullishCounts(value: unknown, fields: readonly string[]): boolean {
  if (value === undefined || value === null) return true;
  return isHandedOn(value) && fields.every((field) => isNullishCount(value[field]));
}

const counts = ['prompt_tokens', 'completion_tokens', 'total_tokens', 'prompt_cache_hit_tokens'] as const;
const promptDetails = ['cached_tokens', 'cache_write_tokens'] as const;
const completionDetails = ['reasoning_tokens'] as const;

export function directUsage(value: unknown): WireUsageIn | undefined {
  if (!isHandedOn(value) || !counts.every((field) => isNullishCount(value[field]))) return undefined;
  if (!isNullishCounts(value['prompt_tokens_details'], promptDetails) || !isNullishCounts(value['completion_tokens_details'], completionDetails)) return undefined;
  return value as WireUsageIn;
}
