/**
 * Ollama takes images as bare base64 strings in an `images` list (a chat message's, or a generate
 * request's), with no media type (fixtures/ollama/chat-request-images.json,
 * fixtures/ollama/generate-request-images.json; docs/api.md "The images should be provided as an
 * array, with the individual images encoded in Base64"). The server sniffs the bytes itself, so
 * the emitter sends only the data; the parser recovers the media type from the same magic
 * numbers, because every other dialect needs one.
 */
import type { ImagePart } from '../../interlingua/content.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { invalidBase64, isStrictBase64 } from '../../core/base64-data.js';

/** The first 12 bytes are enough for every signature below (WebP's sits at bytes 8–11). */
function leadingBytes(base64: string): Buffer {
  return Buffer.from(base64.slice(0, 16), 'base64');
}

function startsWith(bytes: Buffer, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/** PNG, JPEG, GIF and WebP by their magic numbers; undefined for anything else. */
export function sniffImageMediaType(base64: string): string | undefined {
  const bytes = leadingBytes(base64);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

/** One entry of `images` → an image part; an unknown format is called PNG, with a warning. */
export function parseImage(data: string, where: string, warnings: Warning[]): ImagePart {
  if (!isStrictBase64(data)) throw invalidBase64(where);
  const sniffed = sniffImageMediaType(data);
  if (sniffed === undefined) {
    warnings.push({
      type: 'compatibility',
      feature: 'image.media_type',
      message: `${where} is not a PNG, JPEG, GIF or WebP image that could be recognized; it was passed on as image/png.`,
    });
  }
  return { type: 'image', source: { kind: 'base64', mediaType: sniffed ?? 'image/png', data } };
}

const dataUrlPattern = /^data:[^;,]*(?:;[^;,]*)*;base64,/i;

/**
 * An image part → the base64 string Ollama takes. A `data:` URL is unwrapped; any other URL
 * means the gateway did not inline it (this dialect declares `imageUrls: false`), which is a
 * request this upstream cannot serve.
 */
export function emitImage(part: ImagePart, warnings: Warning[], param = 'messages'): string {
  if (part.detail !== undefined && part.detail !== 'auto') {
    warnings.push({ type: 'unsupported', feature: 'image.detail', message: `Ollama has no image detail setting; "${part.detail}" was left out.` });
  }
  if (part.source.kind === 'base64') return part.source.data;
  const match = dataUrlPattern.exec(part.source.url);
  if (match !== null) return part.source.url.slice(match[0].length);
  throw new InterlinguaError('invalid_request', `Ollama takes images only as base64 data; the image at ${part.source.url.slice(0, 200)} was not inlined.`, {
    param,
  });
}
