/**
 * Usage in OpenAI's shape. `prompt_tokens` already includes cached tokens, which is the
 * interlingua's convention too, so counts map one to one. The vendor object is kept as `raw` and
 * its extra fields (audio tokens, Groq timings) are written back on a same-dialect pass-through.
 * Reference: https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
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
  const cached = wire.prompt_tokens_details?.cached_tokens ?? wire.prompt_cache_hit_tokens;
  if (cached != null) usage.cachedInputTokens = cached;
  const cacheWrite = wire.prompt_tokens_details?.cache_write_tokens;
  if (cacheWrite != null) usage.cacheWriteTokens = cacheWrite;
  const reasoning = wire.completion_tokens_details?.reasoning_tokens;
  if (reasoning != null) usage.reasoningTokens = reasoning;
  if (reasoningBesideCompletion(wire)) usage.outputTokens = (wire.completion_tokens ?? 0) + (reasoning ?? 0);
  return usage;
}

/**
 * Whether the reasoning tokens were left out of `completion_tokens`, as xAI counts them: "Reasoning
 * tokens - Charged at completion token price", "added into the total token consumption"
 * (https://docs.x.ai/consumption-and-rate-limits; recorded fantasy-xai-grok3mini-thinking-streaming.i1:
 * prompt 331 + completion 11 + reasoning 271 = total 613, and its `cost_in_usd_ticks` bills 282
 * output tokens). OpenAI counts them in `completion_tokens`, so its total is prompt + completion;
 * the total tells the two apart.
 */
function reasoningBesideCompletion(wire: WireUsageIn): boolean {
  const reasoning = wire.completion_tokens_details?.reasoning_tokens;
  const { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } = wire;
  return reasoning != null && reasoning > 0 && prompt != null && completion != null && total === prompt + completion + reasoning;
}

/** Unknown counts are written as 0: OpenAI clients expect every field to be a number. */
export function emitUsage(usage: Usage): WireUsage {
  const raw = usage.raw?.dialect === dialectName && isRecord(usage.raw.value) ? usage.raw.value : {};
  const rawPromptDetails = isRecord(raw['prompt_tokens_details']) ? raw['prompt_tokens_details'] : {};
  const rawCompletionDetails = isRecord(raw['completion_tokens_details']) ? raw['completion_tokens_details'] : {};
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  const promptDetails: WireUsage['prompt_tokens_details'] = { ...rawPromptDetails, cached_tokens: usage.cachedInputTokens ?? 0 };
  if (usage.cacheWriteTokens !== undefined) promptDetails['cache_write_tokens'] = usage.cacheWriteTokens;
  return {
    ...raw,
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: usage.totalTokens ?? input + output,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: { ...rawCompletionDetails, reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}
