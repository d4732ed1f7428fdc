/**
 * The smallest prefix Claude caches, wherever it runs (Anthropic's API, Bedrock's Converse and
 * InvokeModel, Vertex), keyed by Anthropic's own model id so that Bedrock's
 * `us.anthropic.claude-haiku-4-5-…-v1:0` and Vertex's `claude-haiku-4-5@…` find the same row. The
 * minimum depends on the model: "4096 tokens for Claude Opus 4.6, Claude Opus 4.5 … 1024 tokens
 * for Claude Sonnet 4.6, Claude Sonnet 4.5, Claude Opus 4.1, Claude Opus 4, Claude Sonnet 4, and
 * Claude Sonnet 3.7 … 4096 tokens for Claude Haiku 4.5 … 2048 tokens for Claude Haiku 3.5 and
 * Claude Haiku 3" (https://docs.claude.com/en/docs/build-with-claude/prompt-caching#cache-limitations,
 * as quoted in https://github.com/anthropics/anthropic-sdk-python/issues/1194). Bedrock's own
 * table agrees for the models it lists ("anthropic.claude-3-7-sonnet-20250219-v1:0 | 1,024",
 * "anthropic.claude-3-5-haiku-20241022-v1:0 | 2,048",
 * https://portkey.ai/docs/integrations/llms/bedrock/prompt-caching, from Bedrock's prompt caching
 * page). A shorter prefix is "processed without caching", with no error.
 */
import { withoutResourcePrefix } from '../catalog/model-id.js';

/** Model id patterns (dated ids and aliases alike) and their minimum prefix, first match wins. */
const minimumByModel: ReadonlyArray<readonly [RegExp, number]> = [
  [/^claude-opus-4-[5-9]/, 4096],
  [/^claude-haiku-4-5/, 4096],
  [/^claude-3-5-haiku|^claude-3-haiku|^claude-haiku-3/, 2048],
];

/** The Sonnet and earlier Opus models' minimum, taken for a model not in the table. */
const defaultMinimum = 1024;

/** Whether a model id (Anthropic's, Bedrock's or Vertex's spelling) names a Claude model. */
export function isClaudeModel(model: string): boolean {
  return withoutResourcePrefix(model).startsWith('claude-');
}

/** The minimum cacheable prefix, in tokens, for a Claude model in any platform's spelling. */
export function claudeMinimumCachedPrefix(model: string): number {
  const vendorId = withoutResourcePrefix(model);
  return minimumByModel.find(([pattern]) => pattern.test(vendorId))?.[1] ?? defaultMinimum;
}
