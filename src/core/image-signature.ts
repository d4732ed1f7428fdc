/**
 * An image's format read from its first bytes (its magic number), for the four formats every
 * vision API takes: PNG, JPEG, GIF and WebP. Used where an image comes without a media type
 * (Ollama's bare base64, a fetched URL, a OneBot file) and where the media type it came with
 * must be checked against the data (Anthropic and Bedrock refuse a mismatch).
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
