/**
 * Bedrock's CountTokens, `POST /model/{modelId}/count-tokens`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html): the body
 * `{"input": …}` holds one of two members, a UNION where "only one of the following members can be
 * specified" (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokensInput.html):
 * `converse`, the `messages`, `system`, `toolConfig` and `additionalModelRequestFields` of a Converse
 * body (API_runtime_ConverseTokensRequest.html), or `invokeModel`, `{"body": <the InvokeModel body,
 * base64>}` ("Type: Base64-encoded binary data object", API_runtime_InvokeModelTokensRequest.html).
 * The answer is `{"inputTokens": N}` (API_runtime_CountTokens.html, Response Syntax). The same for
 * every Bedrock API, so it lives here; each dialect reads the member of its own API.
 */
import { z } from 'zod';
import type { TokenCount } from '../../interlingua/count-tokens.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { parseJsonText } from '../../wire/json-text.js';

/** The Converse fields CountTokens takes (API_runtime_ConverseTokensRequest.html). */
export const converseCountedFields = ['messages', 'system', 'toolConfig', 'additionalModelRequestFields'] as const;

const countTokensRequestSchema = z.object({
  input: z.union([
    z.object({ converse: z.record(z.string(), z.unknown()) }).strict(),
    z.object({ invokeModel: z.object({ body: z.string() }).strict() }).strict(),
  ]),
});

const countTokensResponseSchema = z.object({ inputTokens: z.number().int().nonnegative() });

/** A CountTokens body's input: the Converse fields, or the InvokeModel body decoded from base64 and JSON-parsed. */
export type CountTokensInput = { api: 'converse'; body: Record<string, unknown> } | { api: 'invokeModel'; body: unknown };

/** Reads a caller's CountTokens body. Throws `InterlinguaError('invalid_request')` on any other shape. */
export function readCountTokensInput(body: unknown): CountTokensInput {
  const parsed = countTokensRequestSchema.safeParse(body);
  if (!parsed.success) throw new InterlinguaError('invalid_request', 'A CountTokens body is {"input": {"converse": {…}}} or {"input": {"invokeModel": {"body": <base64>}}}, one of the two.', { param: 'input' });
  const input = parsed.data.input;
  if ('converse' in input) return { api: 'converse', body: input.converse };
  // The decoded body is a caller's JSON like any other: under the same nesting limit as the outer body.
  const parsedBody = parseJsonText(Buffer.from(input.invokeModel.body, 'base64').toString('utf8'));
  if (!parsedBody.ok) throw new InterlinguaError('invalid_request', `input.invokeModel.body, once decoded from base64, ${parsedBody.problem}.`, { param: 'input.invokeModel.body' });
  return { api: 'invokeModel', body: parsedBody.value };
}

/** A Converse body as CountTokens takes it: only the counted fields. */
export function converseCountTokensBody(converse: Record<string, unknown>): { input: { converse: Record<string, unknown> } } {
  return { input: { converse: Object.fromEntries(converseCountedFields.filter((field) => converse[field] !== undefined).map((field) => [field, converse[field]])) } };
}

/** An InvokeModel body as CountTokens takes it, JSON in base64. */
export function invokeModelCountTokensBody(body: unknown): { input: { invokeModel: { body: string } } } {
  return { input: { invokeModel: { body: Buffer.from(JSON.stringify(body), 'utf8').toString('base64') } } };
}

export function emitCountTokensResponse(count: TokenCount): { inputTokens: number } {
  return { inputTokens: count.inputTokens };
}

export function parseCountTokensResponse(body: unknown): number {
  const parsed = countTokensResponseSchema.safeParse(body);
  if (!parsed.success) throw new InterlinguaError('upstream_error', 'The Bedrock CountTokens answer has no inputTokens number.');
  return parsed.data.inputTokens;
}
