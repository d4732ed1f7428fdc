/**
 * An Ollama caller's ask for token log probabilities, for the two OpenAI APIs, which take the
 * same ask under their own names. Ollama's `/api/chat` and `/api/generate` take top-level
 * `logprobs` ("Whether to return log probabilities of the output tokens") and `top_logprobs`
 * ("Number of most likely tokens to return at each token position when logprobs are enabled"):
 * https://docs.ollama.com/api/chat, https://docs.ollama.com/api/generate. Both APIs' parsers keep
 * them in the shared `ollama` vendor slice (ollama-family/vendor-slice.ts). Chat Completions takes
 * `logprobs: true` with `top_logprobs` (0–20) beside it
 * (https://platform.openai.com/docs/api-reference/chat/create#chat-create-top_logprobs); Responses
 * takes `top_logprobs` (0–20) and returns logprobs only when `include` names
 * `message.output_text.logprobs` (https://platform.openai.com/docs/api-reference/responses/create#responses-create-include).
 * As with Chat's own (shared-request-fields.ts), `top_logprobs` without `logprobs: true` asks for
 * nothing Ollama gives, so it stays to be reported. The slice name is spelled here because no
 * dialect imports another.
 */
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning } from '../../interlingua/warning.js';

const ollamaSlice = 'ollama';
/** OpenAI's bounds for `top_logprobs`, in both APIs (and Ollama's: server/routes.go). */
const topLogprobsMax = 20;

export interface OllamaLogprobsAsk {
  /** Set when the Ollama caller asked (`logprobs: true`); `topLogprobs` when it asked for alternatives too. */
  asked?: { topLogprobs?: number };
  /** The request's vendor data without the fields carried, for reporting what is left out. */
  vendor: VendorData | undefined;
  /** A `top_logprobs` outside OpenAI's bounds, brought within them. */
  warnings: Warning[];
}

export function ollamaLogprobsAsk(vendor: VendorData | undefined): OllamaLogprobsAsk {
  const slice = vendor?.[ollamaSlice];
  const logprobs = slice?.['logprobs'];
  if (vendor === undefined || slice === undefined || typeof logprobs !== 'boolean') return { vendor, warnings: [] };
  const { logprobs: _logprobs, ...rest } = slice;
  const top = rest['top_logprobs'];
  // With `logprobs: false`, `top_logprobs` asks for nothing either: both go without a word.
  if (typeof top === 'number') delete rest['top_logprobs'];
  const { [ollamaSlice]: _replaced, ...others } = vendor;
  const ask: OllamaLogprobsAsk = { vendor: Object.keys(rest).length === 0 ? others : { ...others, [ollamaSlice]: rest }, warnings: [] };
  if (logprobs) ask.asked = typeof top === 'number' ? { topLogprobs: fittedTopLogprobs(top, ask.warnings) } : {};
  return ask;
}

function fittedTopLogprobs(asked: number, warnings: Warning[]): number {
  const fitted = Math.min(topLogprobsMax, Math.max(0, Math.trunc(asked)));
  if (fitted !== asked) {
    warnings.push({ type: 'compatibility', feature: 'top_logprobs', message: `OpenAI takes top_logprobs from 0 to ${topLogprobsMax}; ${asked} was sent as ${fitted}.` });
  }
  return fitted;
}
