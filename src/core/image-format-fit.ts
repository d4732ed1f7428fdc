import type { ImagePart } from '../interlingua/content.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning, WithWarnings } from '../interlingua/warning.js';
import { gifAsPng } from './gif-as-png.js';
import { imagesOf, withImagesReplaced } from './request-images.js';

/**
 * Inline GIF images for an upstream that reads no GIF (`taken`: the image types it reads), sent
 * as PNG, their first frame, with a warning. Other types it does not read are left to its dialect.
 * The same request object when nothing changes.
 */
export async function fitImageFormats(request: ChatRequest, taken: readonly string[]): Promise<WithWarnings<ChatRequest>> {
  const warnings: Warning[] = [];
  const converted = new Map<ImagePart, ImagePart>();
  for (const image of imagesOf(request)) {
    if (image.source.kind !== 'base64' || image.source.mediaType !== 'image/gif' || taken.includes('image/gif')) continue;
    const png = await gifAsPng(image.source.data);
    if (png === undefined) continue;
    converted.set(image, { ...image, source: { kind: 'base64', mediaType: 'image/png', data: png } });
    warnings.push({ type: 'compatibility', feature: 'image.media_type', message: 'This upstream reads no GIF images; a GIF was sent as a PNG of its first frame.' });
  }
  return { value: withImagesReplaced(request, converted), warnings };
}
