/**
 * Context windows and output limits of models newer than the catalog's snapshot (models-dev.ts,
 * whose Claude models end at Sonnet 4 and Opus 4.1, and Gemini models at 2.5), as their vendors publish them. Without
 * them a request for more output than such a model writes went out as asked and was refused
 * ("max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for
 * claude-sonnet-4-5-20250929"). Laid over the catalog's entries, under the rules and `catalog:`;
 * prices live in usage/prices.ts.
 */
import type { ModelFacts } from './model-facts.js';
import type { RuleVendor } from './model-rules.js';

export interface PublishedLimits {
  /** Left out where the vendor's page gives the output limit alone. */
  contextTokens?: number;
  maxOutputTokens: number;
}

interface PublishedEntry extends PublishedLimits {
  vendor: RuleVendor;
  /** Matched against the undated model id (model-id.ts). */
  models: RegExp;
  source: string;
}

const publishedEntries: readonly PublishedEntry[] = [
  {
    vendor: 'anthropic',
    models: /^claude-(?:sonnet-4-5|haiku-4-5)$/,
    contextTokens: 200_000,
    maxOutputTokens: 64_000,
    // "Context window: 200K tokens · Max output: 64K tokens" (Sonnet 4.5's page); Haiku 4.5 "200K tokens", "64K tokens".
    source: 'https://platform.claude.com/docs/en/models/sonnet-4-5/overview, https://platform.claude.com/docs/en/models/overview',
  },
  {
    vendor: 'anthropic',
    models: /^claude-opus-4-5$/,
    contextTokens: 200_000,
    maxOutputTokens: 64_000,
    // "max_tokens: 128001 > 64000, which is the maximum allowed number of output tokens for claude-opus-4-5-20251101"
    // (https://github.com/anthropics/claude-code/issues/24451); "a 200K token context window and 64K max output"
    // (the model's Microsoft Foundry listing).
    source: 'https://github.com/anthropics/claude-code/issues/24451',
  },
  {
    vendor: 'anthropic',
    models: /^claude-(?:opus-4-[678]|sonnet-4-6|(?:opus|sonnet)-5(?:-\d+)?|haiku-5-5|fable-5(?:-\d+)?)$/,
    contextTokens: 1_000_000,
    maxOutputTokens: 128_000,
    // "Context window: 1M tokens · Max output: 128K tokens" on the pages of Opus 4.6, Sonnet 4.6 and Sonnet 5, and in
    // the comparison of Fable 5.x, Opus 5.x and Sonnet 5.x; Opus 4.7 and 4.8 take 128000 output tokens as Opus 4.6 does
    // (https://github.com/Effect-TS/effect/releases/tag/@effect%2Fai-anthropic@4.0.0-beta.106); Haiku 5.5: "Context window
    // 1M tokens, Max output 128K tokens" (https://platform.claude.com/docs/en/models/haiku-5-5/overview).
    source: 'https://platform.claude.com/docs/en/models/opus-4-6/overview, https://platform.claude.com/docs/en/models/sonnet-4-6/overview',
  },
  {
    vendor: 'google',
    models: /^gemini-2\.5-flash-lite$/,
    contextTokens: 1_048_576,
    maxOutputTokens: 65_536,
    // "Maximum input tokens: 1,048,576 · Maximum output tokens: 65,536" (the GA model; the catalog has only its preview).
    source: 'https://cloud.google.com/vertex-ai/generative-ai/docs/models/gemini/2-5-flash-lite',
  },
  {
    vendor: 'google',
    models: /^gemini-3(?:\.\d+)?-(?:pro|flash)-preview(?:-customtools)?$/,
    contextTokens: 1_048_576,
    maxOutputTokens: 65_536,
    // "Input token limit 1,048,576 · Output token limit 65,536" on the pages of Gemini 3 Pro Preview and 3.1 Pro Preview;
    // Gemini 3 Flash Preview the same on Vertex AI. Asked for more, Gemini refuses ("… supported range is from 1
    // (inclusive) to 65537 (exclusive)", as github.com/stackblitz-labs/bolt.diy/issues/955 records it for 8193).
    source: 'https://ai.google.dev/gemini-api/docs/models/gemini-3-pro-preview, https://ai.google.dev/gemini-api/docs/models/gemini-3.1-pro-preview',
  },
  {
    vendor: 'groq',
    models: /^qwen\/qwen3-32b$/,
    maxOutputTokens: 40_960,
    // "MAX OUTPUT TOKENS 40,960" (the model's page, as https://github.com/BerriAI/litellm/pull/16564 quotes it); asked
    // for more, Groq answers "max_completion_tokens must be less than or equal to 40960"
    // (https://github.com/Alishahryar1/free-claude-code/issues/955).
    source: 'https://console.groq.com/docs/model/qwen/qwen3-32b',
  },
  {
    vendor: 'groq',
    models: /^moonshotai\/kimi-k2-instruct$/,
    maxOutputTokens: 16_384,
    // "`max_tokens` must be less than or equal to `16384`" (https://github.com/anomalyco/opencode/issues/1000,
    // https://github.com/RooCodeInc/Roo-Code/issues/5739).
    source: 'https://github.com/anomalyco/opencode/issues/1000',
  },
  {
    vendor: 'alibaba',
    models: /^qwen-max$/,
    contextTokens: 32_768,
    maxOutputTokens: 8_192,
    // Qwen-Max: "Context Window 32768 tokens · Max Output 8192 tokens"; DashScope refuses more with "<400>
    // InternalError.Algo.InvalidParameter: Range of max_tokens should be [1, 8192]", recorded for Claude Code's
    // requests to qwen-max (https://github.com/musistudio/claude-code-router/issues/184).
    source: 'https://github.com/musistudio/claude-code-router/issues/184; https://wavespeed.ai/zh-CN/llm/qwen/qwen-max',
  },
];

/** The published limits of a model, by its undated id, or undefined. */
export function publishedLimitsFor(vendor: RuleVendor, undatedId: string): PublishedLimits | undefined {
  const entry = publishedEntries.find((candidate) => candidate.vendor === vendor && candidate.models.test(undatedId));
  if (entry === undefined) return undefined;
  return entry.contextTokens === undefined ? { maxOutputTokens: entry.maxOutputTokens } : { contextTokens: entry.contextTokens, maxOutputTokens: entry.maxOutputTokens };
}

/** `facts` with the published limits in place of the catalog's. */
export function withPublishedLimits(facts: ModelFacts, limits: PublishedLimits | undefined): ModelFacts {
  return limits === undefined ? facts : { ...facts, ...limits };
}
