/**
 * Bedrock Converse wire shapes, for what the codec reads from an upstream
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html and
 * API_runtime_ConverseStream.html). Unknown fields pass (`loose`): Bedrock adds fields
 * (`serverToolUsage`, `cacheDetails`, legacy `cacheReadInputTokenCount`: recorded in
 * test/fixtures/recorded/bedrock/converse-reasoning-signature.response.json).
 */
import { z } from 'zod';
import { tokenCountSchema } from '../../wire/token-count.js';

/**
 * `usage` (API_runtime_TokenUsage): `inputTokens` counts only the input not read from or
 * written to the cache; `totalTokens` counts all (recorded: pa-converse-cachepoint.i0.response.json,
 * inputTokens 2 + outputTokens 5 + cacheWriteInputTokens 1322 = totalTokens 1329).
 */
/** Absent where it is no count (wire/token-count.ts). */
const tokenCount = tokenCountSchema.transform((count) => count ?? undefined);

export const usageSchema = z
  .object({
    inputTokens: tokenCount,
    outputTokens: tokenCount,
    totalTokens: tokenCount,
    cacheReadInputTokens: tokenCount,
    cacheWriteInputTokens: tokenCount,
  })
  .loose();
export type WireUsage = z.infer<typeof usageSchema>;

/** A cited span of a request's document (API_runtime_DocumentCharLocation.html, …PageLocation, …ChunkLocation). */
const citationSpanSchema = z.looseObject({ documentIndex: z.number().int().nonnegative().optional(), start: z.number().int().nonnegative().optional(), end: z.number().int().nonnegative().optional() });

/** One Converse `Citation`, or a stream's `CitationsDelta` (citations.ts). */
export const citationSchema = z.looseObject({
  title: z.string().optional(),
  sourceContent: z.array(z.looseObject({ text: z.string().optional() })).optional(),
  location: z.looseObject({ documentChar: citationSpanSchema.optional(), documentPage: citationSpanSchema.optional(), documentChunk: citationSpanSchema.optional() }).optional(),
});
export type WireCitation = z.infer<typeof citationSchema>;

/** A `citationsContent` block (API_runtime_CitationsContentBlock.html): the cited text and its citations. */
export const citationsContentSchema = z.looseObject({
  content: z.array(z.looseObject({ text: z.string().optional() })).optional(),
  citations: z.array(citationSchema).optional(),
});
export type WireCitationsContent = z.infer<typeof citationsContentSchema>;

/** A content block is a union: exactly one member is set (API_runtime_ContentBlock). */
export const contentBlockSchema = z
  .object({
    text: z.string().optional(),
    toolUse: z.object({ toolUseId: z.string(), name: z.string(), input: z.unknown() }).loose().optional(),
    reasoningContent: z
      .object({
        reasoningText: z.object({ text: z.string(), signature: z.string().optional() }).loose().optional(),
        redactedContent: z.string().optional(),
      })
      .loose()
      .optional(),
    citationsContent: citationsContentSchema.optional(),
  })
  .loose();
export type WireContentBlock = z.infer<typeof contentBlockSchema>;

export const converseResponseSchema = z
  .object({
    output: z.object({ message: z.object({ role: z.string(), content: z.array(contentBlockSchema) }).loose() }).loose(),
    stopReason: z.string(),
    usage: usageSchema.optional(),
    metrics: z.unknown().optional(),
    additionalModelResponseFields: z.unknown().optional(),
    trace: z.unknown().optional(),
    performanceConfig: z.unknown().optional(),
    serviceTier: z.unknown().optional(),
  })
  .loose();
export type WireConverseResponse = z.infer<typeof converseResponseSchema>;

/** ConverseStream events, one per event-stream message, named by `:event-type` (API_runtime_ConverseStreamOutput). */
export const messageStartSchema = z.object({ role: z.string() }).loose();
export const contentBlockStartSchema = z
  .object({
    contentBlockIndex: z.number(),
    start: z.object({ toolUse: z.object({ toolUseId: z.string(), name: z.string() }).loose().optional() }).loose(),
  })
  .loose();
export const contentBlockDeltaSchema = z
  .object({
    contentBlockIndex: z.number(),
    delta: z
      .object({
        text: z.string().optional(),
        toolUse: z.object({ input: z.string() }).loose().optional(),
        reasoningContent: z.object({ text: z.string().optional(), signature: z.string().optional(), redactedContent: z.string().optional() }).loose().optional(),
        citation: citationSchema.optional(),
      })
      .loose(),
  })
  .loose();
export const contentBlockStopSchema = z.object({ contentBlockIndex: z.number() }).loose();
export const messageStopSchema = z.object({ stopReason: z.string(), additionalModelResponseFields: z.unknown().optional() }).loose();
export const metadataSchema = z
  .object({ usage: usageSchema.optional(), metrics: z.unknown().optional(), trace: z.unknown().optional(), performanceConfig: z.unknown().optional(), serviceTier: z.unknown().optional() })
  .loose();

