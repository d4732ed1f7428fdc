/**
 * Gemini `usageMetadata` ↔ interlingua usage. Gemini's `candidatesTokenCount` leaves the
 * thinking out (`thoughtsTokenCount` is separate: fixture fantasy-gemini25flash-simple.response.json
 * has 11 + 2 + 24 = 37 total), while the interlingua's `outputTokens` includes reasoning.
 * Tokens of tool-use prompts (`toolUsePromptTokenCount`) are input.
 */
import type { Usage } from '../../interlingua/usage.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { dialectName } from './vendor.js';
import type { WireUsageMetadata } from './wire-schema.js';

export function usageFromGemini(metadata: WireUsageMetadata): Usage {
  const usage: Usage = { raw: { dialect: dialectName, value: metadata } };
  const prompt = metadata.promptTokenCount ?? undefined;
  const toolPrompt = metadata.toolUsePromptTokenCount ?? undefined;
  const candidates = metadata.candidatesTokenCount ?? undefined;
  const thoughts = metadata.thoughtsTokenCount ?? undefined;
  if (prompt !== undefined || toolPrompt !== undefined) usage.inputTokens = (prompt ?? 0) + (toolPrompt ?? 0);
  if (candidates !== undefined || thoughts !== undefined) usage.outputTokens = (candidates ?? 0) + (thoughts ?? 0);
  if (thoughts !== undefined) usage.reasoningTokens = thoughts;
  if (metadata.cachedContentTokenCount != null) usage.cachedInputTokens = metadata.cachedContentTokenCount;
  if (metadata.totalTokenCount != null) usage.totalTokens = metadata.totalTokenCount;
  return usage;
}

/** Gemini's own object is sent back unchanged when usage came from Gemini; otherwise it is rebuilt. */
export function usageToGemini(usage: Usage): JsonObject {
  if (usage.raw?.dialect === dialectName && isJsonObject(usage.raw.value)) return usage.raw.value;
  const metadata: JsonObject = {};
  const reasoning = usage.reasoningTokens;
  if (usage.inputTokens !== undefined) metadata['promptTokenCount'] = usage.inputTokens;
  if (usage.outputTokens !== undefined) metadata['candidatesTokenCount'] = Math.max(0, usage.outputTokens - (reasoning ?? 0));
  const total = usage.totalTokens ?? (usage.inputTokens !== undefined || usage.outputTokens !== undefined ? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0) : undefined);
  if (total !== undefined) metadata['totalTokenCount'] = total;
  if (reasoning !== undefined) metadata['thoughtsTokenCount'] = reasoning;
  if (usage.cachedInputTokens !== undefined) metadata['cachedContentTokenCount'] = usage.cachedInputTokens;
  return metadata;
}
