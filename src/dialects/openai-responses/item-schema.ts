/**
 * zod schemas for the items the Responses API uses on both sides: a request's `input` holds the
 * same `message`, `function_call` and `reasoning` items a response's `output` holds, plus the
 * caller's `function_call_output`. Objects are loose so unmodelled fields (`id`, `status`,
 * `phase`, `annotations`, …) survive into `vendor['openai-responses']`.
 * References: node_modules/openai/resources/responses/responses.d.ts (`ResponseOutputMessage`,
 * `ResponseFunctionToolCall`, `ResponseReasoningItem`, `ResponseInputItem.FunctionCallOutput`,
 * `EasyInputMessage`) and https://platform.openai.com/docs/api-reference/responses/create
 */
import { z } from 'zod';

export const itemHeadSchema = z.looseObject({ type: z.string().optional(), role: z.string().optional() });
export const partHeadSchema = z.looseObject({ type: z.string() });

export const messageItemSchema = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(partHeadSchema)]),
});

export const textPartSchema = z.looseObject({ type: z.enum(['input_text', 'output_text']), text: z.string() });
export const refusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

/** An image by URL (http(s) or `data:`) or by uploaded file id; `detail` also takes `original`. */
export const imagePartSchema = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.string().nullish(),
});

export const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string(),
  arguments: z.string(),
});

/** `ResponseCustomToolCall`: a freeform tool's call, its text in `input`. */
export const customToolCallItemSchema = z.looseObject({
  type: z.literal('custom_tool_call'),
  call_id: z.string().min(1),
  name: z.string(),
  input: z.string(),
});

/** `function_call_output`, or `custom_tool_call_output` (`ResponseCustomToolCallOutput`), which has the same fields. */
export const functionCallOutputItemSchema = z.looseObject({
  type: z.enum(['function_call_output', 'custom_tool_call_output']),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(partHeadSchema)]),
});

/**
 * `summary` is what OpenAI shows of its reasoning; `encrypted_content` (asked for with
 * `include: ["reasoning.encrypted_content"]`) is what lets a stateless caller hand it back;
 * open-weight servers put the raw text in `content` as `reasoning_text` parts.
 */
export const reasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string().nullish(),
  summary: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).nullish(),
});

export type WireMessageItem = z.output<typeof messageItemSchema>;
export type WireReasoningItem = z.output<typeof reasoningItemSchema>;
