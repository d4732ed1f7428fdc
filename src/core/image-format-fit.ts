import type { ImagePart } from '../interlingua/content.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning, WithWarnings } from '../interlingua/warning.js';
import { InterlinguaError } from '../interlingua/error.js';
import { gifAsPng } from './gif-as-png.js';
import { imageFormatName, imageFormatOfBase64, type ImageFormat } from './image-signature.js';
import { imagesOf, withImagesReplaced } from './request-images.js';

/**
 * Inline images for an upstream that reads only some image types (`taken`). A GIF it does not read
 * is sent as a PNG of its first frame, with a warning. Any other format its data shows (a BMP from
 * an Ollama caller's bare base64, a TIFF, a HEIC photo) that the upstream does not read is refused
 * here, by its place among the request's images and its format, rather than sent to be refused in
 * the upstream's words (Anthropic answers "Could not process image" or "Image does not match the
 * provided media type", which say neither which image nor why); the gateway has no converter for
 * those. Data of no known format is left to the upstream. The same request object when nothing changes.
 */
export async function fitImageFormats(request: ChatRequest, taken: readonly string[]): Promise<WithWarnings<ChatRequest>> {
  const warnings: Warning[] = [];
  const converted = new Map<ImagePart, ImagePart>();
  for (const [index, image] of imagesOf(request).entries()) {
    if (image.source.kind !== 'base64') continue;
    const format = image.source.mediaType === 'image/gif' ? { mediaType: 'image/gif', name: 'GIF' } : imageFormatOfBase64(image.source.data);
    if (format === undefined || taken.includes(format.mediaType)) continue;
    if (format.mediaType !== 'image/gif') throw unreadableImage(index, format, taken);
    const png = await gifAsPng(image.source.data);
    if (png === undefined) continue;
    converted.set(image, { ...image, source: { kind: 'base64', mediaType: 'image/png', data: png } });
    warnings.push({ type: 'compatibility', feature: 'image.media_type', message: 'This upstream reads no GIF images; a GIF was sent as a PNG of its first frame.' });
  }
  return { value: withImagesReplaced(request, converted), warnings };
}

function unreadableImage(index: number, format: ImageFormat, taken: readonly string[]): InterlinguaError {
  const names = taken.map(imageFormatName).join(', ');
  return new InterlinguaError(
    'invalid_request',
    `Image ${index + 1} of the request (counting every image in order, tool results included) is a ${format.name} image (${format.mediaType}), which this model's upstream does not read; it reads ${names}. Convert the image to one of those.`,
  );
}
