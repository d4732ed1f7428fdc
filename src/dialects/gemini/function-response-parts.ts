/**
 * `functionResponse.parts` from a Gemini caller → the tool result's image and file parts. Gemini 3
 * takes a tool's media there, as `{ inlineData: { mimeType, data } }` ("Multimodal function
 * responses", https://ai.google.dev/gemini-api/docs/function-calling#multimodal; "Parts may have
 * different IANA MIME types", FunctionResponse.parts in the Vertex AI reference), so a screenshot or
 * a PDF a tool returned reaches other vendors as an image or a file. Only when every part is an
 * inline image or document with nothing else (no `displayName`, no `fileData`) are they mapped;
 * otherwise the parts stay vendor data that only a Gemini upstream receives, exactly as sent.
 */
import { z } from 'zod';
import type { FilePart, ImagePart } from '../../interlingua/content.js';
import { asStandardBase64, invalidBase64 } from '../../core/base64-data.js';
import { inlineDocument, isDocumentType } from './file-parts.js';

const mediaPartsSchema = z
  .array(z.strictObject({ inlineData: z.strictObject({ mimeType: z.string().refine((type) => type.startsWith('image/') || isDocumentType(type)), data: z.string() }) }))
  .min(1);

export function functionResponseMedia(parts: unknown, where: string): Array<ImagePart | FilePart> | undefined {
  const parsed = mediaPartsSchema.safeParse(parts);
  if (!parsed.success) return undefined;
  return parsed.data.map(({ inlineData }, index): ImagePart | FilePart => {
    if (!inlineData.mimeType.startsWith('image/')) return inlineDocument(inlineData.mimeType, inlineData.data, `${where}[${index}]`);
    // Gemini takes URL-safe and unpadded base64 too; other targets get it in the standard form.
    const data = asStandardBase64(inlineData.data);
    if (data === undefined) throw invalidBase64(`${where}[${index}].inlineData.data`);
    return { type: 'image', source: { kind: 'base64', mediaType: inlineData.mimeType, data } };
  });
}
