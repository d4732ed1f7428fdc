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
  const beside = outputBesideCompletion(wire);
  if (beside > 0) {
    usage.outputTokens = (wire.completion_tokens ?? 0) + beside;
    // Unreported, or reported as none: the thinking is all the total holds beside the two.
    if (!usage.reasoningTokens) usage.reasoningTokens = beside;
  }
  return usage;
}

/**
 * Tokens the total counts beyond the prompt and the completion: a reasoning model's thinking, left
 * out of `completion_tokens` by two OpenAI-compatible vendors though they bill it as output.
 * - xAI reports it as `reasoning_tokens`: "Reasoning tokens - Charged at completion token price",
 *   "added into the total token consumption" (https://docs.x.ai/consumption-and-rate-limits;
 *   recorded fantasy-xai-grok3mini-thinking-streaming.i1: prompt 331 + completion 11 + reasoning 271
 *   = total 613, and its `cost_in_usd_ticks` bills 282 output tokens).
 * - Google's OpenAI-compatible endpoint reports it nowhere but in the total (recorded
 *   pa-gemini-openai-compat-tool-calls.i0, gemini-2.5-pro thinking before a tool call: prompt 35 +
 *   completion 12 = 47 of a total of 109), as Gemini's own API counts `thoughtsTokenCount` in
 *   `totalTokenCount` beside `candidatesTokenCount` (gemini/usage.ts).
 * OpenAI counts reasoning inside `completion_tokens`, so its total is prompt + completion: 0 here.
 */
function outputBesideCompletion(wire: WireUsageIn): number {
  const { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } = wire;
  if (prompt == null || completion == null || total == null) return 0;
  return Math.max(0, total - prompt - completion);
}

/** Unknown counts are written as 0: OpenAI clients expect every field to be a number. */
export function emitUsage(usage: Usage): WireUsage {
  const raw = usage.raw?.dialect === dialectName && isRecord(usage.raw.value) ? usage.raw.value : {};
  const rawPromptDetails = isRecord(raw['prompt_tokens_details']) ? raw['prompt_tokens_details'] : {};
  const rawCompletionDetails = isRecord(raw['completion_tokens_details']) ? raw['completion_tokens_details'] : {};
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  // What the parser added to this vendor's own counts is taken back out: a caller of its dialect reads them as the vendor wrote them.
  const addedOutput = usage.raw?.dialect === dialectName ? outputBesideCompletion(raw as WireUsageIn) : 0;
  const addedReasoning = addedOutput > 0 && !rawCompletionDetails['reasoning_tokens'] ? addedOutput : 0;
  const promptDetails: WireUsage['prompt_tokens_details'] = { ...rawPromptDetails, cached_tokens: usage.cachedInputTokens ?? 0 };
  if (usage.cacheWriteTokens !== undefined) promptDetails['cache_write_tokens'] = usage.cacheWriteTokens;
  return {
    ...raw,
    prompt_tokens: input,
    completion_tokens: Math.max(0, output - addedOutput),
    total_tokens: usage.totalTokens ?? input + output,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: { ...rawCompletionDetails, reasoning_tokens: Math.max(0, (usage.reasoningTokens ?? 0) - addedReasoning) },
  };
}
