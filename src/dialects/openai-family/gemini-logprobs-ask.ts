/**
 * A Gemini caller's ask for token log probabilities, for an OpenAI upstream, which takes the same
 * ask under other names:
 * - Gemini: `generationConfig.responseLogprobs`, "whether to return the log probabilities of the
 *   tokens that were chosen by the model at each step", and `generationConfig.logprobs`, the
 *   "number of top candidate tokens to return the log probabilities for at each generation step",
 *   valid only with `responseLogprobs` (`GenerationConfig`, https://ai.google.dev/api/generate-content;
 *   https://googleapis.github.io/kotlin-genai/google-genai-kotlin/com.google.genai.kotlin.types/-generate-content-config/logprobs.html);
 * - Chat: `logprobs: true` and `top_logprobs`, "an integer between 0 and 20 … `logprobs` must be
 *   set to `true` if this parameter is used"
 *   (https://platform.openai.com/docs/api-reference/chat/create#chat-create-top_logprobs);
 * - Responses: the `message.output_text.logprobs` includable and `top_logprobs`, "an integer
 *   between 0 and 20" (https://platform.openai.com/docs/api-reference/responses/create#responses-create-include).
 * The Gemini parser keeps both as dotted `generationConfig.*` keys of its vendor data; the
 * answer's tokens come back to the caller as the candidate's `logprobsResult` (gemini/logprobs.ts).
 * The dialect name and its keys are spelled here because no dialect imports another.
 */
import type { VendorData } from '../../interlingua/vendor.js';

const geminiDialect = 'gemini';
export const geminiLogprobsKeys = { chosen: 'generationConfig.responseLogprobs', top: 'generationConfig.logprobs' } as const;

export interface GeminiLogprobsAsk {
  /** Chat's `logprobs` / `top_logprobs` (for Responses, the includable and `top_logprobs`); empty when the caller asked for none. */
  fields: { logprobs?: true; top_logprobs?: number };
  /** The vendor data without the two keys, for reporting what is left. */
  vendor: VendorData | undefined;
}

export function geminiLogprobsAsk(vendor: VendorData | undefined): GeminiLogprobsAsk {
  const source = vendor?.[geminiDialect];
  if (source === undefined || (!Object.hasOwn(source, geminiLogprobsKeys.chosen) && !Object.hasOwn(source, geminiLogprobsKeys.top))) return { fields: {}, vendor };
  const { [geminiLogprobsKeys.chosen]: chosen, [geminiLogprobsKeys.top]: top, ...rest } = source;
  const fields: GeminiLogprobsAsk['fields'] = {};
  // `logprobs` alone asks for nothing, on Gemini as on Chat: it goes without a word.
  if (chosen === true) {
    fields.logprobs = true;
    if (typeof top === 'number') fields.top_logprobs = top;
  }
  const others: VendorData = { ...vendor };
  if (Object.keys(rest).length > 0) others[geminiDialect] = rest;
  else delete others[geminiDialect];
  return { fields, vendor: Object.keys(others).length > 0 ? others : undefined };
}
