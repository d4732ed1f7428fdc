/**
 * zod schemas of what Ollama's chat (`/api/chat`) and generate (`/api/generate`) APIs share: the
 * model `options`, `format`, `think`, the counts and timings of a finished answer, and the error
 * body. References: https://github.com/ollama/ollama/blob/main/docs/api.md and docs/openapi.yaml
 * (`ModelOptions`, `GenerateRequest`, `ChatRequest`).
 */
import { z } from 'zod';
import { tokenCountSchema } from '../../wire/token-count.js';
import { isJsonObject, type JsonObject } from './json-value.js';

/**
 * A JSON object taken as it is (tool arguments, JSON Schemas): checked, not rebuilt, so large
 * schemas are not copied key by key and a `__proto__` key stays data.
 */
export const jsonObjectSchema = z.custom<JsonObject>(isJsonObject, { error: 'expected a JSON object' });

/**
 * The options the interlingua models; every other option (num_ctx, repeat_penalty, mirostat…)
 * is kept as it came. `stop` may be a string or a list (docs/openapi.yaml `ModelOptions`).
 * Integer options are plain numbers because the server truncates floats (api/types.go `FromMap`).
 */
export const wireOptionsSchema = z.looseObject({
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: z.number().nullish(),
  num_predict: z.number().nullish(),
  stop: z.union([z.string(), z.array(z.string())], { error: 'expected a string or an array of strings' }).nullish(),
  seed: z.number().nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
});
export type WireOptions = z.output<typeof wireOptionsSchema>;

export const thinkLevels = ['low', 'medium', 'high'] as const;

/** `"json"` or a JSON Schema (fixtures/ollama/generate-request-structured-outputs.json). */
export const wireFormatSchema = z.union([z.literal('json'), jsonObjectSchema], { error: 'expected "json" or a JSON schema object' });
export type WireFormat = z.output<typeof wireFormatSchema>;

export const wireThinkSchema = z.union([z.boolean(), z.enum(thinkLevels)], { error: 'expected true, false, "low", "medium" or "high"' });
export type WireThink = z.output<typeof wireThinkSchema>;

/** The counts and timings (nanoseconds) of a finished answer; Go omits zero values (`omitempty`). */
export const metricsShape = {
  total_duration: z.number().nullish(),
  load_duration: z.number().nullish(),
  prompt_eval_count: tokenCountSchema,
  prompt_eval_duration: z.number().nullish(),
  eval_count: tokenCountSchema,
  eval_duration: z.number().nullish(),
};
export type WireMetrics = { [Key in keyof typeof metricsShape]?: number | null | undefined };

/** `{"error": "…"}` (fixtures/ollama/error-body.json). */
export const wireErrorBodySchema = z.object({ error: z.string() });
