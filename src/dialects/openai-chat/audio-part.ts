/**
 * Chat Completions `input_audio` content parts ⇄ interlingua file parts with an audio media type:
 * `{ type: 'input_audio', input_audio: { data, format: 'wav' | 'mp3' } }`, `data` being base64
 * (`ChatCompletionContentPartInputAudio` in node_modules/openai/resources/chat/completions/completions.d.ts;
 * https://platform.openai.com/docs/guides/audio). As a file part the audio reaches a target that
 * takes audio inline (Gemini's `inlineData`); others report it as the media they do not take.
 */
import { z } from 'zod';
import type { FilePart } from '../../interlingua/content.js';
import { invalidBase64, isStrictBase64 } from '../../core/base64-data.js';
import { asVendor } from './vendor.js';
import { parseWire } from './wire-parse.js';
import { extraFields } from '../../wire/extra-fields.js';

export const audioPartSchema = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.enum(['wav', 'mp3']) }),
});

export interface WireAudioPart {
  type: 'input_audio';
  input_audio: { data: string; format: 'wav' | 'mp3' };
  [extra: string]: unknown;
}

/** The IANA media type of each format (RFC 3003 for MP3's `audio/mpeg`); `audio/mp3` and `audio/x-wav` are read too. */
const mediaTypeByFormat = { wav: 'audio/wav', mp3: 'audio/mpeg' } as const;
const formatByMediaType: Readonly<Record<string, 'wav' | 'mp3'>> = { 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/wave': 'wav', 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3' };
const partKeys = new Set(['type', 'input_audio']);

export function parseAudioPart(raw: unknown, path: string): FilePart {
  const part = parseWire(audioPartSchema, raw, path);
  const { data, format } = part.input_audio;
  if (!isStrictBase64(data)) throw invalidBase64(`${path}.input_audio.data`);
  const file: FilePart = { type: 'file', source: { kind: 'base64', mediaType: mediaTypeByFormat[format], data } };
  const vendor = asVendor(extraFields(part, partKeys));
  if (vendor !== undefined) file.vendor = vendor;
  return file;
}

/** Inline audio Chat takes (WAV or MP3) as an `input_audio` part; undefined for anything else. */
export function emitAudioPart(mediaType: string, data: string): WireAudioPart | undefined {
  const format = formatByMediaType[mediaType.toLowerCase()];
  return format === undefined ? undefined : { type: 'input_audio', input_audio: { data, format } };
}
