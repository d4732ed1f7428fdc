/** An interlingua image as a Gemini media part body (`inlineData` or `fileData`). */
import type { ImagePart } from '../../interlingua/content.js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { Warning } from '../../interlingua/warning.js';
import { leaveOutUploadedImage } from '../../core/uploaded-images.js';
import type { JsonObject } from './json-value.js';

/** Undefined for an image uploaded to another vendor, which is left out with a warning (core/uploaded-images.ts). */
export function imageToGemini(part: ImagePart, fileMimeType: string | undefined, where: string, warnings: Warning[]): JsonObject | undefined {
  const { source } = part;
  if (source.kind === 'file-id') return leaveOutUploadedImage(source, warnings);
  if (source.kind === 'base64') return { inlineData: { mimeType: source.mediaType, data: source.data } };
  // A Gemini `fileData` image (Files API or gs:// URI) is only meaningful to Gemini and goes back as it came.
  if (fileMimeType !== undefined) return { fileData: { mimeType: fileMimeType, fileUri: source.url } };
  throw new InterlinguaError('invalid_request', `An image in ${where} is given by URL, which Gemini cannot fetch; it should have been inlined.`, {
    param: where,
  });
}
