/**
 * Token log probabilities as both OpenAI dialects write them, read into the interlingua's
 * `TokenLogprob` and written back. The entries have one shape with small differences:
 * - Chat Completions: `choices[].logprobs.content` / `.refusal` (and the same per stream chunk) is a
 *   list of `{token, logprob, bytes, top_logprobs: [{token, logprob, bytes}]}`, `bytes` null where
 *   the token has no byte form (`ChatCompletionTokenLogprob` in
 *   node_modules/openai/resources/chat/completions/completions.d.ts;
 *   https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices);
 * - Responses: an `output_text` part's `logprobs` has the same fields, `bytes` always a list
 *   (`ResponseOutputText.Logprob`), while `response.output_text.delta` / `.done` events carry
 *   `{token, logprob, top_logprobs: [{token, logprob}]}` without bytes (`ResponseTextDeltaEvent.Logprob`
 *   in node_modules/openai/resources/responses/responses.d.ts;
 *   https://platform.openai.com/docs/api-reference/responses-streaming/response/output_text/delta).
 * Entries are read tolerantly: one without a token or a numeric logprob is skipped, not fatal.
 */
import { z } from 'zod';
import type { TokenLogprob, TopTokenLogprob } from '../../interlingua/content.js';

const bytesSchema = z.array(z.number()).nullish().catch(undefined);
const topSchema = z.object({ token: z.string(), logprob: z.number(), bytes: bytesSchema });
const entrySchema = z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: bytesSchema,
  top_logprobs: z.array(z.unknown()).nullish().catch(undefined),
});

/** A wire list of token entries (either dialect), or undefined when it holds none. */
export function readTokenLogprobs(value: unknown): TokenLogprob[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const read: TokenLogprob[] = [];
  for (const raw of value) {
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) continue;
    const logprob: TokenLogprob = { token: entry.data.token, logprob: entry.data.logprob };
    if (entry.data.bytes !== undefined) logprob.bytes = entry.data.bytes;
    if (entry.data.top_logprobs != null) logprob.top = readTop(entry.data.top_logprobs);
    read.push(logprob);
  }
  return read.length === 0 ? undefined : read;
}

function readTop(list: readonly unknown[]): TopTokenLogprob[] {
  const read: TopTokenLogprob[] = [];
  for (const raw of list) {
    const entry = topSchema.safeParse(raw);
    if (!entry.success) continue;
    const top: TopTokenLogprob = { token: entry.data.token, logprob: entry.data.logprob };
    if (entry.data.bytes !== undefined) top.bytes = entry.data.bytes;
    read.push(top);
  }
  return read;
}

/** Chat Completions entries: `bytes` is null where it is not known, as Chat writes a token without bytes. */
export function chatTokenLogprobs(logprobs: readonly TokenLogprob[]): Array<Record<string, unknown>> {
  return logprobs.map((entry) => ({
    token: entry.token,
    logprob: entry.logprob,
    bytes: entry.bytes ?? null,
    top_logprobs: (entry.top ?? []).map((top) => ({ token: top.token, logprob: top.logprob, bytes: top.bytes ?? null })),
  }));
}

/** Entries of a Responses `output_text` part: `bytes` only where known (the list is never made up). */
export function responsesPartLogprobs(logprobs: readonly TokenLogprob[]): Array<Record<string, unknown>> {
  return logprobs.map((entry) => ({
    token: entry.token,
    ...withBytes(entry.bytes),
    logprob: entry.logprob,
    top_logprobs: (entry.top ?? []).map((top) => ({ token: top.token, ...withBytes(top.bytes), logprob: top.logprob })),
  }));
}

/** Entries of a Responses `output_text.delta` / `.done` event, which have no bytes. */
export function responsesEventLogprobs(logprobs: readonly TokenLogprob[]): Array<Record<string, unknown>> {
  return logprobs.map((entry) => ({
    token: entry.token,
    logprob: entry.logprob,
    top_logprobs: (entry.top ?? []).map((top) => ({ token: top.token, logprob: top.logprob })),
  }));
}

function withBytes(bytes: number[] | null | undefined): { bytes?: number[] } {
  return Array.isArray(bytes) ? { bytes } : {};
}
