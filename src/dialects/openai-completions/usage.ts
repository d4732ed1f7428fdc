/**
 * Usage in OpenAI's shape (`CompletionUsage`, node_modules/openai/resources/completions.d.ts).
 * `prompt_tokens` includes cached tokens, the interlingua's convention too. The vendor object is
 * kept as `raw` and its extra fields are written back on a same-dialect pass-through.
 */
import type { Usage } from '../../interlingua/usage.js';
import type { WireUsage } from './wire-types.js';
import type { WireUsageIn } from './response-schema.js';
import { dialectName } from './vendor.js';
import { isRecord } from './wire-parse.js';

export function parseUsage(wire: WireUsageIn): Usage {
  const usage: Usage = { raw: { dialect: dialectName, value: wire } };
  if (wire.prompt_tokens != null) usage.inputTokens = wire.prompt_tokens;
  if (wire.completion_tokens != null) usage.outputTokens = wire.completion_tokens;
  if (wire.total_tokens != null) usage.totalTokens = wire.total_tokens;
  const cached = wire.prompt_tokens_details?.cached_tokens;
  if (cached != null) usage.cachedInputTokens = cached;
  const reasoning = wire.completion_tokens_details?.reasoning_tokens;
  if (reasoning != null) usage.reasoningTokens = reasoning;
  return usage;
}

/** Unknown counts are written as 0: OpenAI clients expect the three totals to be numbers. */
export function emitUsage(usage: Usage): WireUsage {
  const raw = usage.raw?.dialect === dialectName && isRecord(usage.raw.value) ? usage.raw.value : {};
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  const wire: WireUsage = { ...raw, prompt_tokens: input, completion_tokens: output, total_tokens: usage.totalTokens ?? input + output };
  if (usage.cachedInputTokens !== undefined) {
    const details = isRecord(raw['prompt_tokens_details']) ? raw['prompt_tokens_details'] : {};
    wire.prompt_tokens_details = { ...details, cached_tokens: usage.cachedInputTokens };
  }
  if (usage.reasoningTokens !== undefined) {
    const details = isRecord(raw['completion_tokens_details']) ? raw['completion_tokens_details'] : {};
    wire.completion_tokens_details = { ...details, reasoning_tokens: usage.reasoningTokens };
  }
  return wire;
}
