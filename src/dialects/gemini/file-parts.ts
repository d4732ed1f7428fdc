/**
 * Gemini media parts with a document type ⇄ interlingua file parts. Gemini reads documents given
 * inline (`inlineData` with e.g. `application/pdf`,
 * https://ai.google.dev/gemini-api/docs/generate-content/file-input-methods) or by `fileData`
 * (a Files API or `gs://` URI, test/fixtures/recorded/gemini/pa-vertex-filedata-gs-pdf.request.json),
 * which only Gemini can open. Audio and video are media, not documents: they stay Gemini-only.
 */
import type { FilePart } from '../../interlingua/content.js';
import type { Warning } from '../../interlingua/warning.js';
import { asStandardBase64, invalidBase64 } from '../../core/base64-data.js';
import type { JsonObject } from './json-value.js';
import { dialectName, readPartVendor } from './vendor.js';
import { inlineDocumentToGemini } from './inline-document-types.js';
import { isGeminiFilesApiUri } from '../../core/gemini-only-images.js';
import { addWarningOnce, sameFeature } from '../../core/warning-once.js';

/** A MIME type read as a document: anything but images (ImagePart), audio and video. */
export function isDocumentType(mimeType: string): boolean {
  return !['image/', 'audio/', 'video/'].some((prefix) => mimeType.startsWith(prefix));
}

export function inlineDocument(mimeType: string, data: string, where: string): FilePart {
  // Gemini takes URL-safe and unpadded base64 too; other targets get it in the standard form.
  const standard = asStandardBase64(data);
  if (standard === undefined) throw invalidBase64(`${where}.inlineData.data`);
  return { type: 'file', source: { kind: 'base64', mediaType: mimeType, data: standard } };
}

/**
 * A `fileData` document: its URI is kept as a URL, marked as Gemini's so it goes back as `fileData`.
 * A Files API URI (`https://generativelanguage.googleapis.com/v1beta/files/abc123`) names a file
 * uploaded to the Gemini Developer API, which answers only to the key that uploaded it: it is that
 * API's file id (`origin` gemini), and every other upstream leaves it out as it does another vendor's
 * file id. Vertex AI cannot read it either: "file upload is not supported on Vertex"
 * (github.com/googleapis/js-genai/issues/581), "Unsupported file uri" (github.com/BerriAI/litellm/issues/11529).
 */
export function fileDataDocument(fileUri: string, mimeType: string, extra: JsonObject | undefined): FilePart {
  if (isGeminiFilesApiUri(fileUri)) return { type: 'file', source: { kind: 'file-id', fileId: fileUri, origin: dialectName, mediaType: mimeType }, ...(extra ? { vendor: { [dialectName]: { extra } } } : {}) };
  return { type: 'file', source: { kind: 'url', url: fileUri, mediaType: mimeType }, vendor: { [dialectName]: { fileMimeType: mimeType, ...(extra ? { extra } : {}) } } };
}

/**
 * A file part as a Gemini media part body, or undefined (with a warning) when Gemini cannot read
 * it: a URL not from Gemini (Gemini does not fetch documents by link), another vendor's file id, a
 * document of a type Gemini refuses (inline-document-types.ts). A Files API file (origin gemini) goes
 * back as the `fileData` it came as; Vertex AI's emitter takes it out first (vertex-files.ts).
 */
export function fileToGemini(part: FilePart, warnings: Warning[]): JsonObject | undefined {
  const { source } = part;
  switch (source.kind) {
    case 'base64':
      return inlineDocumentToGemini(source.mediaType, source.data, warnings);
    case 'text':
      return inlineDocumentToGemini(source.mediaType, Buffer.from(source.text, 'utf8').toString('base64'), warnings);
    case 'url': {
      const fileMimeType = readPartVendor(part.vendor).fileMimeType;
      if (fileMimeType !== undefined) return { fileData: { mimeType: fileMimeType, fileUri: source.url } };
      return dropped(warnings, 'file.url', `Gemini does not fetch documents by URL; the file at ${source.url} was left out.`);
    }
    case 'file-id':
      if (source.origin === dialectName) return { fileData: { ...(source.mediaType === undefined ? {} : { mimeType: source.mediaType }), fileUri: source.fileId } };
      return leftOutFileId(source, warnings);
    default: {
      const unhandled: never = source;
      throw new Error(`unhandled file source ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Another place's file id, left out with the warning every dialect gives for one. */
export function leftOutFileId(source: { fileId: string; origin: string }, warnings: Warning[]): undefined {
  return dropped(warnings, 'file.file_id', `A file uploaded to ${source.origin} (${source.fileId}) exists only there; it was left out.`);
}

function dropped(warnings: Warning[], feature: string, message: string): undefined {
  addWarningOnce(warnings, { type: 'unsupported', feature, message }, sameFeature);
  return undefined;
}
