/**
 * zod schemas for what a Responses upstream sends back: the `response` object (a whole body, or
 * carried by the stream's lifecycle events) and error bodies. Only what the dialect cannot work
 * without is required; envelope fields nothing depends on read as absent when malformed.
 * Reference: node_modules/openai/resources/responses/responses.d.ts (`Response`, `ResponseUsage`).
 */
import { z } from 'zod';
import { tokenCountSchema } from '../../wire/token-count.js';

const count = tokenCountSchema;

export const usageSchema = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  total_tokens: count,
  /** `cache_write_tokens` is not OpenAI's, but GitHub Copilot's proxy sends it (fixtures/openai-responses/stream-copilot-item-id-rotation.data.ndjson). */
  input_tokens_details: z.looseObject({ cached_tokens: count, cache_write_tokens: count }).nullish().catch(undefined),
  output_tokens_details: z.looseObject({ reasoning_tokens: count }).nullish().catch(undefined),
});

/** Fields every `response` object may carry that the parsers read; the stream's copies share them. */
export const responseFields = {
  id: z.string().nullish().catch(undefined),
  created_at: z.number().nullish().catch(undefined),
  status: z.string().nullish().catch(undefined),
  model: z.string().nullish().catch(undefined),
  usage: usageSchema.nullish().catch(undefined),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish().catch(undefined),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish().catch(undefined),
};

export const responseSchema = z.looseObject({ ...responseFields, output: z.array(z.unknown()) });

/** Fields the interlingua models; the rest of a response object travels in vendor data. */
export const modelledResponseFields: ReadonlySet<string> = new Set([
  'id',
  'object',
  'created_at',
  'status',
  'model',
  'output',
  'output_text',
  'usage',
  'incomplete_details',
  'error',
]);

/** OpenAI's error body, shared by every OpenAI wire format. */
export { openaiErrorBodySchema as errorBodySchema } from '../openai-family/error-codec.js';

export type WireUsageIn = z.output<typeof usageSchema>;
export type WireResponseError = NonNullable<z.output<typeof responseFields.error>>;
export type { WireOpenaiError as WireErrorIn } from '../openai-family/error-codec.js';
