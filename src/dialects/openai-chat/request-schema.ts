/**
 * zod schemas for an incoming Chat Completions request body (untrusted).
 * Objects are loose: fields this dialect does not model survive parsing so they can travel in
 * `vendor['openai-chat']` and come back out on a same-dialect pass-through.
 * Reference: https://platform.openai.com/docs/api-reference/chat/create
 */
import { z } from 'zod';

const jsonObject = z.record(z.string(), z.unknown());

export const requestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.unknown()).min(1),
  tools: z.array(z.unknown()).nullish(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  max_completion_tokens: z.number().int().nonnegative().nullish(),
  /** Deprecated in favour of `max_completion_tokens`, still what most clients send. */
  max_tokens: z.number().int().nonnegative().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  n: z.number().int().positive().nullish(),
  response_format: z.unknown().optional(),
  reasoning_effort: z.string().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  user: z.string().nullish(),
  /** Groups requests that share a prefix onto one prompt cache (https://platform.openai.com/docs/api-reference/chat/create#chat-create-prompt_cache_key). */
  prompt_cache_key: z.string().nullish(),
  /** How long cached prefixes may live, `in_memory` or `24h` (https://platform.openai.com/docs/api-reference/chat/create#chat-create-prompt_cache_retention). */
  prompt_cache_retention: z.enum(['in_memory', '24h']).nullish(),
});

/** Top-level fields the interlingua models; every other one goes to `vendor['openai-chat']`. */
export const modelledRequestFields: ReadonlySet<string> = new Set(Object.keys(requestSchema.shape));

export const messageHeadSchema = z.looseObject({ role: z.string() });

export const textPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
export const refusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
export const partHeadSchema = z.looseObject({ type: z.string() });

/** `image_url` is an object; early vision clients sent the URL string itself (fixtures/openai-chat/dd-image-url-input.request.json). */
export const imagePartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.union([
    z.string(),
    z.looseObject({ url: z.string(), detail: z.enum(['auto', 'low', 'high']).nullish() }),
  ]),
});

const textContentSchema = z.union([z.string(), z.array(textPartSchema)]);

export const systemMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer']),
  content: textContentSchema,
});

export const userMessageSchema = z.looseObject({
  role: z.literal('user'),
  content: z.union([z.string(), z.array(partHeadSchema)]),
});

export const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }).optional(),
});

export const assistantMessageSchema = z.looseObject({
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(partHeadSchema)]).nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
  /** DeepSeek / Zhipu / xAI / llama.cpp echo the model's reasoning back on assistant turns. */
  reasoning_content: z.string().nullish(),
  /** "The refusal message by the assistant." (ChatCompletionAssistantMessageParam, node_modules/openai/resources/chat/completions/completions.d.ts) */
  refusal: z.string().nullish(),
});

export const toolMessageSchema = z.looseObject({
  role: z.literal('tool'),
  tool_call_id: z.string(),
  content: textContentSchema,
});

export const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: jsonObject.nullish(),
    strict: z.boolean().nullish(),
  }),
});

export const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
]);

export const responseFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string(),
      description: z.string().nullish(),
      schema: jsonObject.nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

export type WireRequest = z.infer<typeof requestSchema>;
export type WireToolCallIn = z.infer<typeof toolCallSchema>;
