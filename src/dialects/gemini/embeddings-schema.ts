/**
 * zod schemas of the Gemini embeddings API, v1beta `models/{model}:embedContent` and
 * `:batchEmbedContents` (https://ai.google.dev/api/embeddings). Objects are loose; field names are
 * read in lowerCamelCase or the proto's snake_case, as Google's REST parser does (protobuf JSON
 * mapping: "parsers accept both"), and `null` counts as absent.
 */
import { z } from 'zod';
import { message } from './wire-schema.js';

/** A repeated field the API also takes as one object (`"parts": {"text": …}`). */
function oneOrMany<List extends z.ZodType>(list: List) {
  return z.preprocess((value) => (value === undefined || value === null || Array.isArray(value) ? value : [value]), list);
}

/** Only text is embedded through the gateway (see `embeddings.ts`). */
export const embedPartSchema = z.looseObject({ text: z.string({ error: 'only text parts can be embedded through the gateway' }) });

export const embedContentSchema = z.looseObject({
  role: z.string().nullish(),
  parts: oneOrMany(z.array(embedPartSchema).min(1, { error: 'a content needs at least one part' })),
});
export type WireEmbedContent = z.output<typeof embedContentSchema>;

/** `EmbedContentRequest`: the body of `:embedContent`, and each entry of `:batchEmbedContents`. */
export const embedContentRequestSchema = message({
  model: z.string().nullish(),
  content: embedContentSchema,
  taskType: z.string().nullish(),
  title: z.string().nullish(),
  outputDimensionality: z.number().int().positive().nullish(),
});
export type WireEmbedContentRequest = z.output<typeof embedContentRequestSchema>;
export const embedContentRequestFields: ReadonlySet<string> = new Set(['model', 'content', 'taskType', 'title', 'outputDimensionality']);

export const batchEmbedContentsRequestSchema = z.looseObject({
  requests: z.array(embedContentRequestSchema).min(1, { error: 'at least one request is required' }),
});

function isFiniteNumberArray(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'number' || !Number.isFinite(item)) return false;
  return true;
}

/** Checked in one loop and kept as the same array; `z.array(z.number())` would copy thousands of numbers. */
const valuesSchema = z.custom<number[]>(isFiniteNumberArray, { error: 'expected an array of finite numbers' });

/** `ContentEmbedding`; Vertex adds `statistics`, kept as an unmodelled field. */
export const contentEmbeddingSchema = z.looseObject({ values: valuesSchema });

/** `EmbedContentResponse` (`embedding`) or `BatchEmbedContentsResponse` (`embeddings`); an error may come instead. */
export const embedResponseSchema = z.looseObject({
  embedding: contentEmbeddingSchema.nullish(),
  embeddings: z.array(contentEmbeddingSchema).nullish(),
  /** Not sent by the Gemini API for embeddings today (fixtures pa-batchEmbedContents-*); read should it come. */
  usageMetadata: z.looseObject({ promptTokenCount: z.number().nullish(), totalTokenCount: z.number().nullish() }).nullish().catch(undefined),
  error: z.looseObject({ message: z.string().nullish() }).nullish(),
});
export const embedResponseFields: ReadonlySet<string> = new Set(['embedding', 'embeddings', 'error']);
export const contentEmbeddingFields: ReadonlySet<string> = new Set(['values']);
