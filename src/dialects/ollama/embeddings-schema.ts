/**
 * zod schemas of Ollama's embeddings API, `POST /api/embed`
 * (https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings; the client's
 * `EmbedRequest` / `EmbedResponse` in node_modules/ollama/src/interfaces.ts), and the request of
 * the older `POST /api/embeddings` (`prompt` → `embedding`), which the gateway serves to callers.
 */
import { z } from 'zod';
import { jsonObjectSchema } from '../ollama-family/wire-schema.js';

/**
 * `input` is a string or a list of strings. The server takes an empty string, an empty list or no
 * input at all as "load the model" and answers `embeddings: []` (server/routes.go `EmbedHandler`).
 */
export const embedRequestSchema = z.looseObject({
  model: z.string().min(1, { error: 'a model name is required' }),
  input: z.union([z.string(), z.array(z.string())], { error: 'expected a string or an array of strings' }).nullish(),
  /** Cut inputs longer than the context instead of failing; the server's default is true. */
  truncate: z.boolean().nullish(),
  options: jsonObjectSchema.nullish(),
  /** Seconds, or a duration such as "5m". */
  keep_alive: z.union([z.number(), z.string()], { error: 'expected a number of seconds or a duration string' }).nullish(),
  dimensions: z.number().int().positive().nullish(),
});
export const embedRequestFields: ReadonlySet<string> = new Set(['model', 'input', 'dimensions']);

function isFiniteNumberArray(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'number' || !Number.isFinite(item)) return false;
  return true;
}

/** Checked in one loop and kept as the same array; `z.array(z.number())` would copy thousands of numbers. */
const vectorSchema = z.custom<number[]>(isFiniteNumberArray, { error: 'expected an array of finite numbers' });

/** Durations are nanoseconds; the server omits zero values (fixture embed-response-multi.json has none). */
export const embedResponseSchema = z.looseObject({
  model: z.string().nullish(),
  embeddings: z.array(vectorSchema),
  prompt_eval_count: z.number().nullish(),
  error: z.unknown().optional(),
});
export const embedResponseFields: ReadonlySet<string> = new Set(['model', 'embeddings', 'prompt_eval_count', 'error']);

/**
 * The older `POST /api/embeddings`: one `prompt`, answered `{embedding}` (docs/api.md "Generate
 * Embedding", "superseded by `/api/embed`"; fixtures/ollama/embeddings-legacy-request.json; api/types.go
 * `EmbeddingRequest`: `model`, `prompt`, `keep_alive`, `options`). An empty prompt is answered
 * `embedding: []` (server/routes.go `EmbeddingsHandler`).
 */
export const legacyEmbeddingRequestSchema = z.looseObject({
  model: z.string().min(1, { error: 'a model name is required' }),
  prompt: z.string({ error: 'expected a string' }).nullish(),
  options: jsonObjectSchema.nullish(),
  keep_alive: z.union([z.number(), z.string()], { error: 'expected a number of seconds or a duration string' }).nullish(),
});
export const legacyEmbeddingRequestFields: ReadonlySet<string> = new Set(['model', 'prompt']);

/** The older API's answer: `{embedding}`, one vector (api/types.go `EmbeddingResponse`). */
export const legacyEmbeddingResponseSchema = z.looseObject({
  embedding: vectorSchema,
});
