/**
 * OpenAI's embeddings API, `POST /v1/embeddings`, in both directions: the requests callers send
 * and the lists upstreams answer with (OpenAI and the compatible servers of this dialect).
 * Reference: https://platform.openai.com/docs/api-reference/embeddings
 *
 * Vectors travel in one of two encodings. `encoding_format: "float"` (OpenAI's default) writes
 * numbers; `"base64"` writes the little-endian float32 bytes of each vector. Both are the same
 * float32 values: the float form is their shortest decimal spelling (fixture dd-float.response.json:
 * all 1536 numbers print back identically after `Math.fround`), so nothing is lost either way.
 * The official SDK asks for base64 unless told otherwise and decodes it itself
 * (node_modules/openai/resources/embeddings.js, openai/openai-node#1312).
 *
 * Upstream, this codec asks for the encoding the caller will be answered in: base64 for an OpenAI
 * caller that asked for base64 (every SDK caller), otherwise what the caller asked for, or nothing
 * (float) for callers of other dialects, who get numbers. Measured on two 3072-dim vectors
 * (parse the upstream's body, emit the caller's, stringify; this codec, Node 20):
 *
 * | caller ← upstream  | µs   | upstream bytes | caller bytes |
 * |--------------------|------|----------------|--------------|
 * | base64 ← base64    |  293 | 33 K           | 33 K         |
 * | base64 ← float     |  655 | 79 K           | 33 K         |
 * | float  ← base64    | 1565 | 33 K           | 132 K        |
 * | float  ← float     | 1184 | 79 K           | 79 K         |
 *
 * Always asking for base64 would make a float caller dearer in CPU and in bytes overall: a decoded
 * float32 prints as the nearest float64 (`-0.014907048270106316`), not OpenAI's shortest float32
 * spelling (`-0.014907048`), and finding the shortest costs ~1 µs a number. Following the caller
 * gives each the cheapest row and the vendor's own digits. A server that ignores
 * `encoding_format` and answers numbers is read just as well, and a base64 caller is still
 * answered in base64.
 */
