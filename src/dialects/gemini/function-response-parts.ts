/**
 * `functionResponse.parts` from a Gemini caller → the tool result's image parts. Gemini 3 takes a
 * tool's media there, as `{ inlineData: { mimeType, data } }` ("Multimodal function responses",
 * https://ai.google.dev/gemini-api/docs/function-calling#multimodal), so a screenshot a tool returned
 * reaches other vendors as an image. Only when every part is an inline image with nothing else
 * (no `displayName`, no `fileData`) are they mapped; otherwise the parts stay vendor data that only a
 * Gemini upstream receives, exactly as sent.
 */
import { z } from 'zod';
import type { ImagePart } from '../../interlingua/content.js';
import { asStandardBase64, invalidBase64 } from '../../core/base64-data.js';

const imagePartsSchema = z
  .array(z.strictObject({ inlineData: z.strictObject({ mimeType: z.string().startsWith('image/'), data: z.string() }) }))
  .min(1);

export function functionResponseImages(parts: unknown, where: string): ImagePart[] | undefined {
  const parsed = imagePartsSchema.safeParse(parts);
  if (!parsed.success) return undefined;
  return parsed.data.map(({ inlineData }, index) => {
    // Gemini takes URL-safe and unpadded base64 too; other targets get it in the standard form.
    const data = asStandardBase64(inlineData.data);
    if (data === undefined) throw invalidBase64(`${where}[${index}].inlineData.data`);
    return { type: 'image', source: { kind: 'base64', mediaType: inlineData.mimeType, data } };
  });
}
