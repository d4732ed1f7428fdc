/**
 * The Gemini embeddings API, v1beta (https://ai.google.dev/api/embeddings), in both directions.
 *
 * Callers use either method: `models/{model}:embedContent` (one content, answered
 * `{embedding: {values}}`) or `:batchEmbedContents` (`{requests: [EmbedContentRequest…]}`, answered
 * `{embeddings: [{values}…]}`); the route says which (`EmbeddingParseContext.single`). Upstream,
 * the batch form is always sent: it serves one input or many, and it is what the official
 * `@google/genai` SDK itself calls for `models.embedContent` on the Gemini API, one request per
 * content, each naming `models/{model}` and carrying the config's taskType / title /
 * outputDimensionality (node_modules/@google/genai/dist/node/index.mjs `embedContentInternal`).
 * Gemini reports no token usage for embeddings (fixtures pa-batchEmbedContents-*.response.json).
 *
 * Only text is embedded through the gateway: a part without `text` (an image for the multimodal
 * gemini-embedding-2) is refused, since the interlingua's inputs are text. A content of several
 * text parts becomes one input, its texts joined by a newline, and is kept whole for a Gemini upstream.
 *
 * What the interlingua has no place for travels in `vendor.gemini`, by input position where it is
 * per request: `title` (a document title, RETRIEVAL_DOCUMENT only), `content` (a content that is not
 * one plain text part), `requestExtras` (unmodelled request fields, and a taskType or
 * outputDimensionality that differs from the first request's; null there means "absent"),
 * `bodyExtras` (unmodelled fields of a batch body) and `@role` (each content's role: spelling only,
 * the SDK sends "user").
 */
import type { EmbeddingCodec, EmbeddingEmitResponseContext, EmbeddingParseContext, EmbeddingRequest, EmbeddingResponse } from '../../interlingua/embedding.js';
import type { Warning } from '../../interlingua/warning.js';
import { z } from 'zod';
import { InterlinguaError } from '../../interlingua/error.js';
import { readOptional } from '../../core/read-optional.js';
import { foreignVendorWarnings, spellingOnlyPrefix } from '../../core/vendor-fields.js';
import {
  batchEmbedContentsRequestSchema,
  contentEmbeddingFields,
  embedContentRequestFields,
  embedContentRequestSchema,
  embedResponseFields,
  embedResponseSchema,
  type WireEmbedContent,
  type WireEmbedContentRequest,
} from './embeddings-schema.js';
import { isJsonObject, setField, type JsonObject } from './json-value.js';
import { dialectName, geminiVendor } from './vendor.js';
import { describeIssue, issuePath } from './wire-schema.js';
import { extraFields } from '../../wire/extra-fields.js';

const roleKey = `${spellingOnlyPrefix}role` as const;
const partFields = new Set(['text']);
const contentFields = new Set(['role', 'parts']);

const jsonObject = z.record(z.string(), z.unknown());
const requestVendorSchema = z.object({
  bodyExtras: jsonObject.optional(),
  title: z.array(z.string().nullable()).optional(),
  content: z.array(jsonObject.nullable()).optional(),
  requestExtras: z.array(jsonObject.nullable()).optional(),
  [roleKey]: z.array(z.string().nullable()).optional(),
});
const responseVendorSchema = z.object({
  response: jsonObject.optional(),
  embeddings: z.array(jsonObject.nullable()).optional(),
});

// ---------------------------------------------------------------- request

