/**
 * zod schemas for what Ollama's native chat API sends and receives (`POST /api/chat`):
 * https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion and the
 * OpenAPI description in docs/openapi.yaml. The request and the non-streamed response keep
 * unknown fields (loose objects) so they can travel in `vendor.ollama`; a stream line is parsed
 * with a stripping object, which zod compiles several times faster, since it runs per token.
 */
import { z } from 'zod';
import { jsonObjectSchema, metricsShape, wireFormatSchema, wireOptionsSchema, wireThinkSchema } from '../ollama-family/wire-schema.js';

/** Ollama's server lower-cases `role` before reading it (api/types.go `Message.UnmarshalJSON`). */
const roleSchema = z
  .string()
  .transform((role) => role.toLowerCase())
  .pipe(z.enum(['system', 'user', 'assistant', 'tool']));

/**
 * A call as the model made it. `arguments` is an object, not JSON text. Newer servers add an `id`
 * and `function.index` (fixtures/ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json);
 * the documented examples have neither (fixtures/ollama/chat-response-tools-nonstream.json).
 */
export const wireToolCallSchema = z.looseObject({
  id: z.string().nullish(),
  function: z.looseObject({
    index: z.number().nullish(),
    name: z.string(),
    arguments: jsonObjectSchema.nullish(),
  }),
});

export const wireMessageSchema = z.looseObject({
  role: roleSchema,
  content: z.string().nullish(),
  /** Raw base64, no `data:` prefix (fixtures/ollama/chat-request-images.json). */
  images: z.array(z.string()).nullish(),
  thinking: z.string().nullish(),
  tool_calls: z.array(wireToolCallSchema).nullish(),
  /** Which function a `tool` message answers (fixtures/ollama/chat-request-history-tools.jsonc). */
  tool_name: z.string().nullish(),
  tool_call_id: z.string().nullish(),
});
export type WireMessage = z.output<typeof wireMessageSchema>;
export type WireToolCall = z.output<typeof wireToolCallSchema>;

/** OpenAI's function-tool shape (docs/openapi.yaml `ToolDefinition`: type is always `function`). */
export const wireToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string(),
    description: z.string().nullish(),
    parameters: jsonObjectSchema.nullish(),
  }),
});

export const wireChatRequestSchema = z.looseObject({
  model: z.string().min(1, { error: 'a model name is required' }),
  messages: z.array(wireMessageSchema).nullish(),
  tools: z.array(wireToolSchema).nullish(),
  format: wireFormatSchema.nullish(),
  options: wireOptionsSchema.nullish(),
  stream: z.boolean().nullish(),
  think: wireThinkSchema.nullish(),
});
export type WireChatRequest = z.output<typeof wireChatRequestSchema>;

const responseToolCallSchema = z.object({
  id: z.string().nullish(),
  function: z.object({ index: z.number().nullish(), name: z.string(), arguments: jsonObjectSchema.nullish() }),
});
export type WireResponseToolCall = z.output<typeof responseToolCallSchema>;

const responseMessageSchema = z.object({
  role: z.string().nullish(),
  content: z.string().nullish(),
  thinking: z.string().nullish(),
  tool_calls: z.array(responseToolCallSchema).nullish(),
});

/** A non-streamed `/api/chat` answer; unknown top-level fields (`logprobs`) are kept. */
export const wireChatResponseSchema = z.looseObject({
  model: z.string().nullish(),
  created_at: z.string().nullish(),
  message: responseMessageSchema.nullish(),
  done: z.boolean().nullish(),
  done_reason: z.string().nullish(),
  error: z.unknown().optional(),
  ...metricsShape,
});
export type WireChatResponse = z.output<typeof wireChatResponseSchema>;

/**
 * One NDJSON line of a stream. A failure after the HTTP 200 is a bare `{"error": "…"}` line
 * (fixtures/ollama/generate-stream-midstream-error.ndjson, from docs/api/errors.mdx).
 */
export const wireStreamLineSchema = z.object({
  model: z.string().nullish(),
  created_at: z.string().nullish(),
  message: responseMessageSchema.nullish(),
  done: z.boolean().nullish(),
  done_reason: z.string().nullish(),
  error: z.unknown().optional(),
  /** Read by ../ollama-family/logprobs.ts, which skips a malformed entry. */
  logprobs: z.unknown().optional(),
  ...metricsShape,
});
export type WireStreamLine = z.output<typeof wireStreamLineSchema>;
