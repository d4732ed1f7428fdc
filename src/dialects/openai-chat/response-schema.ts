/**
 * zod schemas for what an OpenAI(-compatible) upstream sends back: `chat.completion` bodies,
 * `chat.completion.chunk` stream frames, and error bodies. Required fields are the few the
 * dialect cannot work without; usage counts are tolerant (`.catch`) because compatible servers
 * add odd extras (Groq's float `queue_time`, OpenRouter's `cost`) that must not sink a response.
 * Reference: https://platform.openai.com/docs/api-reference/chat/object
 */
import { z } from 'zod';
import { tokenCountSchema } from '../../wire/token-count.js';
import { contentChunkSchema } from './content-chunks.js';

const count = tokenCountSchema;

/** Envelope fields nothing depends on: a wrong type (a string `created`) reads as absent. */
const envelope = {
  id: z.string().nullish().catch(undefined),
  created: z.number().nullish().catch(undefined),
  model: z.string().nullish().catch(undefined),
};

export const usageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  prompt_tokens_details: z.looseObject({ cached_tokens: count, cache_write_tokens: count }).nullish().catch(undefined),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count }).nullish().catch(undefined),
  /** DeepSeek's name for cached prompt tokens (fixtures/deepseek/response-reasoning-content.json). */
  prompt_cache_hit_tokens: count,
});

const functionSchema = z.looseObject({ name: z.string(), arguments: z.string() });

const messageToolCallSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: functionSchema.nullish(),
});

export const completionMessageSchema = z.looseObject({
  role: z.string().nullish(),
  content: z.union([z.string(), z.array(contentChunkSchema)]).nullish(),
  refusal: z.string().nullish(),
  /** DeepSeek / Zhipu / xAI / llama.cpp. */
  reasoning_content: z.string().nullish(),
  /** OpenRouter's name for the same thing. */
  reasoning: z.string().nullish(),
  tool_calls: z.array(messageToolCallSchema).nullish(),
  /** Deprecated single function call. */
  function_call: functionSchema.nullish(),
});

export const completionChoiceSchema = z.looseObject({
  index: z.number().nullish(),
  message: completionMessageSchema,
  finish_reason: z.string().nullish(),
  /** gpt-4-vision-preview's precursor of finish_reason (fixtures/openai-chat/dd-image-url-input.response.json). */
  finish_details: z.looseObject({ type: z.string() }).nullish().catch(undefined),
});

export const completionSchema = z.looseObject({
  ...envelope,
  choices: z.array(completionChoiceSchema).min(1),
  usage: usageSchema.nullish(),
});

/** Response-level chunk fields a same-dialect stream passes through unchanged. */
export const chunkPassThroughFields = ['system_fingerprint', 'service_tier'] as const;
const chunkPassThrough = {
  system_fingerprint: z.string().nullish().catch(undefined),
  service_tier: z.string().nullish().catch(undefined),
};

/*
 * Stream chunks are validated once per event, on the hot path. Their schemas strip unknown
 * keys (`z.object`), which zod compiles into a fast validator; `looseObject` would keep them
 * but validates about five times slower, and nothing in a chunk beyond these fields is carried.
 */
const toolCallDeltaSchema = z.object({
  index: z.number().int().nonnegative().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

export const chunkDeltaSchema = z.object({
  /** A string, or typed chunks (Mistral's thinking, see content-chunks.ts). */
  content: z.union([z.string(), z.array(contentChunkSchema)]).nullish(),
  refusal: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  tool_calls: z.array(toolCallDeltaSchema).nullish(),
});

export const chunkSchema = z.object({
  ...envelope,
  ...chunkPassThrough,
  choices: z
    .array(
      z.object({
        index: z.number().nullish(),
        delta: chunkDeltaSchema.nullish(),
        finish_reason: z.string().nullish(),
        /** `{content, refusal}` token entries, read by openai-family/token-logprobs.ts. */
        logprobs: z.unknown().optional(),
      }),
    )
    .nullish(),
  usage: usageSchema.nullish(),
});

/** OpenAI's error body, shared by every OpenAI wire format. */
export { openaiErrorBodySchema as errorBodySchema } from '../openai-family/error-codec.js';

export type WireUsageIn = z.output<typeof usageSchema>;
export type WireCompletionMessage = z.output<typeof completionMessageSchema>;
export type WireChunk = z.output<typeof chunkSchema>;
export type { WireOpenaiError as WireErrorIn } from '../openai-family/error-codec.js';
