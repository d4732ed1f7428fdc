/**
 * An image's format read from its first bytes (its magic number), for the four formats every
 * vision API takes: PNG, JPEG, GIF and WebP. Used where an image comes without a media type
 * (Ollama's bare base64, a fetched URL, a OneBot file) and where the media type it came with
 * must be checked against the data (Anthropic and Bedrock refuse a mismatch). `imageFormatOfBase64`
 * knows a few formats more, which some upstreams read and others refuse, so that such an image is
 * named for what it is rather than passed off as one of the four.
 */

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/** PNG, JPEG, GIF or WebP by their magic numbers; undefined for anything else. */
export function imageMediaTypeOfBytes(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

/** The same from base64 text: its first 16 characters hold the 12 bytes the signatures need. */
export function imageMediaTypeOfBase64(base64: string): string | undefined {
  return imageMediaTypeOfBytes(Buffer.from(base64.slice(0, 16), 'base64'));
}

/**
 * Formats past the four, by their magic numbers: BMP starts "BM" (the WHATWG MIME Sniffing
 * Standard's image pattern table, https://mimesniff.spec.whatwg.org/#matching-an-image-type-pattern);
 * TIFF "II" or "MM" then the number 42 in that byte order (TIFF 6.0, "Image File Header"); HEIF
 * files (HEIC photos, AVIF) are ISO base media files whose `ftyp` box, at byte 4, names the
 * brand at byte 8 (https://github.com/strukturag/libheif/issues/83, https://mp4ra.org/#/brands).
 */
const heifBrands: Record<string, string> = {
  heic: 'image/heic',
  heix: 'image/heic',
  heim: 'image/heif',
  heis: 'image/heif',
  mif1: 'image/heif',
  msf1: 'image/heif',
  avif: 'image/avif',
  avis: 'image/avif',
};

export interface ImageFormat {
  mediaType: string;
  /** How people name it: BMP, TIFF, HEIC, … */
  name: string;
}

/** The format of base64 image data, the four and those above, or undefined for anything else. */
export function imageFormatOfBase64(base64: string): ImageFormat | undefined {
  const bytes = Buffer.from(base64.slice(0, 16), 'base64');
  const mediaType = imageMediaTypeOfBytes(bytes) ?? otherMediaTypeOfBytes(bytes);
  return mediaType === undefined ? undefined : { mediaType, name: imageFormatName(mediaType) };
}

/** `image/bmp` → BMP, `image/webp` → WebP: how an error message names a format. */
export function imageFormatName(mediaType: string): string {
  const subtype = mediaType.replace(/^image\//, '');
  return subtype === 'webp' ? 'WebP' : subtype.toUpperCase();
}

function otherMediaTypeOfBytes(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x42, 0x4d])) return 'image/bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4)) return heifBrands[Buffer.from(bytes.subarray(8, 12)).toString('latin1')];
  return undefined;
}