function parseRequest(body: unknown, context: EmbeddingParseContext): { request: EmbeddingRequest; warnings: Warning[] } {
  let entries: WireEmbedContentRequest[];
  const vendor: JsonObject = {};
  if (context.single === true) {
    entries = [parseCallerBody(embedContentRequestSchema, body)];
  } else {
    const wire = parseCallerBody(batchEmbedContentsRequestSchema, body);
    entries = wire.requests;
    const bodyExtras = extraFields(wire, new Set(['requests']));
    if (bodyExtras !== undefined) vendor['bodyExtras'] = bodyExtras;
  }
  const [first] = entries;
  if (first === undefined) throw new Error('unreachable: the schemas require one request');
  // The path names the model (`models/{model}:batchEmbedContents`); each request repeats it.
  const model = context.model ?? first.model?.replace(/^models\//, '');
  if (model === undefined || model === null || model === '') {
    throw new InterlinguaError('invalid_request', 'No model: Gemini names it in the URL path (models/{model}:embedContent).');
  }
  const request: EmbeddingRequest = { model, inputs: entries.map((entry) => ({ type: 'text', text: contentText(entry.content) })) };
  if (first.taskType != null) request.taskType = first.taskType;
  if (first.outputDimensionality != null) request.dimensions = first.outputDimensionality;

  const titles = entries.map((entry) => entry.title ?? null);
  const roles = entries.map((entry) => entry.content.role ?? null);
  const contents = entries.map((entry) => (isPlainContent(entry.content) ? null : entry.content));
  const requestExtras = entries.map((entry) => {
    const extras: JsonObject = { ...extraFields(entry, embedContentRequestFields) };
    if ((entry.taskType ?? undefined) !== request.taskType) extras['taskType'] = entry.taskType ?? null;
    if ((entry.outputDimensionality ?? undefined) !== request.dimensions) extras['outputDimensionality'] = entry.outputDimensionality ?? null;
    return Object.keys(extras).length === 0 ? null : extras;
  });
  if (titles.some((title) => title !== null)) vendor['title'] = titles;
  if (contents.some((content) => content !== null)) vendor['content'] = contents;
  if (requestExtras.some((extras) => extras !== null)) vendor['requestExtras'] = requestExtras;
  if (roles.some((role) => role !== null)) vendor[roleKey] = roles;
  if (Object.keys(vendor).length > 0) request.vendor = { [dialectName]: vendor };
  return { request, warnings: [] };
}

function parseCallerBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const path = issuePath(parsed.error);
  throw new InterlinguaError('invalid_request', `Invalid Gemini embeddings request: ${describeIssue(parsed.error)}.`, path === '' ? {} : { param: path });
}

/** Texts of a content's parts; several become one input, a newline between them. */
function contentText(content: WireEmbedContent): string {
  return content.parts.length === 1 ? (content.parts[0]?.text ?? '') : content.parts.map((part) => part.text).join('\n');
}

/** One text part and nothing else: rebuilt from the input text, so it need not be kept. */
function isPlainContent(content: WireEmbedContent): boolean {
  const [part] = content.parts;
  return content.parts.length === 1 && part !== undefined && extraFields(part, partFields) === undefined && extraFields(content, contentFields) === undefined;
}

function emitRequest(request: EmbeddingRequest, options: { model: string }): { body: unknown; warnings: Warning[] } {
  const warnings = foreignVendorWarnings(request.vendor, dialectName);
  if (request.inputs.length === 0) throw new InterlinguaError('invalid_request', 'The request has no inputs; Gemini embeds at least one.');
  if (request.user !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'user', message: 'Gemini takes no end-user id; "user" was left out.' });
  }
  const vendor = readOptional(requestVendorSchema, geminiVendor(request.vendor), {});
  // A tuned or fully named model already has its collection; a bare name is one of `models/`.
  const modelName = options.model.includes('/') ? options.model : `models/${options.model}`;
  const requests = request.inputs.map((input, index) => {
    if (input.type !== 'text') {
      throw new InterlinguaError('invalid_request', `Gemini embeds text only; input ${index} is token ids, which only OpenAI takes.`, { param: `input[${index}]` });
    }
    const entry: JsonObject = { model: modelName, content: emitContent(input.text, vendor.content?.[index] ?? null, vendor[roleKey]?.[index] ?? null) };
    if (request.taskType !== undefined) entry['taskType'] = request.taskType;
    const title = vendor.title?.[index];
    if (title !== undefined && title !== null) entry['title'] = title;
    if (request.dimensions !== undefined) entry['outputDimensionality'] = request.dimensions;
    for (const [key, value] of Object.entries(vendor.requestExtras?.[index] ?? {})) {
      if (key === 'model' || key === 'content') continue;
      if (value === null) delete entry[key];
      else setField(entry, key, value);
    }
    return entry;
  });
  const body: JsonObject = { requests };
  for (const [key, value] of Object.entries(vendor.bodyExtras ?? {})) if (key !== 'requests') setField(body, key, value);
  return { body, warnings };
}

