/**
 * Images named by a file uploaded to one vendor: OpenAI's `input_image.file_id`
 * (https://platform.openai.com/docs/guides/images-vision?api-mode=responses: "by file ID") and
 * Anthropic's image source `{"type": "file", "file_id"}` (Files API,
 * https://docs.anthropic.com/en/docs/build-with-claude/files). The file lives on that vendor's
 * servers under the caller's account; no other upstream can read it, and the gateway cannot fetch
 * it. So an emitter for another dialect leaves such an image out, and one `image.file_id` warning
 * per request says so, as for files (`file.file_id`).
 */
import type { ImageSource } from '../interlingua/content.js';
import type { Warning } from '../interlingua/warning.js';
import { addWarningPerFeature } from './warning-once.js';

export type UploadedImageSource = Extract<ImageSource, { kind: 'file-id' }>;
/** An image whose bytes the gateway or any upstream can read: inline, or behind a URL. */
export type ReadableImageSource = Exclude<ImageSource, { kind: 'file-id' }>;

/** Says that an image uploaded elsewhere was left out; undefined, for the emitter to return. */
export function leaveOutUploadedImage(source: UploadedImageSource, warnings: Warning[]): undefined {
  addWarningPerFeature(warnings, {
    type: 'unsupported',
    feature: 'image.file_id',
    message: `An image uploaded to ${source.origin} (${source.fileId}) exists only there; it was left out.`,
  });
  return undefined;
}
