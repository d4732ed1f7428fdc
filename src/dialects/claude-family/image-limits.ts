import type { ImageLimits } from '../../interlingua/dialect.js';
import { claudeMaxImages } from '../../core/claude-image-count.js';

/**
 * Claude's limits on each image, on the Messages API and on the clouds that serve it (Vertex AI, and Bedrock's
 * InvokeModel and Converse). "The maximal
 * dimensions per image are 8000x8000 px. If you submit more than 20 images in one API request, this
 * limit is reduced to 2000x2000 px" (https://platform.claude.com/docs/en/build-with-claude/vision);
 * past them the image is refused, not scaled: "At least one of the image dimensions exceed max allowed
 * size: 8000 pixels", "… for many-image requests: 2000 pixels" (github.com/anthropics/claude-code/issues/4778,
 * #49537). An image may be 5 MB, counted on its base64 text: "image exceeds 5 MB maximum: 17699328 bytes >
 * 5242880 bytes" for a screenshot Claude Code read as 12.7 MB, whose base64 text is that long
 * (github.com/anthropics/claude-code/issues/8227; also #10612).
 */
export const claudeImageLimits: ImageLimits = { maxSide: 8000, manyImages: { count: 20, maxSide: 2000 }, maxBase64Length: 5 * 1024 * 1024 };

/** The same for a model, with how many images one request to it may hold (core/claude-image-count.ts). */
export function claudeImageLimitsFor(model: string): ImageLimits {
  return { ...claudeImageLimits, maxCount: claudeMaxImages(model) };
}

/**
 * The image types Claude reads ("The supported image formats are JPEG, PNG, GIF, and WebP",
 * https://docs.claude.com/en/docs/build-with-claude/vision; any other `media_type` is refused: "Input
 * should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'", github.com/anthropics/claude-code/issues/8184).
 * An image whose data is another format is refused before it is sent (core/image-format-fit.ts).
 */
export const claudeImageMediaTypes: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
