/**
 * Files as both OpenAI APIs take them: Chat's `file` part (`file.file_data`, `file.file_id`,
 * `file.filename`) and Responses' `input_file` (`file_data`, `file_url`, `file_id`, `filename`).
 * "Chat Completions accepts only PDF files as file content parts"; the Responses API takes PDFs,
 * text and office documents; Chat takes no file URL; to use a text file with Chat, "read the file
 * in your application and send its content as a text content part"
 * (https://developers.openai.com/api/docs/guides/file-inputs).
 */
import type { FilePart, FileSource, TextPart } from '../../interlingua/content.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { invalidBase64, isStrictBase64 } from '../../core/base64-data.js';
import { base64DataUrl, parseBase64DataUrl } from '../../core/data-url.js';
import { addWarningOnce, holdsWarning, sameFeature } from '../../core/warning-once.js';

export const pdfMediaType = 'application/pdf';

/**
 * `file_data` as inline bytes. OpenAI documents a `data:` URL; bare base64 is read as a PDF,
 * the one type both APIs take.
 */
export function parseFileData(fileData: string, path: string): Extract<FileSource, { kind: 'base64' }> {
  const dataUrl = parseBase64DataUrl(fileData);
  const source = dataUrl ?? { mediaType: pdfMediaType, data: fileData };
  if (!isStrictBase64(source.data)) {
    if (dataUrl === undefined && !fileData.startsWith('data:')) throw invalidBase64(path);
    throw new InterlinguaError('invalid_request', `Invalid value for '${path}': expected a data: URL with base64 data (data:application/pdf;base64,…).`, { param: path });
  }
  return { kind: 'base64', mediaType: source.mediaType, data: source.data };
}

export function fileDataUrl(source: Extract<FileSource, { kind: 'base64' }>): string {
  return base64DataUrl(source.mediaType, source.data);
}

/**
 * The `filename` to send with inline data. OpenAI refuses `file_data` without one ("Missing
 * required parameter", openai/openai-agents-python#1513 for Chat, laravel/ai#321 for Responses),
 * so a file that came without a name gets its title, or a stand-in name, with a warning.
 */
export function fileNameFor(part: FilePart, warnings: Warning[]): string {
  const name = part.filename ?? part.title;
  if (name !== undefined) return name;
  if (!holdsWarning(warnings, 'file.filename', sameFeature)) {
    warnings.push({ type: 'compatibility', feature: 'file.filename', message: 'OpenAI needs a filename with inline file data; a file without one was named "document".' });
  }
  return part.source.kind === 'base64' && part.source.mediaType === pdfMediaType ? 'document.pdf' : 'document';
}

/** A text document (plain-text source, or inline `text/*` bytes) as a text part, the way OpenAI says to send text files to Chat. */
export function fileAsText(part: FilePart, warnings: Warning[]): TextPart | undefined {
  const { source } = part;
  const text = source.kind === 'text' ? source.text : source.kind === 'base64' && source.mediaType.startsWith('text/') ? Buffer.from(source.data, 'base64').toString('utf8') : undefined;
  if (text === undefined) return undefined;
  if (!holdsWarning(warnings, 'file.text', sameFeature)) {
    warnings.push({ type: 'compatibility', feature: 'file.text', message: 'A text document was sent as a text part: OpenAI Chat Completions takes PDF files only.' });
  }
  const name = part.title ?? part.filename;
  return { type: 'text', text: name === undefined ? text : `${name}:\n${text}` };
}

/** The warning for a file a target cannot take, one per feature. */
export function droppedFile(warnings: Warning[], feature: string, message: string): void {
  addWarningOnce(warnings, { type: 'unsupported', feature, message }, sameFeature);
}
