/**
 * Zod schemas for the Anthropic Messages API wire format
 * (https://docs.claude.com/en/api/messages). Objects are loose: Anthropic adds fields over
 * time, and the parsers keep what they do not model in `vendor.anthropic` instead of dropping it.
 * Blocks are first read with the generic `blockSchema` and then by their own schema, so an
 * unknown block type is a warning rather than a failed union.
 */
import { z } from 'zod';
import { InterlinguaError } from '../../interlingua/error.js';
import type { ErrorCode } from '../../interlingua/error.js';

const count = z.number().int().nonnegative();

/** Any content block: only its `type` is known until it is read by its own schema. */
export const blockSchema = z.looseObject({ type: z.string() });
export type WireBlock = z.output<typeof blockSchema>;

export const textBlockSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

export const imageBlockSchema = z.looseObject({
  type: z.literal('image'),
  source: z.looseObject({ type: z.string() }),
});
export const base64SourceSchema = z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() });
export const urlSourceSchema = z.looseObject({ type: z.literal('url'), url: z.string() });

export const toolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown().optional(),
});

export const toolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(blockSchema)]).optional(),
  is_error: z.boolean().optional(),
});

export const thinkingBlockSchema = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});

export const redactedThinkingBlockSchema = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

export const messageSchema = z.looseObject({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(blockSchema)]),
});

export const toolSchema = z.looseObject({
  name: z.string(),
  type: z.string().nullish(),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
});
export type WireTool = z.output<typeof toolSchema>;

export const toolChoiceSchema = z.looseObject({
  type: z.enum(['auto', 'any', 'tool', 'none']),
  name: z.string().optional(),
  disable_parallel_tool_use: z.boolean().optional(),
});

export const thinkingConfigSchema = z.looseObject({ type: z.string(), budget_tokens: count.optional() });

/** The request body. `max_tokens` and `model` are checked by the parser, to name them in the error. */
export const requestSchema = z.looseObject({
  model: z.string().optional(),
  max_tokens: count.optional(),
  messages: z.array(messageSchema),
  system: z.union([z.string(), z.array(textBlockSchema)]).nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: count.nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  stream: z.boolean().nullish(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
  thinking: thinkingConfigSchema.nullish(),
});
export type WireRequest = z.output<typeof requestSchema>;

/** Usage as Anthropic reports it: `input_tokens` excludes cache reads and writes. */
export const usageSchema = z.looseObject({
  input_tokens: count.nullish(),
  output_tokens: count.nullish(),
  cache_creation_input_tokens: count.nullish(),
  cache_read_input_tokens: count.nullish(),
  /** Cache writes by lifetime (recorded: fixtures/anthropic/fantasy-sonnet4-simple.response.json). */
  cache_creation: z.looseObject({ ephemeral_5m_input_tokens: count.nullish(), ephemeral_1h_input_tokens: count.nullish() }).nullish().catch(undefined),
});
export type WireUsage = z.output<typeof usageSchema>;

export const responseSchema = z.looseObject({
  id: z.string(),
  type: z.literal('message').optional(),
  role: z.literal('assistant').optional(),
  model: z.string(),
  content: z.array(blockSchema),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: usageSchema,
});
export type WireResponse = z.output<typeof responseSchema>;

/** Error body: `{type:"error", error:{type, message}, request_id}` (https://docs.claude.com/en/api/errors#error-shapes). */
export const errorBodySchema = z.looseObject({
  error: z.looseObject({ type: z.string(), message: z.string().optional() }),
  request_id: z.string().nullish(),
});

/** Where a value failed its schema, as `messages.0.content.1.text`. */
function issuePath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  return [prefix, ...path.map((segment) => String(segment))].filter((segment) => segment !== '').join('.');
}

/**
 * Reads `value` with `schema` or throws an `InterlinguaError` naming the field at fault:
 * `invalid_request` for a caller's body, `upstream_error` for what an upstream sent.
 */
export function parseWire<S extends z.ZodType>(schema: S, value: unknown, path: string, code: ErrorCode): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issuePath(path, issue?.path ?? []);
  const message = `${where === '' ? 'body' : where}: ${issue?.message ?? 'invalid value'}`;
  throw new InterlinguaError(code, code === 'invalid_request' ? message : `Anthropic upstream sent an invalid value at ${message}`, {
    ...(where === '' ? {} : { param: where }),
  });
}

/**
 * Stream events (https://docs.claude.com/en/docs/build-with-claude/streaming#event-types).
 * The `type` in the data names the event, as the SDK's Stream reads it.
 */
/** Per-event stream schemas strip unknown keys: zod compiles those into fast validators (about 5x `looseObject`). */
export const streamEventSchema = z.object({ type: z.string() });

export const messageStartSchema = z.looseObject({
  message: z.looseObject({ id: z.string(), model: z.string(), usage: usageSchema.nullish() }),
});

export const contentBlockStartSchema = z.looseObject({ index: count, content_block: blockSchema });

/** `delta` is read in two steps (its `type`, then that type's schema), so every step is a compiled strip schema. */
export const contentBlockDeltaSchema = z.object({ index: count, delta: z.unknown() });
export const deltaTypeSchema = z.object({ type: z.string() });

export const contentBlockStopSchema = z.object({ index: count });

export const messageDeltaSchema = z.looseObject({
  delta: z.looseObject({ stop_reason: z.string().nullish(), stop_sequence: z.string().nullish() }),
  usage: usageSchema.nullish(),
});

export const textDeltaSchema = z.object({ text: z.string() });
export const inputJsonDeltaSchema = z.object({ partial_json: z.string() });
export const thinkingDeltaSchema = z.object({ thinking: z.string() });
export const signatureDeltaSchema = z.object({ signature: z.string() });
export const streamToolUseSchema = z.looseObject({ id: z.string(), name: z.string(), input: z.unknown().optional() });
export const streamThinkingSchema = z.looseObject({ thinking: z.string().optional(), signature: z.string().optional() });
export const streamTextSchema = z.looseObject({ text: z.string().optional() });

/**
 * `document` blocks (https://docs.claude.com/en/docs/build-with-claude/pdf-support): a source of
 * `base64` (PDF), `url` (PDF), `text` (plain text), `content` (blocks) or `file` (Files API id),
 * plus `title`, `context` and `citations`. Source shapes as the SDK declares them
 * (`DocumentBlockParam`, `Base64PDFSource`, `URLPDFSource`, `PlainTextSource`, `FileDocumentSource`
 * in @anthropic-ai/sdk resources/messages/messages.d.ts).
 */
export const documentBlockSchema = z.looseObject({
  type: z.literal('document'),
  source: z.looseObject({ type: z.string() }),
  title: z.string().nullish(),
});
export const plainTextSourceSchema = z.looseObject({ type: z.literal('text'), media_type: z.string(), data: z.string() });
export const fileSourceSchema = z.looseObject({ type: z.literal('file'), file_id: z.string() });
