/**
 * Chat Completions `file` content parts ⇄ interlingua file parts:
 * `{ type: 'file', file: { file_data?, file_id?, filename? } }` (`ChatCompletionContentPart.File`
 * in the openai SDK, resources/chat/completions/completions.d.ts). Chat reads PDFs, and WAV or MP3
 * audio as `input_audio` parts (audio-part.ts).
 */
import { z } from 'zod';
import type { FilePart, TextPart } from '../../interlingua/content.js';
import type { Warning } from '../../interlingua/warning.js';
import { droppedFile, fileAsText, fileDataUrl, fileNameFor, parseFileData, pdfMediaType } from '../openai-family/file-input.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { asVendor, dialectName, mergeVendorFields, ownVendor } from './vendor.js';
import { parseWire } from './wire-parse.js';
import { extraFields } from '../../wire/extra-fields.js';
import { emitAudioPart, type WireAudioPart } from './audio-part.js';

export const filePartSchema = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({ file_data: z.string().nullish(), file_id: z.string().nullish(), filename: z.string().nullish() }),
});

export interface WireFilePart {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string };
  [extra: string]: unknown;
}

const partKeys = new Set(['type', 'file']);
const fileKeys = new Set(['file_data', 'file_id', 'filename']);

export function parseFilePart(raw: unknown, path: string): FilePart {
  const part = parseWire(filePartSchema, raw, path);
  const { file } = part;
  let source: FilePart['source'];
  if (file.file_data != null) source = parseFileData(file.file_data, `${path}.file.file_data`);
  else if (file.file_id != null) source = { kind: 'file-id', fileId: file.file_id, origin: dialectName };
  else throw new InterlinguaError('invalid_request', `Invalid value for '${path}.file': a file part needs file_data or file_id.`, { param: `${path}.file` });
  const result: FilePart = { type: 'file', source };
  if (file.filename != null) result.filename = file.filename;
  const fileExtras = extraFields(file, fileKeys);
  const extras = { ...extraFields(part, partKeys), ...(fileExtras === undefined ? {} : { file: fileExtras }) };
  const vendor = asVendor(extras);
  if (vendor !== undefined) result.vendor = vendor;
  return result;
}

/** A file part as Chat takes it: a PDF as a `file` part, a text document as text; anything else is left out with a warning. */
export function emitFilePart(part: FilePart, warnings: Warning[]): WireFilePart | WireAudioPart | TextPart | undefined {
  const { source } = part;
  const vendor = ownVendor(part.vendor);
  const file: WireFilePart['file'] = {};
  switch (source.kind) {
    case 'base64': {
      // WAV and MP3 go as the audio Chat takes (audio-part.ts).
      const audio = emitAudioPart(source.mediaType, source.data);
      if (audio !== undefined) {
        mergeVendorFields(audio, vendor, new Set(['type', 'input_audio']));
        return audio;
      }
      if (source.mediaType !== pdfMediaType) return fileAsText(part, warnings) ?? dropped(warnings, `file.${source.mediaType}`, `OpenAI Chat Completions takes PDF files only; a ${source.mediaType} file was left out.`);
      file.file_data = fileDataUrl(source);
      file.filename = fileNameFor(part, warnings);
      break;
    }
    case 'text':
      return fileAsText(part, warnings);
    case 'url':
      return dropped(warnings, 'file.url', `OpenAI Chat Completions takes no file URLs; the file at ${source.url} was left out.`);
    case 'file-id':
      if (source.origin !== dialectName) return dropped(warnings, 'file.file_id', `A file uploaded to ${source.origin} (${source.fileId}) exists only there; it was left out.`);
      file.file_id = source.fileId;
      if (part.filename !== undefined) file.filename = part.filename;
      break;
    default: {
      const unhandled: never = source;
      throw new Error(`unhandled file source ${JSON.stringify(unhandled)}`);
    }
  }
  const nested = vendor?.['file'];
  if (nested !== null && typeof nested === 'object') mergeVendorFields(file, nested as Record<string, unknown>, fileKeys);
  const wire: WireFilePart = { type: 'file', file };
  mergeVendorFields(wire, vendor, partKeys);
  return wire;
}

function dropped(warnings: Warning[], feature: string, message: string): undefined {
  droppedFile(warnings, feature, message);
  return undefined;
}
