/**
 * The parts of a Gemini answer the interlingua has no type for, as the dialect-neutral list other
 * callers are given or told about (core/unported-output.ts): an image the model generated, returned
 * as a part's `inlineData` (`Part` in https://ai.google.dev/api/caching#Part; image models such as
 * gemini-3.1-flash-image-preview answer so: https://docs.crazyrouter.com/en/chat/gemini/image-gen),
 * a draft image a Gemini 3 image model drew while thinking, and the code-execution tool's
 * `executableCode` and `codeExecutionResult` parts
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/code-execution-api).
 * Each entry but a final image keeps the part whole in `wire`, for a Gemini caller to get it back in
 * its place (output-parts.ts); a final image goes back from `image`, which other dialects read too.
 */
import { z } from 'zod';
import type { UnportedOutput } from '../../core/unported-output.js';
import type { JsonObject } from './json-value.js';

const inlineDataSchema = z.looseObject({ mimeType: z.string().nullish(), data: z.string() });

/**
 * A Gemini 3 image model "generates up to two interim images to test composition and logic", each
 * a thought part holding `inlineData` with no signature ("Thoughts do not have signatures; If
 * inline_data parts with image mimetype are part of thoughts, they will not have signatures":
 * https://ai.google.dev/gemini-api/docs/image-generation#thinking-process). A draft is reasoning,
 * not the answer's image: no `image` field, so no caller dialect writes it as one.
 */
export function isThoughtImage(part: Readonly<Record<string, unknown>>): boolean {
  return part['thought'] === true && inlineDataSchema.safeParse(part['inlineData']).success;
}

/** The entry for one answer part, or undefined for a part of another kind. */
export function unportedOutputOf(part: Readonly<Record<string, unknown>>): UnportedOutput | undefined {
  const wire = { ...part } as JsonObject;
  const inline = inlineDataSchema.safeParse(part['inlineData']);
  if (inline.success) {
    const mediaType = inline.data.mimeType ?? 'application/octet-stream';
    if (part['thought'] === true) {
      return { feature: 'output.thoughtImage', message: `Gemini drew a draft image (${mediaType}) while thinking, which this API's answer has no place for; it was left out.`, wire };
    }
    const message = `Gemini generated ${mediaType.startsWith('image/') ? 'an image' : 'a file'} (${mediaType}) that this API's answer has no place for; it was left out.`;
    return mediaType.startsWith('image/') ? { feature: 'output.image', message, image: { mediaType, data: inline.data.data } } : { feature: 'output.file', message, wire };
  }
  if (part['executableCode'] != null) return { feature: 'output.executableCode', message: 'Code Gemini wrote and ran (code execution) has no place in this API\'s answer; it was left out.', wire };
  if (part['codeExecutionResult'] != null) return { feature: 'output.codeExecutionResult', message: 'The result of code Gemini ran (code execution) has no place in this API\'s answer; it was left out.', wire };
  return undefined;
}
