/**
 * zod schemas for what a completions upstream sends back: `text_completion` bodies, the same
 * objects as stream chunks ("both the streamed and non-streamed response objects share the same
 * shape", node_modules/openai/resources/completions.d.ts `Completion`), and error bodies.
 * Usage counts are tolerant (`.catch`) so a compatible server's odd extras cannot sink an answer.
 * Reference: https://platform.openai.com/docs/api-reference/completions/object
 */
import { z } from 'zod';
import { tokenCountSchema } from '../../wire/token-count.js';

const count = tokenCountSchema;

/** Envelope fields nothing depends on: a wrong type reads as absent. */
const envelope = {
  id: z.string().nullish().catch(undefined),
  created: z.number().nullish().catch(undefined),
  model: z.string().nullish().catch(undefined),
};

export const usageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  prompt_tokens_details: z.looseObject({ cached_tokens: count }).nullish().catch(undefined),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count }).nullish().catch(undefined),
});

export const choiceSchema = z.looseObject({
  index: z.number().nullish(),
  text: z.string().nullish(),
  logprobs: z.unknown().optional(),
  finish_reason: z.string().nullish(),
});

export const completionSchema = z.looseObject({
  ...envelope,
  choices: z.array(choiceSchema).min(1),
  usage: usageSchema.nullish(),
});

/*
 * Stream chunks are validated once per event, on the hot path: `z.object` strips unknown keys
 * and zod compiles it into a fast validator (about five times faster than `looseObject`);
 * nothing in a chunk beyond these fields is carried.
 */
export const chunkSchema = z.object({
  ...envelope,
  choices: z.array(z.object({ index: z.number().nullish(), text: z.string().nullish(), finish_reason: z.string().nullish() })).nullish(),
  usage: usageSchema.nullish(),
});

/** OpenAI's error body, shared by every OpenAI wire format. */
export { openaiErrorBodySchema as errorBodySchema } from '../openai-family/error-codec.js';

export type WireUsageIn = z.output<typeof usageSchema>;
export type WireChunk = z.output<typeof chunkSchema>;
export type { WireOpenaiError as WireErrorIn } from '../openai-family/error-codec.js';
