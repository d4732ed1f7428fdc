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

/**
 * Bedrock counts a Claude request's images and documents together, on Converse and InvokeModel
 * alike, and refuses past its own limit, lower than Anthropic's: "You can include up to 20 images …
 * up to five documents" (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html);
 * refused "too many images and documents: 21 + 0 > 20" (Claude 3.x Sonnet, github.com/cline/cline/issues/1844),
 * "… 19 + 5 > 20" on Converse with Sonnet 4 (github.com/boto/boto3/issues/4632: documents count
 * toward the 20), on InvokeModel with Claude 3.7 (github.com/aws-samples/amazon-bedrock-samples/issues/588).
 * The models with a 1M-token window take more, though not Anthropic's 600 everywhere: "too many
 * images and documents: 117 + 0 > 100" (github.com/kirodotdev/Kiro/issues/8700, also #9629), 29
 * images accepted on claude-sonnet-5 (github.com/aws-solutions-library-samples/accelerated-intelligent-document-processing-on-aws/issues/994),
 * and on Sonnet 4.6, Opus 4.7 and Sonnet 5 some of Bedrock's backends refuse past 100 where others
 * take up to 600, so 100 is what every one of them takes.
 */
const bedrockMediaOfMillionTokenModels = 100;
const bedrockMedia = 20;
/** Claude 3.x and the 4, 4.1 and 4.5 models (Opus, Sonnet, Haiku), which the 20 above was recorded for. */
const twentyMediaModels = /^claude-(?:3-|(?:opus|sonnet|haiku)-4(?:-[15])?$)/;

/**
 * The most images and documents together one Bedrock request to this Claude model may hold; undefined
 * for a model no source gives Bedrock's limit of (a later Claude the catalog does not know yet).
 */
export function bedrockClaudeMaxMedia(model: string): number | undefined {
  if (claudeMaxImages(model) === imagesWithLargeContext) return bedrockMediaOfMillionTokenModels;
  return twentyMediaModels.test(undatedModelId(model)) ? bedrockMedia : undefined;
}
