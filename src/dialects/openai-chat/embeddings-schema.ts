/**
 * zod schemas for OpenAI's embeddings API, `POST /v1/embeddings`: the request a caller sends and
 * the `list` an upstream answers with. Objects are loose so unmodelled fields survive into
 * `vendor['openai-chat']` and come back on a same-dialect pass-through.
 * Reference: https://platform.openai.com/docs/api-reference/embeddings
 */
import { z } from 'zod';

/**
 * `input` is checked by `embeddings.ts` (one of four shapes, chosen by its JS type) so that an
 * error names the element at fault (`input[2]`) instead of listing the union's alternatives.
 */
export const embeddingRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.unknown(),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.number().int().positive().nullish(),
  user: z.string().nullish(),
});
export type WireEmbeddingRequest = z.output<typeof embeddingRequestSchema>;

/** Top-level request fields the interlingua models; every other one goes to `vendor['openai-chat']`. */
export const modelledEmbeddingRequestFields: ReadonlySet<string> = new Set(Object.keys(embeddingRequestSchema.shape));

/** OpenAI: "The input must not exceed the max input tokens for the model…, cannot be an empty string". */
export const textInputSchema = z.string().min(1, { error: 'cannot be an empty string' });
export const textInputsSchema = z.array(textInputSchema);
/** Pre-tokenized input: token ids of the model's tokenizer (fixture dd-base64-token-arrays.request.json). */
const tokenId = z.number().int({ error: 'token ids are non-negative integers' }).nonnegative({ error: 'token ids are non-negative integers' });
export const tokenInputSchema = z.array(tokenId).min(1, { error: 'a token array cannot be empty' });
export const tokenInputsSchema = z.array(tokenInputSchema);

function isFiniteNumberArray(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'number' || !Number.isFinite(item)) return false;
  return true;
}

/**
 * A vector of thousands of numbers, checked in one loop and kept as the same array: `z.array(z.number())`
 * would validate and copy it element by element on every answer.
 */
export const vectorSchema = z.custom<number[]>(isFiniteNumberArray, { error: 'expected an array of finite numbers' });

const count = z.number().nonnegative().nullish().catch(undefined);

export const embeddingUsageSchema = z.looseObject({ prompt_tokens: count, total_tokens: count });

export const embeddingItemSchema = z.looseObject({
  object: z.string().nullish().catch(undefined),
  index: z.number().int().nonnegative().nullish(),
  /** Numbers, or base64 of little-endian float32 when `encoding_format: "base64"` was asked for. */
  embedding: z.union([vectorSchema, z.string()], { error: 'expected an array of numbers or a base64 string' }),
});

export const embeddingListSchema = z.looseObject({
  object: z.string().nullish().catch(undefined),
  data: z.array(embeddingItemSchema),
  model: z.string().nullish().catch(undefined),
  usage: embeddingUsageSchema.nullish().catch(undefined),
});
export type WireEmbeddingList = z.output<typeof embeddingListSchema>;

/** Fields of the answer, of one `data` item and of `usage` that the codec writes itself. */
export const listFields: ReadonlySet<string> = new Set(['object', 'data', 'model', 'usage']);
export const itemFields: ReadonlySet<string> = new Set(['object', 'index', 'embedding']);
export const usageFields: ReadonlySet<string> = new Set(['prompt_tokens', 'total_tokens']);
