/**
 * How many images Claude takes in one request: "up to 600 for API requests (100 for models with a
 * 200k-token context window)" (https://platform.claude.com/docs/en/build-with-claude/vision, "Basics
 * and Limits"; the page said "100 for API requests" before the 1M-token models came). The context
 * window is the catalog's (catalog/published-limits.ts); a model it does not give a 1M window, as
 * every Claude model before Opus and Sonnet 4.6, takes 100.
 */
import { publishedLimitsFor } from '../catalog/published-limits.js';
import { undatedModelId } from '../catalog/model-id.js';

const imagesWithLargeContext = 600;
const imagesWithSmallContext = 100;
const largeContextTokens = 1_000_000;

/** The most images one request to this Claude model may hold (Anthropic's, Bedrock's or Vertex's spelling of its id). */
export function claudeMaxImages(model: string): number {
  const context = publishedLimitsFor('anthropic', undatedModelId(model))?.contextTokens ?? 0;
  return context >= largeContextTokens ? imagesWithLargeContext : imagesWithSmallContext;
}
