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
import { imageFormatOfBase64 } from '../../core/image-signature.js';
import { leftOutGeminiOnlyImage } from '../../core/gemini-only-images.js';
import { leaveOutUploadedImage } from '../../core/uploaded-images.js';

/**
 * One entry of `images` → an image part, labelled by its data: a BMP is `image/bmp`, not PNG, so
 * an upstream that does not read it is refused by the gateway in words that name it
 * (core/image-format-fit.ts) rather than sent data that contradicts its label. Data of no format
 * the signatures know is called PNG, with a warning.
 */
export function parseImage(data: string, where: string, warnings: Warning[]): ImagePart {
  if (!isStrictBase64(data)) throw invalidBase64(where);
  const sniffed = imageFormatOfBase64(data)?.mediaType;
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
 * An image part → the base64 string Ollama takes. A `data:` URL is unwrapped; an image only Gemini
 * can open (a gs:// or Files API URI, which the gateway does not fetch) is left out with a warning
 * (core/gemini-only-images.ts), giving undefined, as is an image uploaded to another vendor
 * (core/uploaded-images.ts); any other URL means the gateway did not inline it
 * (this dialect declares `imageUrls: false`), which is a request this upstream cannot serve.
 */
export function emitImage(part: ImagePart, warnings: Warning[], param = 'messages'): string | undefined {
  if (leftOutGeminiOnlyImage(part, 'Ollama', warnings)) return undefined;
  if (part.source.kind === 'file-id') return leaveOutUploadedImage(part.source, warnings);
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
