/**
 * Token log probabilities on Gemini (https://ai.google.dev/api/generate-content):
 * - asked with `generationConfig.responseLogprobs` (bool) and `generationConfig.logprobs`, the
 *   number of top candidates at each step (`GenerationConfig` in node_modules/@google/genai
 *   genai.d.ts: `responseLogprobs?: boolean`, `logprobs?: number`);
 * - told per candidate in `logprobsResult`: `chosenCandidates[{token, logProbability}]`, one per
 *   decoding step, and `topCandidates[{candidates: [{token, logProbability}]}]`, as long, sorted
 *   likeliest first (`LogprobsResult`, `LogprobsResultCandidate`, `LogprobsResultTopCandidates`;
 *   https://googleapis.github.io/java-genai/javadoc/com/google/genai/types/LogprobsResult.html).
 * The ask is the interlingua's (`ChatRequest.logprobs`, logprobs-ask.ts), which a Gemini upstream
 * is sent only from a Gemini caller; what a Gemini upstream tells is read; a Gemini caller's answer
 * gets another vendor's tokens as a `logprobsResult` on the whole answer's candidate, or streamed,
 * on the chunk of the text they spell.
 */
import { z } from 'zod';
import type { TokenLogprob } from '../../interlingua/content.js';
import type { JsonObject } from './json-value.js';

const wireCandidate = z.object({ token: z.string(), logProbability: z.number() });
const wireResult = z.object({
  chosenCandidates: z.array(z.unknown()).nullish(),
  topCandidates: z.array(z.object({ candidates: z.array(z.unknown()).nullish() }).catch({ candidates: undefined })).nullish(),
});

/**
 * A candidate's `logprobsResult` as tokens, or undefined when it tells none. A step whose chosen
 * token lacks a token or a number is skipped, with its top candidates, not fatal.
 */
export function readLogprobsResult(value: unknown): TokenLogprob[] | undefined {
  const parsed = wireResult.safeParse(value);
  if (!parsed.success) return undefined;
  const { chosenCandidates, topCandidates } = parsed.data;
  const read: TokenLogprob[] = [];
  (chosenCandidates ?? []).forEach((raw, step) => {
    const chosen = wireCandidate.safeParse(raw);
    if (!chosen.success) return;
    const entry: TokenLogprob = { token: chosen.data.token, logprob: chosen.data.logProbability };
    const top = topCandidates?.[step]?.candidates;
    if (top != null) {
      entry.top = top.flatMap((candidate) => {
        const read = wireCandidate.safeParse(candidate);
        return read.success ? [{ token: read.data.token, logprob: read.data.logProbability }] : [];
      });
    }
    read.push(entry);
  });
  return read.length === 0 ? undefined : read;
}

/**
 * The tokens of a candidate (or of one streamed chunk of it) shared out over its texts in order.
 * Gemini tells them per candidate, not per part: one text takes them all; several take those
 * that spell each in turn, and none where the tokens do not spell the texts.
 */
export function tokensPerText(texts: readonly string[], tokens: readonly TokenLogprob[]): Array<TokenLogprob[] | undefined> {
  if (texts.length === 1) return [[...tokens]];
  const shared: TokenLogprob[][] = [];
  let next = 0;
  for (const text of texts) {
    const own: TokenLogprob[] = [];
    let spelled = '';
    while (spelled.length < text.length && next < tokens.length) {
      const token = tokens[next++] as TokenLogprob;
      own.push(token);
      spelled += token.token;
    }
    if (spelled !== text) return texts.map(() => undefined);
    shared.push(own);
  }
  return shared;
}

/** Tokens as a candidate's `logprobsResult`, or undefined for none; `topCandidates` only where some token tells its top ones. */
export function logprobsResultOf(tokens: readonly TokenLogprob[]): JsonObject | undefined {
  if (tokens.length === 0) return undefined;
  const result: JsonObject = { chosenCandidates: tokens.map((entry) => ({ token: entry.token, logProbability: entry.logprob })) };
  if (tokens.some((entry) => entry.top !== undefined)) {
    result['topCandidates'] = tokens.map((entry) => ({ candidates: (entry.top ?? []).map((top) => ({ token: top.token, logProbability: top.logprob })) }));
  }
  return result;
}
