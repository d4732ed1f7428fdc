import type { ImageLimits } from '../../interlingua/dialect.js';

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
