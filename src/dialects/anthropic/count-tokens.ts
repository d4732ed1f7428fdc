/**
 * Anthropic's `POST /v1/messages/count_tokens` (https://docs.anthropic.com/en/api/messages-count-tokens):
 * the Messages body without `max_tokens` (and the sampling fields generation needs), answered with
 * `{"input_tokens": N}`.
 */
import { z } from 'zod';
import type { CountTokensCodec } from '../../interlingua/count-tokens.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { parseRequest } from './request-parse.js';
import { emitRequest } from './request-emit.js';

/** What count_tokens takes of a Messages body; the rest only matters for generating. */
const countedFields = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'mcp_servers'];

const countResponseSchema = z.object({ input_tokens: z.number().int().nonnegative() });

export const anthropicCountTokens: CountTokensCodec = {
  parseRequest(body, context) {
    // The Messages parser requires max_tokens, which counting does not take.
    const withLimit = body !== null && typeof body === 'object' && !Array.isArray(body) && !('max_tokens' in body) ? { ...body, max_tokens: 1 } : body;
    return parseRequest(withLimit, context);
  },
  emitResponse(count) {
    return { input_tokens: count.inputTokens };
  },
  emitRequest(request, options) {
    const { body } = emitRequest({ ...request, stream: false }, { ...options, defaultMaxOutputTokens: 1 });
    const full = body as Record<string, unknown>;
    return Object.fromEntries(countedFields.filter((field) => full[field] !== undefined).map((field) => [field, full[field]]));
  },
  parseResponse(body) {
    const parsed = countResponseSchema.safeParse(body);
    if (!parsed.success) throw new InterlinguaError('upstream_error', 'The Anthropic token count answer has no input_tokens number.');
    return parsed.data.input_tokens;
  },
};
