/**
 * Images only Gemini can open. A Gemini `fileData` part names its file by a Cloud Storage URI
 * (`gs://bucket/cat.png`, Vertex AI) or a Files API URI
 * (`https://generativelanguage.googleapis.com/v1beta/files/abc123`, https://ai.google.dev/gemini-api/docs/files),
 * and Gemini reads it with the caller's own Google credentials; another upstream given that URL has
 * nothing it can fetch (gs:// is no web address, a Files API file answers only to the key that
 * uploaded it). So an emitter for another vendor leaves such an image out and says so, as it leaves out
 * the same URI given as a document (`file.url`).
 */
import type { ImagePart } from '../interlingua/content.js';
import type { Warning } from '../interlingua/warning.js';
import { holdsWarning, sameFeature } from './warning-once.js';

/** The Gemini Developer API's Files API resources, in any of its API versions. */
const filesApiUri = /^https:\/\/generativelanguage\.googleapis\.com\/v1(?:alpha|beta)?\/files\//;

/** Whether `url` names a file of the Gemini Developer API's Files API, which Vertex AI cannot open either. */
export function isGeminiFilesApiUri(url: string): boolean {
  return filesApiUri.test(url);
}

/** Whether `url` names a file that only Gemini can open. */
export function isGeminiOnlyUri(url: string): boolean {
  return url.startsWith('gs://') || isGeminiFilesApiUri(url);
}

/**
 * Whether `part` is an image only Gemini can open, for an emitter writing for `upstream`: when it
 * is, the emitter leaves it out, and one `image.url` warning per request says so.
 */
export function leftOutGeminiOnlyImage(part: ImagePart, upstream: string, warnings: Warning[]): boolean {
  if (part.source.kind !== 'url' || !isGeminiOnlyUri(part.source.url)) return false;
  if (!holdsWarning(warnings, 'image.url', sameFeature)) {
    warnings.push({
      type: 'unsupported',
      feature: 'image.url',
      message: `${upstream} cannot open an image stored with Gemini (a gs:// or Gemini Files API URI such as ${part.source.url}); it was left out.`,
    });
  }
  return true;
}
