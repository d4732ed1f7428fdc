import { imageSize } from 'image-size';
import { imageMediaTypeOfBytes } from './image-signature.js';

/** An image's width and height in pixels. */
export interface ImagePixels {
  width: number;
  height: number;
}

/**
 * Base64 characters read for an image's header: 64 KiB of data. PNG, GIF and WebP give their size in
 * their first bytes; a JPEG gives it after its metadata segments (EXIF, ICC), which fit there unless
 * unusually large, and the whole image is read then.
 */
const headerBase64Length = 87_384;

/**
 * The size an image's header states, read from its base64 text without decoding the rest; undefined
 * when the data is no image `image-size` reads. Only a JPEG is read whole when its header says
 * nothing: `image-size`'s HEIF reader searches the rest of the file once per box it finds, so a
 * crafted 1.6 MB image held the event loop 15 s; within the header it is bounded.
 */
export function imagePixelsOfBase64(base64: string): ImagePixels | undefined {
  if (base64.length > headerBase64Length) {
    const header = Buffer.from(base64.slice(0, headerBase64Length), 'base64');
    const fromHeader = pixelsOf(header);
    if (fromHeader !== undefined || imageMediaTypeOfBytes(header) !== 'image/jpeg') return fromHeader;
  }
  return pixelsOf(Buffer.from(base64, 'base64'));
}

function pixelsOf(bytes: Uint8Array): ImagePixels | undefined {
  try {
    const { width, height } = imageSize(bytes);
    return width > 0 && height > 0 ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}
