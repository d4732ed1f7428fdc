/**
 * Ollama's embeddings API, `POST /api/embed`, in both directions: `{model, input}` in,
 * `{model, embeddings, total_duration, load_duration, prompt_eval_count}` out.
 * Reference: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings
 * Callers of the older `POST /api/embeddings` (route context `single`) send `{model, prompt}` and get
 * `{embedding}` (docs/api.md#generate-embedding, fixtures/ollama/embeddings-legacy-response.json);
 * upstreams are always asked through `/api/embed`.
 *
 * `truncate`, `options`, `keep_alive` and unknown fields have no interlingua place: they travel in
 * `vendor.ollama` under their own names and come back for an Ollama upstream; other upstreams
 * report them lost. `@singleInput` remembers that `input` was one string (spelling only). The
 * answer's timings travel in `vendor.ollama.extra`, so an Ollama caller of an Ollama upstream gets
 * them back; an answer from another vendor has none and they are left out, as Ollama's server
 * leaves out zero values.
 */
import type { EmbeddingCodec, EmbeddingEmitResponseContext, EmbeddingParseContext, EmbeddingRequest, EmbeddingResponse } from '../../interlingua/embedding.js';
import type { Warning } from '../../interlingua/warning.js';
import { z } from 'zod';
import { InterlinguaError } from '../../interlingua/error.js';
import { readOptional } from '../../core/read-optional.js';
import { foreignVendorWarnings, spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { embedRequestFields, embedRequestSchema, embedResponseFields, embedResponseSchema, legacyEmbeddingRequestFields, legacyEmbeddingRequestSchema, legacyEmbeddingResponseSchema } from './embeddings-schema.js';
import { isJsonObject, mergeExtra, parseWire, setField, type JsonObject } from '../ollama-family/json-value.js';
import { dialectName, ownVendor, readExtra } from './vendor.js';
import { extraFields } from '../../wire/extra-fields.js';

const singleInputKey = `${spellingOnlyPrefix}singleInput`;
const ownedRequestFields = new Set(['model', 'input', 'dimensions']);
const requestVendorSchema = z.record(z.string(), z.unknown());

function parseRequest(body: unknown, context: EmbeddingParseContext): { request: EmbeddingRequest; warnings: Warning[] } {
  if (context.single === true) return parseLegacyRequest(body);
  const wire = parseWire(embedRequestSchema, body, 'invalid_request');
  const texts = wire.input == null ? [] : typeof wire.input === 'string' ? (wire.input === '' ? [] : [wire.input]) : wire.input;
  const request: EmbeddingRequest = { model: wire.model, inputs: texts.map((text) => ({ type: 'text', text })) };
  if (wire.dimensions != null) request.dimensions = wire.dimensions;
  const vendor: JsonObject = {};
  for (const [key, value] of Object.entries(extraFields(wire, embedRequestFields) ?? {})) if (value !== null) setField(vendor, key, value);
  if (typeof wire.input === 'string') vendor[singleInputKey] = true;
  if (Object.keys(vendor).length > 0) request.vendor = { [dialectName]: vendor };
  return { request, warnings: [] };
}

/** `{model, prompt}`: one text, or none for an empty prompt; `options` and `keep_alive` travel as `/api/embed`'s do. */
function parseLegacyRequest(body: unknown): { request: EmbeddingRequest; warnings: Warning[] } {
  const wire = parseWire(legacyEmbeddingRequestSchema, body, 'invalid_request');
  const prompt = wire.prompt ?? '';
  const request: EmbeddingRequest = { model: wire.model, inputs: prompt === '' ? [] : [{ type: 'text', text: prompt }] };
  const vendor: JsonObject = { [singleInputKey]: true };
  for (const [key, value] of Object.entries(extraFields(wire, legacyEmbeddingRequestFields) ?? {})) if (value !== null) setField(vendor, key, value);
  request.vendor = { [dialectName]: vendor };
  return { request, warnings: [] };
}

function emitRequest(request: EmbeddingRequest, options: { model: string }): { body: unknown; warnings: Warning[] } {
  const warnings = foreignVendorWarnings(request.vendor, dialectName);
  const vendor = readOptional(requestVendorSchema, ownVendor(request.vendor), {});
  const texts = request.inputs.map((input, index) => {
    if (input.type !== 'text') {
      throw new InterlinguaError('invalid_request', `Ollama embeds text only; input ${index} is token ids, which only OpenAI takes.`, { param: `input[${index}]` });
    }
    return input.text;
  });
  const single = vendor[singleInputKey] === true && texts.length <= 1;
  const body: JsonObject = { model: options.model, input: single ? (texts[0] ?? '') : texts };
  if (request.dimensions !== undefined) body['dimensions'] = request.dimensions;
  if (request.taskType !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'taskType', message: `Ollama embeddings take no task type; "${request.taskType}" was left out.` });
  }
  if (request.user !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'user', message: 'Ollama takes no end-user id; "user" was left out.' });
  }
  for (const [key, value] of Object.entries(vendor)) {
    if (!key.startsWith(spellingOnlyPrefix) && !ownedRequestFields.has(key)) setField(body, key, value);
  }
  return { body, warnings };
}

function parseResponse(body: unknown): EmbeddingResponse {
  // A failed run answers `{"error": "…"}` (fixtures/ollama/error-body.json), with no embeddings.
  if (isJsonObject(body) && body['error'] != null) {
    const error = body['error'];
    throw new InterlinguaError('upstream_error', typeof error === 'string' && error !== '' ? error : `Ollama answered with an error: ${JSON.stringify(error)}`);
  }
  // The older API's one vector (`/api/embeddings`), read as this codec writes it for such callers.
  if (isJsonObject(body) && body['embeddings'] === undefined && body['embedding'] !== undefined) {
    return { model: '', embeddings: [parseWire(legacyEmbeddingResponseSchema, body, 'upstream_error').embedding], usage: {} };
  }
  const wire = parseWire(embedResponseSchema, body, 'upstream_error');
  const response: EmbeddingResponse = { model: wire.model ?? '', embeddings: wire.embeddings, usage: {} };
  if (wire.prompt_eval_count != null) response.usage.inputTokens = wire.prompt_eval_count;
  const extra = extraFields(wire, embedResponseFields);
  if (extra !== undefined) response.vendor = { [dialectName]: { extra } };
  return response;
}

function emitResponse(response: EmbeddingResponse, context: EmbeddingEmitResponseContext): JsonObject {
  // `/api/embeddings` answers the one vector alone (api/types.go `EmbeddingResponse`).
  if (context.single === true) return { embedding: response.embeddings[0] ?? [] };
  const body: JsonObject = { model: context.requestedModel, embeddings: response.embeddings };
  mergeExtra(body, readExtra(response.vendor), embedResponseFields);
  if (response.usage.inputTokens !== undefined) body['prompt_eval_count'] = response.usage.inputTokens;
  return body;
}

export const ollamaEmbeddings: EmbeddingCodec = { parseRequest, emitRequest, parseResponse, emitResponse };
