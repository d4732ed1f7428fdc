import type { ImagePart } from '../interlingua/content.js';
import type { ImageLimits } from '../interlingua/dialect.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning, WithWarnings } from '../interlingua/warning.js';
import { imagesOf, withImagesReplaced } from './request-images.js';
import { imagePixelsOfBase64 } from './image-size.js';
import { scaledToFit } from './image-scaling.js';
import { checkImageCount } from './image-count-limit.js';

/**
 * Inline images larger than the upstream takes (`limits`: more pixels a side, or a heavier base64
 * text), scaled down to fit, each with a warning, instead of refused by it. Every image of the
 * request counts toward `manyImages`, URL images and earlier turns' alike. An image that does not
 * decode is left to the upstream. A request with more images than the upstream takes at all is
 * refused (core/image-count-limit.ts). The same request object when nothing changes.
 */
export async function fitImageSizes(request: ChatRequest, limits: ImageLimits): Promise<WithWarnings<ChatRequest>> {
  const images = imagesOf(request);
  if (images.length === 0) return { value: request, warnings: [] };
  checkImageCount(images.length, limits);
  const many = limits.manyImages !== undefined && images.length > limits.manyImages.count ? limits.manyImages : undefined;
  const maxSide = many?.maxSide ?? limits.maxSide;
  const warnings: Warning[] = [];
  const scaled = new Map<ImagePart, ImagePart>();
  for (const image of images) {
    if (image.source.kind !== 'base64') continue;
    const { data, mediaType } = image.source;
    const pixels = imagePixelsOfBase64(data);
    if (pixels === undefined) continue;
    if (Math.max(pixels.width, pixels.height) <= maxSide && data.length <= limits.maxBase64Length) continue;
    const fitted = await scaledToFit(data, mediaType, pixels, { maxSide, maxBase64Length: limits.maxBase64Length });
    if (fitted === undefined) continue;
    scaled.set(image, { ...image, source: { kind: 'base64', mediaType: fitted.mediaType, data: fitted.data } });
    const limit = `${maxSide} px a side${many === undefined ? '' : ` when a request holds more than ${many.count} images`} and ${megabytes(limits.maxBase64Length)} MB an image`;
    warnings.push({
      type: 'compatibility',
      feature: 'image.size',
      message: `An image of ${pixels.width}×${pixels.height} px (${megabytes(data.length)} MB) was scaled to ${fitted.pixels.width}×${fitted.pixels.height} px (${megabytes(fitted.data.length)} MB): this upstream takes at most ${limit}.`,
    });
  }
  return { value: withImagesReplaced(request, scaled), warnings };
}

/** Megabytes (2^20 bytes, as the vendors count them) of base64 text, to one decimal. */
function megabytes(length: number): string {
  return (length / (1024 * 1024)).toFixed(1);
}
