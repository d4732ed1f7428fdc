/**
 * Token log probabilities on Ollama's native API, `/api/chat` and `/api/generate` alike
 * (api/types.go `ChatRequest`/`GenerateRequest`, `Logprob`, `TokenLogprob`; docs/openapi.yaml):
 * - asked with top-level `logprobs` (bool) and `top_logprobs`, the alternatives per position, which
 *   the server refuses outside 0–20 (400 "top_logprobs must be between 0 and 20", server/routes.go),
 *   the interlingua's `ChatRequest.logprobs`;
 * - told as a top-level `logprobs` list of `{token, logprob, bytes?, top_logprobs?: [{token,
 *   logprob, bytes?}]}`: a whole answer lists every generated token, a streamed line those of
 *   the tokens it was decoded from.
 * The tokens are the model's raw output, taken before Ollama's parsers split off thinking and tool
 * calls (server/routes.go ChatHandler): a line can carry tokens and no text while the tool parser
 * holds the text back, and a thinking model's tokens spell its thinking too. So tokens are put on
 * a text only where a run of them spells it exactly; otherwise the text has none, rather than
 * tokens that are not its own.
 */
import { z } from 'zod';
import type { AssistantPart, TokenLogprob, TopTokenLogprob } from '../../interlingua/content.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning } from '../../interlingua/warning.js';
import { spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { fitTopLogprobs } from '../../core/token-logprobs-fit.js';
import type { JsonObject } from './json-value.js';
import { setField } from './json-value.js';
import { ollamaVendorName } from './vendor-slice.js';

/** Ollama's bounds for `top_logprobs` (server/routes.go), which are also OpenAI's. */
export const topLogprobsMax = 20;

const bytesSchema = z.array(z.number()).nullish().catch(undefined);
const topSchema = z.object({ token: z.string(), logprob: z.number(), bytes: bytesSchema });
const entrySchema = z.object({ token: z.string(), logprob: z.number(), bytes: bytesSchema, top_logprobs: z.array(z.unknown()).nullish().catch(undefined) });

/** A wire `logprobs` list as tokens, or undefined when it holds none; an entry without a token or a number is skipped. */
export function readOllamaLogprobs(value: unknown): TokenLogprob[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const read: TokenLogprob[] = [];
  for (const raw of value) {
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) continue;
    const token: TokenLogprob = { token: entry.data.token, logprob: entry.data.logprob };
    if (entry.data.bytes != null) token.bytes = entry.data.bytes;
    if (entry.data.top_logprobs != null) {
      token.top = entry.data.top_logprobs.flatMap((candidate): TopTokenLogprob[] => {
        const top = topSchema.safeParse(candidate);
        if (!top.success) return [];
        const read: TopTokenLogprob = { token: top.data.token, logprob: top.data.logprob };
        if (top.data.bytes != null) read.bytes = top.data.bytes;
        return [read];
      });
    }
    read.push(token);
  }
  return read.length === 0 ? undefined : read;
}

/**
 * The last run of `tokens` that spells `text` exactly, or undefined where none does. The last,
 * because an answer's text comes after its thinking, whose tokens come first.
 */
export function tokensSpelling(text: string, tokens: readonly TokenLogprob[]): TokenLogprob[] | undefined {
  if (text === '') return undefined;
  for (let start = tokens.length - 1; start >= 0; start--) {
    // Each token is compared where it would sit in the text, so a long answer costs one pass per start that matches.
    let spelled = 0;
    for (let end = start; end < tokens.length; end++) {
      const token = (tokens[end] as TokenLogprob).token;
      if (!text.startsWith(token, spelled)) break;
      spelled += token.length;
      if (spelled === text.length) return tokens.slice(start, end + 1);
    }
  }
  return undefined;
}

