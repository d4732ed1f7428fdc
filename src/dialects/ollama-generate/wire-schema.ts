/**
 * zod schemas of Ollama's generate API, `POST /api/generate`: a prompt in, text out
 * (https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-completion; the client's
 * `GenerateRequest` / `GenerateResponse` in node_modules/ollama/src/interfaces.ts). The request
 * and the non-streamed answer keep unknown fields (loose objects) so they can travel in vendor
 * data; a stream line is parsed with a stripping object, since it runs per token.
 */
import { z } from 'zod';
import { metricsShape, wireFormatSchema, wireOptionsSchema, wireThinkSchema } from '../ollama-family/wire-schema.js';

export const wireGenerateRequestSchema = z.looseObject({
  model: z.string().min(1, { error: 'a model name is required' }),
  /** An empty or missing prompt only loads the model (docs/api.md "Load a model"). */
  prompt: z.string().nullish(),
  /** Text after the insertion point, for fill-in-the-middle models. */
  suffix: z.string().nullish(),
  system: z.string().nullish(),
  /** A Go template that replaces the model's own prompt template. */
  template: z.string().nullish(),
  /** The token state an earlier answer returned, for a short conversational memory (deprecated). */
  context: z.array(z.number()).nullish(),
  /** Raw base64, no `data:` prefix (fixtures/ollama/generate-request-images.json). */
  images: z.array(z.string()).nullish(),
  format: wireFormatSchema.nullish(),
  options: wireOptionsSchema.nullish(),
  stream: z.boolean().nullish(),
  think: wireThinkSchema.nullish(),
  /** The prompt is already fully formatted: no template is applied. */
  raw: z.boolean().nullish(),
});
export type WireGenerateRequest = z.output<typeof wireGenerateRequestSchema>;

/** The fields this dialect reads itself; any other (`keep_alive`, `logprobs`…) travels as it came. */
export const modelledRequestFields: ReadonlySet<string> = new Set([
  'model', 'prompt', 'suffix', 'system', 'template', 'context', 'images', 'format', 'options', 'stream', 'think', 'raw',
]);

/** A non-streamed answer (fixtures/ollama/generate-response-nonstream.json); unknown fields are kept. */
export const wireGenerateResponseSchema = z.looseObject({
  model: z.string().nullish(),
  created_at: z.string().nullish(),
  response: z.string().nullish(),
  thinking: z.string().nullish(),
  done: z.boolean().nullish(),
  done_reason: z.string().nullish(),
  error: z.unknown().optional(),
  ...metricsShape,
});

export const modelledResponseFields: ReadonlySet<string> = new Set([
  'model', 'created_at', 'response', 'thinking', 'done', 'done_reason', 'error', ...Object.keys(metricsShape),
]);

/**
 * One NDJSON line of a stream (fixtures/ollama/generate-stream.ndjson): `response` and, from
 * thinking models, `thinking` deltas (fixtures/ollama/generate-stream-gpt-oss-thinking.ndjson).
 */
export const wireGenerateStreamLineSchema = z.object({
  model: z.string().nullish(),
  created_at: z.string().nullish(),
  response: z.string().nullish(),
  thinking: z.string().nullish(),
  done: z.boolean().nullish(),
  done_reason: z.string().nullish(),
  error: z.unknown().optional(),
  /** Read by ../ollama-family/logprobs.ts, which skips a malformed entry. */
  logprobs: z.unknown().optional(),
  ...metricsShape,
});
export type WireGenerateStreamLine = z.output<typeof wireGenerateStreamLineSchema>;