import type { EmbeddingCodec, EmbeddingEmitResponseContext, EmbeddingInput, EmbeddingParseContext, EmbeddingRequest, EmbeddingResponse } from '../../interlingua/embedding.js';
import type { Warning } from '../../interlingua/warning.js';
import { z } from 'zod';
import { InterlinguaError } from '../../interlingua/error.js';
import { readOptional } from '../../core/read-optional.js';
import { foreignVendorWarnings, spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { errorFromWire } from './errors.js';
import { errorBodySchema } from './response-schema.js';
import {
  embeddingListSchema,
  embeddingRequestSchema,
  itemFields,
  listFields,
  modelledEmbeddingRequestFields,
  textInputSchema,
  textInputsSchema,
  tokenInputSchema,
  tokenInputsSchema,
  usageFields,
} from './embeddings-schema.js';
import { asVendor, dialectName, mergeVendorFields, ownVendor } from './vendor.js';
import { isRecord, joinPath, parseWire } from './wire-parse.js';
import { extraFields } from '../../wire/extra-fields.js';

/** `input` came as one string or one token array, not as a list of them (spelling only). */
const singleInputKey = `${spellingOnlyPrefix}singleInput`;
/** Request fields the emitter owns; a vendor field of the same name never replaces them. */
const ownedRequestFields = new Set(['model', 'input', 'encoding_format', singleInputKey]);

// ---------------------------------------------------------------- request

function parseRequest(body: unknown, context: EmbeddingParseContext): { request: EmbeddingRequest; warnings: Warning[] } {
  if (!isRecord(body)) throw new InterlinguaError('invalid_request', 'The request body must be a JSON object.');
  // A model in the path (Azure's deployment) decides, whatever the body's `model` says, as for chat
  // (request-parse.ts): Azure serves the deployment the path names.
  const source = context.model !== undefined ? { ...body, model: context.model } : body;
  const wire = parseWire(embeddingRequestSchema, source, '');
  const { inputs, single } = parseInput(wire.input);
  const request: EmbeddingRequest = { model: wire.model, inputs };
  if (wire.dimensions != null) request.dimensions = wire.dimensions;
  if (wire.encoding_format != null) request.encodingFormat = wire.encoding_format;
  if (wire.user != null) request.user = wire.user;
  const vendorFields: Record<string, unknown> = { ...extraFields(wire, modelledEmbeddingRequestFields) };
  if (single) vendorFields[singleInputKey] = true;
  const vendor = asVendor(vendorFields);
  if (vendor !== undefined) request.vendor = vendor;
  return { request, warnings: [] };
}

/** The four shapes of `input`, told apart by their JS type so an error names the element at fault. */
function parseInput(value: unknown): { inputs: EmbeddingInput[]; single: boolean } {
  if (value === undefined || value === null) throw new InterlinguaError('invalid_request', "Missing required field 'input'.", { param: 'input' });
  if (typeof value === 'string') {
    return { inputs: [{ type: 'text', text: parseWire(textInputSchema, value, 'input') }], single: true };
  }
  if (!Array.isArray(value)) {
    throw new InterlinguaError('invalid_request', "Invalid value for 'input': expected a string, an array of strings, or an array of token ids (or of such arrays).", { param: 'input' });
  }
  if (value.length === 0) throw new InterlinguaError('invalid_request', "Invalid value for 'input': it cannot be an empty array.", { param: 'input' });
  const first: unknown = value[0];
  if (typeof first === 'string') {
    return { inputs: parseWire(textInputsSchema, value, 'input').map((text) => ({ type: 'text', text })), single: false };
  }
  if (typeof first === 'number') return { inputs: [{ type: 'tokens', tokens: parseWire(tokenInputSchema, value, 'input') }], single: true };
  if (Array.isArray(first)) {
    return { inputs: parseWire(tokenInputsSchema, value, 'input').map((tokens) => ({ type: 'tokens', tokens })), single: false };
  }
  throw new InterlinguaError('invalid_request', "Invalid value for 'input[0]': expected a string, a token id or an array of token ids.", { param: 'input[0]' });
}

function emitRequest(request: EmbeddingRequest, options: { model: string }): { body: unknown; warnings: Warning[] } {
  const warnings = foreignVendorWarnings(request.vendor, dialectName);
  if (request.inputs.length === 0) {
    throw new InterlinguaError('invalid_request', 'The request has no inputs; OpenAI embeds at least one.', { param: 'input' });
  }
  const vendor = ownVendor(request.vendor);
  const body: Record<string, unknown> = { input: emitInput(request.inputs, vendor?.[singleInputKey] === true), model: options.model };
  // The caller's encoding, so vectors cross the gateway without re-spelling (see the file comment).
  if (request.encodingFormat !== undefined) body['encoding_format'] = request.encodingFormat;
  if (request.dimensions !== undefined) body['dimensions'] = request.dimensions;
  if (request.user !== undefined) body['user'] = request.user;
  if (request.taskType !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'taskType', message: `OpenAI embeddings take no task type; "${request.taskType}" was left out.` });
  }
  mergeVendorFields(body, vendor, ownedRequestFields);
  return { body, warnings };
}

function emitInput(inputs: readonly EmbeddingInput[], single: boolean): string | string[] | number[] | number[][] {
  const texts: string[] = [];
  const tokenLists: number[][] = [];
  for (const input of inputs) {
    if (input.type === 'text') texts.push(input.text);
    else tokenLists.push(input.tokens);
  }
  if (texts.length > 0 && tokenLists.length > 0) {
    throw new InterlinguaError('invalid_request', 'OpenAI embeddings take either texts or token arrays in one request, not both.', { param: 'input' });
  }
  if (tokenLists.length > 0) return single && tokenLists.length === 1 ? (tokenLists[0] ?? []) : tokenLists;
  return single && texts.length === 1 ? (texts[0] ?? '') : texts;
}

// ---------------------------------------------------------------- response

const jsonObject = z.record(z.string(), z.unknown());
const responseVendorSchema = z.object({
  /** Unmodelled top-level fields of the list. */
  response: jsonObject.optional(),
  /** Unmodelled fields of each `data` item, by position (null: none). */
  data: z.array(jsonObject.nullable()).optional(),
  /** Unmodelled fields of `usage`. */
  usage: jsonObject.optional(),
});