/** Tokens as Ollama's wire `logprobs` list, for an Ollama caller; `bytes` and `top_logprobs` only where known. */
export function ollamaLogprobsOf(tokens: readonly TokenLogprob[]): JsonObject[] {
  return tokens.map((entry) => {
    const wire: JsonObject = { token: entry.token, logprob: entry.logprob };
    if (entry.bytes != null) wire['bytes'] = entry.bytes;
    if (entry.top !== undefined) {
      wire['top_logprobs'] = entry.top.map((top): JsonObject => {
        const candidate: JsonObject = { token: top.token, logprob: top.logprob };
        if (top.bytes != null) candidate['bytes'] = top.bytes;
        return candidate;
      });
    }
    return wire;
  });
}

/**
 * A whole answer's wire `logprobs`: its text parts' tokens, read from an upstream of any dialect
 * (an OpenAI answer's `logprobs.content`), or undefined when none has any. An Ollama upstream's own
 * list, which has the thinking's tokens too, comes back from the answer's `extra` instead.
 */
export function answerLogprobs(content: readonly AssistantPart[]): JsonObject[] | undefined {
  const tokens = content.flatMap((part) => (part.type === 'text' ? (part.logprobs ?? []) : []));
  return tokens.length === 0 ? undefined : ollamaLogprobsOf(tokens);
}

/** A streamed line's top-level `logprobs`, serialized with its leading comma, for a text delta's tokens; '' without any. */
export function streamedLogprobsField(tokens: readonly TokenLogprob[] | undefined): string {
  return tokens === undefined || tokens.length === 0 ? '' : `,"logprobs":${JSON.stringify(ollamaLogprobsOf(tokens))}`;
}

/** Request keys of the shared slice (vendor-slice.ts): an ask for nothing (`logprobs: false`), written back as it came. */
const logprobsSpellingKey = `${spellingOnlyPrefix}logprobs`;
const topLogprobsSpellingKey = `${spellingOnlyPrefix}top_logprobs`;

/**
 * An Ollama caller's ask, `logprobs: true` with `top_logprobs` beside it (the Python client's
 * `ollama.chat(model, messages, logprobs=True, top_logprobs=3)`, https://github.com/ollama/ollama-python/pull/601),
 * as the interlingua's (`ChatRequest.logprobs`), taken out of the shared slice. `logprobs: false`
 * asks for nothing, and `top_logprobs` beside it nothing either: both are kept only as spellings,
 * written back to an Ollama upstream and passed over by other targets. A `top_logprobs` without
 * any `logprobs` stays as it came, to be reported elsewhere.
 */
export function takeLogprobsAsk(slice: JsonObject, request: ChatRequest): void {
  const logprobs = slice['logprobs'];
  if (typeof logprobs !== 'boolean') return;
  const top = slice['top_logprobs'];
  delete slice['logprobs'];
  if (logprobs) {
    request.logprobs = typeof top === 'number' ? { topLogprobs: top } : {};
    if (typeof top === 'number') delete slice['top_logprobs'];
    return;
  }
  setField(slice, logprobsSpellingKey, false);
  if (top !== undefined) {
    setField(slice, topLogprobsSpellingKey, top);
    delete slice['top_logprobs'];
  }
}

/**
 * The ask as `/api/chat` and `/api/generate` take it, top-level `logprobs` and `top_logprobs`
 * (https://docs.ollama.com/api/chat, https://docs.ollama.com/api/generate), from a caller of any
 * dialect; a count beyond Ollama's 0–20 is brought within them, with a warning. Without an ask, an
 * Ollama caller's own `logprobs: false` goes back as it came.
 */
export function logprobsFields(request: ChatRequest, vendor: VendorData | undefined, warnings: Warning[]): JsonObject {
  const ask = request.logprobs;
  if (ask === undefined) {
    const slice = vendor?.[ollamaVendorName];
    const fields: JsonObject = {};
    if (slice?.[logprobsSpellingKey] !== undefined) fields['logprobs'] = slice[logprobsSpellingKey];
    if (slice?.[topLogprobsSpellingKey] !== undefined) fields['top_logprobs'] = slice[topLogprobsSpellingKey];
    return fields;
  }
  const fields: JsonObject = { logprobs: true };
  if (ask.topLogprobs !== undefined) fields['top_logprobs'] = fitTopLogprobs(ask.topLogprobs, topLogprobsMax, 'top_logprobs', 'Ollama', warnings);
  return fields;
}
