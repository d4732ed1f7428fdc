/**
 * zod schemas for the Responses stream events the decoder reads, one per event type. Stream
 * events are validated once each on the hot path, so these strip unknown keys (`z.object`),
 * which zod compiles into a validator about five times faster than `looseObject`; the few places
 * that must keep unknown fields (whole items, usage) take the raw value from the event instead.
 * `sequence_number` and `item_id` are not read: items are tracked by `output_index`, since some
 * proxies (GitHub Copilot) rotate item ids on every event
 * (fixtures/openai-responses/stream-copilot-item-id-rotation.data.ndjson).
 * Reference: node_modules/openai/resources/responses/responses.d.ts (`ResponseStreamEvent`).
 */
import { z } from 'zod';
import { responseFields } from './response-schema.js';

const index = z.number().int().nonnegative();

/** `response.created` / `in_progress` / `queued` / `completed` / `incomplete` / `failed`. */
export const lifecycleEventSchema = z.object({
  response: z.object({ ...responseFields, output: z.array(z.unknown()).nullish().catch(undefined) }),
});

/** `response.output_item.added` / `.done`: the item itself is read by the item parsers. */
export const itemEventSchema = z.object({
  output_index: index,
  item: z.object({ type: z.string(), id: z.string().nullish() }),
});

/** An item as `output_item.added` / `.done` carry it, read tolerantly (only `type` is required). */
export const streamItemSchema = z.object({
  type: z.string(),
  id: z.string().nullish().catch(undefined),
  call_id: z.string().nullish().catch(undefined),
  name: z.string().nullish().catch(undefined),
  namespace: z.string().nullish().catch(undefined),
  arguments: z.string().nullish().catch(undefined),
  input: z.string().nullish().catch(undefined),
  encrypted_content: z.string().nullish().catch(undefined),
  summary: z.array(z.object({ text: z.string() })).nullish().catch(undefined),
  content: z
    .array(z.object({ type: z.string(), text: z.string().nullish().catch(undefined), refusal: z.string().nullish().catch(undefined) }))
    .nullish()
    .catch(undefined),
});

export const contentPartEventSchema = z.object({
  output_index: index,
  content_index: index,
  part: z.object({ type: z.string(), text: z.string().nullish(), refusal: z.string().nullish() }),
});

/** `output_text.delta`, `refusal.delta`, `reasoning_text.delta`; an `output_text.delta`'s `logprobs` is read by openai-family/token-logprobs.ts. */
export const contentDeltaEventSchema = z.object({ output_index: index, content_index: index, delta: z.string(), logprobs: z.unknown().optional() });
export const textDoneEventSchema = z.object({ output_index: index, content_index: index, text: z.string() });
export const refusalDoneEventSchema = z.object({ output_index: index, content_index: index, refusal: z.string() });

export const argumentsDeltaEventSchema = z.object({ output_index: index, delta: z.string() });
export const argumentsDoneEventSchema = z.object({ output_index: index, arguments: z.string() });
export const customInputDeltaEventSchema = z.object({ output_index: index, delta: z.string() });
export const customInputDoneEventSchema = z.object({ output_index: index, input: z.string() });

export const summaryPartEventSchema = z.object({ output_index: index, summary_index: index });
export const summaryDeltaEventSchema = z.object({ output_index: index, summary_index: index, delta: z.string() });
export const summaryDoneEventSchema = z.object({ output_index: index, summary_index: index, text: z.string() });

/**
 * `error`: the SDK types put `code`/`message`/`param` at the top level, while OpenAI's recorded
 * stream nests them in `error` (fixtures/openai-responses/stream-error-insufficient-quota.data.ndjson).
 */
const errorFields = {
  type: z.string().nullish().catch(undefined),
  code: z.union([z.string(), z.number()]).nullish().catch(undefined),
  message: z.unknown().optional(),
  param: z.string().nullish().catch(undefined),
};
export const errorEventSchema = z.object({ ...errorFields, error: z.object(errorFields).nullish().catch(undefined) });

export type StreamItem = z.output<typeof streamItemSchema>;
export type LifecycleResponse = z.output<typeof lifecycleEventSchema>['response'];
