/**
 * zod schema for an incoming legacy Completions request body (untrusted). The object is loose:
 * fields this dialect does not model survive parsing and travel in `vendor['openai-completions']`.
 * Field list and types: node_modules/openai/resources/completions.d.ts `CompletionCreateParamsBase`.
 * Reference: https://platform.openai.com/docs/api-reference/completions/create
 */
import { z } from 'zod';

export const requestSchema = z.looseObject({
  model: z.string().min(1),
  /** Checked on its own (request-parse.ts `readPrompt`) to name exactly what is not supported. */
  prompt: z.unknown(),
  max_tokens: z.number().int().nonnegative().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  n: z.number().int().positive().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  seed: z.number().int().nullish(),
  user: z.string().nullish(),
  // Fields with no interlingua place: validated here so a caller hears about a wrong type from
  // the gateway, then carried verbatim in the vendor slice.
  suffix: z.string().nullish(),
  echo: z.boolean().nullish(),
  logprobs: z.number().int().nonnegative().nullish(),
  best_of: z.number().int().positive().nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
});

export type WireRequest = z.infer<typeof requestSchema>;

/** Top-level fields the interlingua models; every other one goes to the vendor slice. */
export const modelledRequestFields: ReadonlySet<string> = new Set([
  'model',
  'prompt',
  'max_tokens',
  'temperature',
  'top_p',
  'n',
  'stream',
  'stream_options',
  'stop',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'user',
]);
