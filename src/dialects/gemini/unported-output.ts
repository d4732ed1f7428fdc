/**
 * The parts of a Gemini answer the interlingua has no type for, as the dialect-neutral list other
 * callers are given or told about (core/unported-output.ts): an image the model generated, returned
 * as a part's `inlineData` (`Part` in https://ai.google.dev/api/caching#Part; image models such as
 * gemini-3.1-flash-image-preview answer so: https://docs.crazyrouter.com/en/chat/gemini/image-gen), and
 * the code-execution tool's `executableCode` and `codeExecutionResult` parts
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/code-execution-api).
 */
import { z } from 'zod';
import type { UnportedOutput } from '../../core/unported-output.js';

const inlineDataSchema = z.looseObject({ mimeType: z.string().nullish(), data: z.string() });

/** The entry for one answer part, or undefined for a part of another kind. */
export function unportedOutputOf(part: Readonly<Record<string, unknown>>): UnportedOutput | undefined {
  const inline = inlineDataSchema.safeParse(part['inlineData']);
  if (inline.success) {
    const mediaType = inline.data.mimeType ?? 'application/octet-stream';
    const message = `Gemini generated ${mediaType.startsWith('image/') ? 'an image' : 'a file'} (${mediaType}) that this API's answer has no place for; it was left out.`;
    return mediaType.startsWith('image/') ? { feature: 'output.image', message, image: { mediaType, data: inline.data.data } } : { feature: 'output.file', message };
  }
  if (part['executableCode'] != null) return { feature: 'output.executableCode', message: 'Code Gemini wrote and ran (code execution) has no place in this API\'s answer; it was left out.' };
  if (part['codeExecutionResult'] != null) return { feature: 'output.codeExecutionResult', message: 'The result of code Gemini ran (code execution) has no place in this API\'s answer; it was left out.' };
  return undefined;
}
