/**
 * zod schemas for an incoming `POST /v1/responses` body (untrusted). Loose objects: fields this
 * dialect does not model travel in `vendor['openai-responses']`.
 * Reference: https://platform.openai.com/docs/api-reference/responses/create and
 * node_modules/openai/resources/responses/responses.d.ts (`ResponseCreateParamsBase`).
 */
import { z } from 'zod';

const jsonObject = z.record(z.string(), z.unknown());

export const requestSchema = z.looseObject({
  model: z.string().min(1),
  /** A string is one user message; absent when the conversation lives server-side (`previous_response_id`). */
  input: z.union([z.string(), z.array(z.unknown())]).nullish(),
  instructions: z.string().nullish(),
  tools: z.array(z.unknown()).nullish(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  max_output_tokens: z.number().int().nonnegative().nullish(),
  text: z.looseObject({ format: z.unknown().optional() }).nullish(),
  reasoning: z.looseObject({ effort: z.string().nullish(), summary: z.string().nullish() }).nullish(),
  stream: z.boolean().nullish(),
  user: z.string().nullish(),
  /** Groups requests that share a prefix onto one prompt cache (`ResponseCreateParamsBase.prompt_cache_key`). */
  prompt_cache_key: z.string().nullish(),
  /** How long cached prefixes may live, `in_memory` or `24h` (`ResponseCreateParamsBase.prompt_cache_retention`). */
  prompt_cache_retention: z.enum(['in_memory', '24h']).nullish(),
});

/** Top-level fields the interlingua models; every other one goes to `vendor['openai-responses']`. */
export const modelledRequestFields: ReadonlySet<string> = new Set(Object.keys(requestSchema.shape));

/** Responses tools are flat: `{type:'function', name, …}`, not Chat's `{type, function:{…}}`. */
export const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: jsonObject.nullish(),
  strict: z.boolean().nullish(),
});

export const toolHeadSchema = z.looseObject({ type: z.string() });

/** `{type:'custom', name}` forces a call to a named custom tool (`ToolChoiceCustom` in the openai SDK's responses.d.ts). */
export const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.literal('function'), name: z.string() }),
  z.looseObject({ type: z.literal('custom'), name: z.string() }),
]);

export const textFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: z.string().nullish(),
    schema: jsonObject.nullish(),
    strict: z.boolean().nullish(),
    description: z.string().nullish(),
  }),
]);

export type WireRequest = z.output<typeof requestSchema>;
export type WireTextFormat = z.output<typeof textFormatSchema>;
