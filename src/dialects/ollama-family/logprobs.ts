/**
 * Token log probabilities on Ollama's native API, `/api/chat` and `/api/generate` alike
 * (api/types.go `ChatRequest`/`GenerateRequest`, `Logprob`, `TokenLogprob`; docs/openapi.yaml):
 * - asked with top-level `logprobs` (bool) and `top_logprobs`, the alternatives per position, which
 *   the server refuses outside 0–20 (400 "top_logprobs must be between 0 and 20", server/routes.go);
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
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning } from '../../interlingua/warning.js';
import type { JsonObject } from './json-value.js';

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

/** The Responses includable that asks for logprobs (https://platform.openai.com/docs/api-reference/responses/create#responses-create-include). */
const logprobsIncludable = 'message.output_text.logprobs';

export interface LogprobsAsk {
  /** `logprobs` / `top_logprobs` to write into the Ollama body, where another dialect's caller asked. */
  fields: { logprobs?: true; top_logprobs?: number };
  /** The request's vendor data without the fields carried, for reporting what is left out. */
  vendor: VendorData | undefined;
}

/**
 * An OpenAI caller's ask for logprobs, kept in its dialect's vendor data (Chat Completions'
 * `logprobs` and `top_logprobs`; Responses' `top_logprobs` and the `message.output_text.logprobs`
 * includable, as ../openai-family/shared-request-fields.ts reads them), as Ollama's own fields.
 * Chat's `top_logprobs` goes only with `logprobs: true`, as Chat takes it; without, it stays to be
 * reported. A count beyond Ollama's 0–20 is brought within them, with a warning. Dialect names
 * are spelled here because no dialect imports another.
 */
export function logprobsAskedElsewhere(vendor: VendorData | undefined, warnings: Warning[]): LogprobsAsk {
  if (vendor === undefined) return { fields: {}, vendor };
  const fields: LogprobsAsk['fields'] = {};
  let carried: VendorData | undefined;
  const chat = vendor['openai-chat'];
  if (chat !== undefined && (chat['logprobs'] === true || chat['logprobs'] === false)) {
    const rest = { ...chat };
    if (chat['logprobs'] === true) {
      fields.logprobs = true;
      if (typeof chat['top_logprobs'] === 'number') fields.top_logprobs = chat['top_logprobs'];
      delete rest['top_logprobs'];
    }
    delete rest['logprobs'];
    carried = { ...vendor, 'openai-chat': rest };
  }
  const responses = vendor['openai-responses'];
  if (responses !== undefined) {
    const rest = { ...responses };
    if (typeof responses['top_logprobs'] === 'number') {
      fields.logprobs = true;
      fields.top_logprobs = responses['top_logprobs'];
      delete rest['top_logprobs'];
    }
    const include = responses['include'];
    if (Array.isArray(include) && include.includes(logprobsIncludable)) {
      fields.logprobs = true;
      const others = include.filter((value) => value !== logprobsIncludable);
      if (others.length > 0) rest['include'] = others;
      else delete rest['include'];
    }
    if (Object.keys(rest).length !== Object.keys(responses).length || rest['include'] !== include) carried = { ...(carried ?? vendor), 'openai-responses': rest };
  }
  if (fields.top_logprobs !== undefined) fields.top_logprobs = fittedTopLogprobs(fields.top_logprobs, warnings);
  return { fields, vendor: carried ?? vendor };
}

function fittedTopLogprobs(asked: number, warnings: Warning[]): number {
  const fitted = Math.min(topLogprobsMax, Math.max(0, Math.trunc(asked)));
  if (fitted !== asked) {
    warnings.push({ type: 'compatibility', feature: 'top_logprobs', message: `Ollama takes top_logprobs from 0 to ${topLogprobsMax}; ${asked} was sent as ${fitted}.` });
  }
  return fitted;
}