function parseResponse(body: unknown): EmbeddingResponse {
  if (isRecord(body) && body['error'] != null) {
    const failure = errorBodySchema.safeParse(body);
    if (failure.success) throw errorFromWire(failure.data.error, JSON.stringify(body));
  }
  const parsed = embeddingListSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = joinPath('', issue?.path ?? []);
    throw new InterlinguaError('upstream_error', `The upstream sent an unexpected OpenAI embeddings body: ${where === '' ? '' : `'${where}': `}${issue?.message ?? 'invalid value'}.`);
  }
  const wire = parsed.data;
  const embeddings: number[][] = new Array<number[]>(wire.data.length);
  const itemExtras: Array<Record<string, unknown> | null> = new Array<Record<string, unknown> | null>(wire.data.length).fill(null);
  // `index` says which input a vector belongs to; OpenAI sends them in order, but it is the index that counts.
  wire.data.forEach((item, position) => {
    const index = item.index ?? position;
    if (index >= wire.data.length || embeddings[index] !== undefined) {
      throw new InterlinguaError('upstream_error', `The upstream's embeddings are not indexed 0…${wire.data.length - 1}: data[${position}].index is ${index}.`);
    }
    embeddings[index] = typeof item.embedding === 'string' ? decodeFloat32Base64(item.embedding, `data[${position}].embedding`) : item.embedding;
    itemExtras[index] = extraFields(item, itemFields) ?? null;
  });
  const response: EmbeddingResponse = { model: wire.model ?? '', embeddings, usage: {} };
  if (wire.usage != null) {
    if (wire.usage.prompt_tokens != null) response.usage.inputTokens = wire.usage.prompt_tokens;
    if (wire.usage.total_tokens != null) response.usage.totalTokens = wire.usage.total_tokens;
  }
  const vendorFields: Record<string, unknown> = {};
  const listExtras = extraFields(wire, listFields);
  if (listExtras !== undefined) vendorFields['response'] = listExtras;
  if (itemExtras.some((extras) => extras !== null)) vendorFields['data'] = itemExtras;
  const usageExtras = wire.usage == null ? undefined : extraFields(wire.usage, usageFields);
  if (usageExtras !== undefined) vendorFields['usage'] = usageExtras;
  const vendor = asVendor(vendorFields);
  if (vendor !== undefined) response.vendor = vendor;
  return response;
}

/** In the format the caller asked for; unknown counts are 0, since OpenAI clients expect numbers. */
function emitResponse(response: EmbeddingResponse, context: EmbeddingEmitResponseContext): Record<string, unknown> {
  const base64 = context.request.encodingFormat === 'base64';
  const vendor = readOptional(responseVendorSchema, ownVendor(response.vendor), {});
  const data = response.embeddings.map((vector, index) => {
    const item: Record<string, unknown> = { object: 'embedding', index, embedding: base64 ? encodeFloat32Base64(vector) : vector };
    mergeVendorFields(item, vendor.data?.[index] ?? undefined, itemFields);
    return item;
  });
  const inputTokens = response.usage.inputTokens ?? 0;
  const usage: Record<string, unknown> = { prompt_tokens: inputTokens, total_tokens: response.usage.totalTokens ?? inputTokens };
  mergeVendorFields(usage, vendor.usage, usageFields);
  const body: Record<string, unknown> = { object: 'list', data, model: context.requestedModel, usage };
  mergeVendorFields(body, vendor.response, listFields);
  return body;
}

// ---------------------------------------------------------------- base64 float32

/**
 * Base64 of little-endian float32 → numbers. A DataView reads little-endian on any host and,
 * measured, as fast as a Float32Array view. Node's decoder skips characters it does not know, so
 * the byte count is checked against the text's length: a corrupt vector is an error, not a shorter one.
 */
export function decodeFloat32Base64(text: string, where: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (text.length % 4 !== 0 || bytes.byteLength !== (text.length / 4) * 3 - padding || bytes.byteLength % 4 !== 0) {
    throw new InterlinguaError('upstream_error', `The upstream sent an unexpected OpenAI embeddings body: '${where}' is not base64 of float32 values.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Array<number>(bytes.byteLength / 4);
  for (let index = 0; index < vector.length; index++) {
    const value = view.getFloat32(index * 4, true);
    if (!Number.isFinite(value)) throw new InterlinguaError('upstream_error', `The upstream sent a non-finite value in '${where}'.`);
    vector[index] = value;
  }
  return vector;
}

/** Numbers → base64 of little-endian float32, as OpenAI writes it: each value rounded to float32. */
export function encodeFloat32Base64(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let index = 0; index < vector.length; index++) view.setFloat32(index * 4, vector[index] ?? 0, true);
  return bytes.toString('base64');
}

export const openaiEmbeddings: EmbeddingCodec = { parseRequest, emitRequest, parseResponse, emitResponse };