/** The content kept from a Gemini caller when its text is still the input's; else one text part. */
function emitContent(text: string, kept: JsonObject | null, role: string | null): JsonObject {
  if (kept !== null) {
    const parts = kept['parts'];
    const keptText = Array.isArray(parts) ? parts.map((part: unknown) => (isJsonObject(part) ? part['text'] : undefined)).join('\n') : undefined;
    if (keptText === text) return kept;
  }
  return role === null ? { parts: [{ text }] } : { role, parts: [{ text }] };
}

// ---------------------------------------------------------------- response

function parseResponse(body: unknown): EmbeddingResponse {
  const parsed = embedResponseSchema.safeParse(body);
  if (!parsed.success) throw new InterlinguaError('upstream_error', `Gemini answered with an unexpected embeddings body: ${describeIssue(parsed.error)}.`);
  const wire = parsed.data;
  if (wire.error) throw new InterlinguaError('upstream_error', `Gemini answered with an error: ${wire.error.message ?? 'no message'}.`);
  const list = wire.embeddings ?? (wire.embedding ? [wire.embedding] : undefined);
  if (list === undefined) throw new InterlinguaError('upstream_error', 'Gemini answered without "embeddings" or "embedding".');

  // The Gemini API's answers carry no usage (BatchEmbedContentsResponse has only `embeddings`:
  // https://ai.google.dev/api/python/google/ai/generativelanguage/BatchEmbedContentsResponse, and the
  // recorded gemini/pa-batchEmbedContents-*.response.json); Vertex's may (`usageMetadata`:
  // https://pub.dev/documentation/googleapis/latest/aiplatform_v1/GoogleCloudAiplatformV1BatchEmbedContentsResponse-class.html).
  // Left unset, the gateway estimates the input (src/gateway/usage-estimate.ts).
  const response: EmbeddingResponse = { model: '', embeddings: list.map((embedding) => embedding.values), usage: {} };
  if (wire.usageMetadata?.promptTokenCount != null) response.usage.inputTokens = wire.usageMetadata.promptTokenCount;
  if (wire.usageMetadata?.totalTokenCount != null) response.usage.totalTokens = wire.usageMetadata.totalTokenCount;
  const vendor: JsonObject = {};
  const responseExtras = extraFields(wire, embedResponseFields);
  if (responseExtras !== undefined) vendor['response'] = responseExtras;
  const embeddingExtras = list.map((embedding) => extraFields(embedding, contentEmbeddingFields) ?? null);
  if (embeddingExtras.some((extras) => extras !== null)) vendor['embeddings'] = embeddingExtras;
  if (Object.keys(vendor).length > 0) response.vendor = { [dialectName]: vendor };
  return response;
}

/** `{embedding}` for `:embedContent`, `{embeddings}` for `:batchEmbedContents`; no usage, as Gemini sends none. */
function emitResponse(response: EmbeddingResponse, context: EmbeddingEmitResponseContext): JsonObject {
  const vendor = readOptional(responseVendorSchema, geminiVendor(response.vendor), {});
  const items = response.embeddings.map((values, index) => {
    const item: JsonObject = { values };
    for (const [key, value] of Object.entries(vendor.embeddings?.[index] ?? {})) if (key !== 'values') setField(item, key, value);
    return item;
  });
  const body: JsonObject = {};
  if (context.single === true) {
    if (items.length !== 1) throw new InterlinguaError('upstream_error', `The upstream answered ${items.length} embeddings to one :embedContent input.`);
    body['embedding'] = items[0];
  } else {
    body['embeddings'] = items;
  }
  for (const [key, value] of Object.entries(vendor.response ?? {})) if (!embedResponseFields.has(key)) setField(body, key, value);
  return body;
}

export const geminiEmbeddings: EmbeddingCodec = { parseRequest, emitRequest, parseResponse, emitResponse };
