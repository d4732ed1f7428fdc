/**
 * Responses `input_file` ⇄ interlingua file parts, in input messages and in a
 * `function_call_output`'s output list: `{ type: 'input_file', file_data?, file_url?, file_id?,
 * filename?, detail? }` (`ResponseInputFile`, and `ResponseInputFileContent` in
 * `ResponseFunctionCallOutputItem`, openai SDK resources/responses/responses.d.ts). Responses reads
 * PDFs, text and office documents (https://developers.openai.com/api/docs/guides/file-inputs).
 */
import { z } from 'zod';
import type { FilePart } from '../../interlingua/content.js';
import type { Warning } from '../../interlingua/warning.js';
import { droppedFile, fileDataUrl, fileNameFor, parseFileData } from '../openai-family/file-input.js';
import { dialectName, mergeVendorFields, ownVendor, withVendor } from './vendor.js';
import { invalidValue, parseWire } from './wire-parse.js';
import { extraFields } from '../../wire/extra-fields.js';

const filePartSchema = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.string().nullish(),
  file_url: z.string().nullish(),
  file_id: z.string().nullish(),
  filename: z.string().nullish(),
});

const owned = new Set(['type', 'file_data', 'file_url', 'file_id', 'filename']);

export function parseInputFile(raw: unknown, path: string): FilePart {
  const part = parseWire(filePartSchema, raw, path);
  let source: FilePart['source'];
  if (part.file_data != null) source = parseFileData(part.file_data, `${path}.file_data`);
  else if (part.file_url != null) source = { kind: 'url', url: part.file_url };
  else if (part.file_id != null) source = { kind: 'file-id', fileId: part.file_id, origin: dialectName };
  else throw invalidValue(path, 'an input_file needs file_data, file_url or file_id', 'invalid_request');
  const file: FilePart = { type: 'file', source };
  if (part.filename != null) file.filename = part.filename;
  // `detail` and cache breakpoints only Responses reads.
  return withVendor(file, extraFields(part, owned));
}

/**
 * Audio and video, which an `input_file` does not take: it reads PDFs, text and code, rich documents,
 * presentations and spreadsheets ("Accepted file types", https://developers.openai.com/api/docs/guides/file-inputs),
 * and the input has no audio part (`ResponseInputContent` is input_text | input_image | input_file). Another
 * type is refused with "Expected context stuffing file type to be a supported format"
 * (https://community.openai.com/t/file-input-in-chat-responses-api/1365525). Chat's `input_audio` arrives as such a file.
 */
function isMedia(mediaType: string): boolean {
  const type = mediaType.toLowerCase();
  return type.startsWith('audio/') || type.startsWith('video/');
}

/** A file part as an `input_file`; a plain-text document goes as inline `text/plain` data. */
export function emitInputFile(part: FilePart, fields: Record<string, unknown> | undefined, warnings: Warning[]): Record<string, unknown> | undefined {
  const { source } = part;
  const wire: Record<string, unknown> = { type: 'input_file' };
  switch (source.kind) {
    case 'base64':
      if (isMedia(source.mediaType)) {
        droppedFile(warnings, `file.${source.mediaType}`, `The Responses API reads documents only, no audio or video; a ${source.mediaType} file was left out.`);
        return undefined;
      }
      wire['file_data'] = fileDataUrl(source);
      wire['filename'] = fileNameFor(part, warnings);
      break;
    case 'text':
      wire['file_data'] = fileDataUrl({ kind: 'base64', mediaType: source.mediaType, data: Buffer.from(source.text, 'utf8').toString('base64') });
      wire['filename'] = fileNameFor(part, warnings);
      break;
    case 'url':
      if (!/^https?:\/\//i.test(source.url)) {
        droppedFile(warnings, 'file.url', `OpenAI fetches files by http(s) URL only; the file at ${source.url} was left out.`);
        return undefined;
      }
      wire['file_url'] = source.url;
      if (part.filename !== undefined) wire['filename'] = part.filename;
      break;
    case 'file-id':
      if (source.origin !== dialectName) {
        droppedFile(warnings, 'file.file_id', `A file uploaded to ${source.origin} (${source.fileId}) exists only there; it was left out.`);
        return undefined;
      }
      wire['file_id'] = source.fileId;
      if (part.filename !== undefined) wire['filename'] = part.filename;
      break;
    default: {
      const unhandled: never = source;
      throw new Error(`unhandled file source ${JSON.stringify(unhandled)}`);
    }
  }
  mergeVendorFields(wire, fields ?? ownVendor(part.vendor), owned);
  return wire;
}
