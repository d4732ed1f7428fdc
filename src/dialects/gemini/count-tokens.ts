/**
 * Gemini's `POST /v1beta/models/{model}:countTokens` (https://ai.google.dev/api/tokens): either
 * `{contents}` or `{generateContentRequest}` (which also counts the system instruction and tools),
 * answered with `{"totalTokens": N}`. Upstream, the full generateContentRequest form is sent.
 */
import { z } from 'zod';
import type { CountTokensCodec } from '../../interlingua/count-tokens.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { parseGeminiRequest as parseRequest } from './request-parse.js';
import { emitGeminiRequest as emitRequest } from './request-emit.js';
import { withPlatformFieldsOf } from './platform-fields.js';

const countResponseSchema = z.object({ totalTokens: z.number().int().nonnegative() });

export const geminiCountTokens: CountTokensCodec = {
  parseRequest(body, context) {
    const record = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    const inner = record?.['generateContentRequest'] ?? record?.['generate_content_request'];
    return parseRequest(inner ?? body, { ...context, stream: false });
  },
  emitResponse(count) {
    return { totalTokens: count.inputTokens };
  },
  emitRequest(request, options) {
    const { body } = emitRequest({ ...request, stream: false }, { model: options.model, defaultMaxOutputTokens: 1 });
    // A count has no warnings to give; a field the Gemini API lacks is left out as for generateContent (platform-fields.ts).
    return { generateContentRequest: { model: `models/${options.model.replace(/^models\//, '')}`, ...withPlatformFieldsOf('gemini-api', body as Record<string, unknown>, []) } };
  },
  parseResponse(body) {
    const parsed = countResponseSchema.safeParse(body);
    if (!parsed.success) throw new InterlinguaError('upstream_error', 'The Gemini token count answer has no totalTokens number.');
    return parsed.data.totalTokens;
  },
};
