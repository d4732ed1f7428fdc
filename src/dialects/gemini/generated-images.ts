/**
 * An image a model drew, as the answer's vendor data lists it (core/unported-output.ts), written
 * back as the Gemini answer part it came as: `{inlineData: {mimeType, data}}`, `data` in base64
 * (`Part.inlineData` / `Blob`: https://ai.google.dev/api/caching#Part). A streamed answer carries
 * such a part in a chunk of its own, one `GenerateContentResponse` like the others
 * (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent; an image
 * model's stream: "Image chunk — Contains `parts[0].inlineData` with `mimeType` and base64 `data`",
 * https://docs.anyfast.ai/guides/model-api/google/gemini-3-pro-image-stream.md).
 */
import type { UnportedOutput } from '../../core/unported-output.js';
import type { JsonObject } from './json-value.js';

/** The answer part for a listed image; undefined for an entry of another kind. */
export function generatedImagePart(entry: UnportedOutput): JsonObject | undefined {
  return entry.image === undefined ? undefined : { inlineData: { mimeType: entry.image.mediaType, data: entry.image.data } };
}
