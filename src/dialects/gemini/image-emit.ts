/** An interlingua image as a Gemini media part body (`inlineData` or `fileData`). */
import type { ImagePart } from '../../interlingua/content.js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { JsonObject } from './json-value.js';

export function imageToGemini(part: ImagePart, fileMimeType: string | undefined, where: string): JsonObject {
  const { source } = part;
  if (source.kind === 'base64') return { inlineData: { mimeType: source.mediaType, data: source.data } };
  // A Gemini `fileData` image (Files API or gs:// URI) is only meaningful to Gemini and goes back as it came.
  if (fileMimeType !== undefined) return { fileData: { mimeType: fileMimeType, fileUri: source.url } };
  throw new InterlinguaError('invalid_request', `An image in ${where} is given by URL, which Gemini cannot fetch; it should have been inlined.`, {
    param: where,
  });
}
