/**
 * Which inline documents Gemini reads. Vertex AI's document understanding lists two MIME types for
 * every Gemini model, `application/pdf` and `text/plain`
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/document-understanding); the
 * Gemini API reads PDFs with vision and "will only see [other formats] as plain text"
 * (https://ai.google.dev/gemini-api/docs/document-processing). Anything else is refused, 400
 * INVALID_ARGUMENT "Unsupported MIME type: application/vnd.openxmlformats-officedocument.wordprocessingml.document"
 * (https://github.com/googleapis/python-genai/issues/829, https://github.com/google/generative-ai-go/issues/161).
 *
 * So a document whose type names text (CSV, Markdown, JSON, YAML, XML, source code) and whose bytes
 * are UTF-8 goes as `text/plain` with the same bytes: still a document part of its own, where a PDF
 * would be, and one both platforms take (a text part would merge it into the prompt, and inside a
 * function response only media parts go). Other documents (Office files, archives) cannot be read
 * by Gemini and are left out, with a warning. Images, audio and video are media, not documents: they
 * go as they are.
 */
import type { Warning } from '../../interlingua/warning.js';
import type { JsonObject } from './json-value.js';
import { addWarningOnce, sameFeatureAndMessage } from '../../core/warning-once.js';

const readableDocumentTypes = new Set(['application/pdf', 'text/plain']);

/** `application/…` types that hold text, beside `text/*` and the `+json`, `+xml`, `+yaml` suffixes (RFC 6839). */
const textApplicationTypes = new Set([
  'application/json',
  'application/x-ndjson',
  'application/xml',
  'application/yaml',
  'application/x-yaml',
  'application/toml',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'application/x-python',
  'application/x-sh',
  'application/sql',
  'application/graphql',
]);

/** The bare, lower-case type of a MIME type (`Text/CSV; charset=utf-8` → `text/csv`). */
function bareType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

function namesText(type: string): boolean {
  return type.startsWith('text/') || textApplicationTypes.has(type) || /\+(?:json|xml|yaml)$/.test(type);
}

function isMedia(type: string): boolean {
  return ['image/', 'audio/', 'video/'].some((prefix) => type.startsWith(prefix));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether base64 bytes are UTF-8 text (no NUL, which text files do not hold). */
function isUtf8Text(base64: string): boolean {
  try {
    return !utf8.decode(Buffer.from(base64, 'base64')).includes('\u0000');
  } catch {
    return false;
  }
}

/** An inline document as the `inlineData` part Gemini reads, or undefined (with a warning) when it cannot. */
export function inlineDocumentToGemini(mimeType: string, data: string, warnings: Warning[]): JsonObject | undefined {
  const type = bareType(mimeType);
  if (readableDocumentTypes.has(type) || isMedia(type)) return { inlineData: { mimeType: readableDocumentTypes.has(type) ? type : mimeType, data } };
  if (namesText(type) && isUtf8Text(data)) {
    warnOnce(warnings, { type: 'compatibility', feature: 'file.media_type', message: `A ${type} document was sent as text/plain: Gemini reads PDF and plain-text documents only.` });
    return { inlineData: { mimeType: 'text/plain', data } };
  }
  warnOnce(warnings, { type: 'unsupported', feature: 'file.media_type', message: `Gemini reads PDF and plain-text documents only; a ${type} document was left out.` });
  return undefined;
}

function warnOnce(warnings: Warning[], warning: Warning): void {
  addWarningOnce(warnings, warning, sameFeatureAndMessage);
}
