/**
 * Usage in the Responses shape. `input_tokens` already includes cached tokens and `output_tokens`
 * includes reasoning tokens, the interlingua's conventions too, so counts map one to one; the
 * vendor object is kept as `raw` and its extra fields come back on a same-dialect pass-through.
 * Reference: node_modules/openai/resources/responses/responses.d.ts (`ResponseUsage`).
 */
import type { Usage } from '../../interlingua/usage.js';
import type { WireUsageIn } from './response-schema.js';
import { dialectName, isRecord } from './vendor.js';

export interface WireUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; [extra: string]: unknown };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number; [extra: string]: unknown };
  total_tokens: number;
  [extra: string]: unknown;
}

export function parseUsage(wire: WireUsageIn): Usage {
  const usage: Usage = { raw: { dialect: dialectName, value: wire } };
  if (wire.input_tokens != null) usage.inputTokens = wire.input_tokens;
  if (wire.output_tokens != null) usage.outputTokens = wire.output_tokens;
  if (wire.total_tokens != null) usage.totalTokens = wire.total_tokens;
  const cached = wire.input_tokens_details?.cached_tokens;
  if (cached != null) usage.cachedInputTokens = cached;
  const cacheWrite = wire.input_tokens_details?.cache_write_tokens;
  if (cacheWrite != null) usage.cacheWriteTokens = cacheWrite;
  const reasoning = wire.output_tokens_details?.reasoning_tokens;
  if (reasoning != null) usage.reasoningTokens = reasoning;
  return usage;
}

/** Every count is a number in `ResponseUsage`; unknown ones are written as 0. */
export function emitUsage(usage: Usage): WireUsage {
  const raw = usage.raw?.dialect === dialectName && isRecord(usage.raw.value) ? usage.raw.value : {};
  const rawInput = isRecord(raw['input_tokens_details']) ? raw['input_tokens_details'] : {};
  const rawOutput = isRecord(raw['output_tokens_details']) ? raw['output_tokens_details'] : {};
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  const inputDetails: WireUsage['input_tokens_details'] = { ...rawInput, cached_tokens: usage.cachedInputTokens ?? 0 };
  if (usage.cacheWriteTokens !== undefined) inputDetails['cache_write_tokens'] = usage.cacheWriteTokens;
  return {
    ...raw,
    input_tokens: input,
    input_tokens_details: inputDetails,
    output_tokens: output,
    output_tokens_details: { ...rawOutput, reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.totalTokens ?? input + output,
  };
}
