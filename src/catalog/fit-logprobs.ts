/**
 * OpenAI's reasoning models refuse to be asked for log probabilities: 403 "You are not allowed to
 * request logprobs from this model" (o4-mini: https://github.com/confident-ai/deepeval/pull/2184),
 * gpt-5.1 and later only while they reason ("Logprobs, temperature and top-p are controllable
 * parameters on gpt-5.1 when reasoning effort is set to \"none\"", https://github.com/vercel/ai/pull/10940).
 * The ask travels in the OpenAI dialects' vendor data, as their callers wrote it: Chat Completions'
 * `logprobs` and `top_logprobs`, Responses' `top_logprobs` and the `message.output_text.logprobs`
 * includable; a Gemini caller's, which a Chat upstream is sent as its own
 * (dialects/openai-family/gemini-logprobs-ask.ts), as its `generationConfig` keys; and an Ollama
 * caller's `logprobs` and `top_logprobs` (https://docs.ollama.com/api/chat), which they carry. For
 * such a model they are left out, with a warning; the answer then has none.
 */
import type { ChatRequest, ReasoningSettings } from '../interlingua/request.js';
import type { VendorData } from '../interlingua/vendor.js';
import type { Warning } from '../interlingua/warning.js';
import { spellingOnlyPrefix } from '../core/vendor-fields.js';
import type { ModelFacts } from './model-facts.js';
import { answersWithReasoningOff } from './reasoning-off.js';

/** The vendor data of each dialect whose ask reaches OpenAI, and its fields that ask for log probabilities. */
const askingFields: Readonly<Record<string, readonly string[]>> = {
  'openai-chat': ['logprobs', 'top_logprobs'],
  'openai-responses': ['top_logprobs'],
  gemini: ['generationConfig.responseLogprobs', 'generationConfig.logprobs'],
  // An Ollama caller's, which the OpenAI dialects carry (openai-family/ollama-logprobs-ask.ts).
  ollama: ['logprobs', 'top_logprobs'],
};

/** The Responses includable that asks for them (https://platform.openai.com/docs/api-reference/responses/create#responses-create-include). */
const logprobsIncludable = 'message.output_text.logprobs';
/** Where a Responses caller's `include` list travels: as it is, or whole under its spelling key when it also asks for encrypted reasoning. */
const includeKeys = ['include', `${spellingOnlyPrefix}include`] as const;

/** `reasoning`: the request's reasoning as fitted to the model, which decides for a model that takes them with reasoning off. */
export function fitLogprobs(request: ChatRequest, reasoning: ReasoningSettings | undefined, facts: ModelFacts, warnings: Warning[]): ChatRequest {
  const fact = facts.logprobs;
  if (fact === undefined || request.vendor === undefined) return request;
  if (fact === 'reasoning-off-only' && answersWithReasoningOff(reasoning, facts)) return request;
  let vendor: VendorData | undefined;
  const leftOut: string[] = [];
  for (const [dialect, fields] of Object.entries(askingFields)) {
    const own = request.vendor[dialect];
    if (own === undefined) continue;
    const kept = withoutLogprobs(own, fields, leftOut);
    if (kept === own) continue;
    vendor ??= { ...request.vendor };
    vendor[dialect] = kept;
  }
  if (vendor === undefined) return request;
  const when = fact === 'refused' ? '' : ' while it reasons';
  for (const field of new Set(leftOut)) {
    warnings.push({ type: 'unsupported', feature: field, message: `${facts.id} refuses ${field}${when}; it was left out.` });
  }
  return { ...request, vendor };
}

/** The fields without those asking for log probabilities; the same object where none does. */
function withoutLogprobs(fields: Record<string, unknown>, asking: readonly string[], leftOut: string[]): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const field of asking) {
    const value = fields[field];
    if (value === undefined) continue;
    copy ??= { ...fields };
    delete copy[field];
    // `logprobs: false` asks for nothing, and goes without a word.
    if (value !== false && value !== null) leftOut.push(field);
  }
  for (const key of includeKeys) {
    const include = fields[key];
    if (!Array.isArray(include) || !include.includes(logprobsIncludable)) continue;
    copy ??= { ...fields };
    const rest = include.filter((value) => value !== logprobsIncludable);
    if (rest.length === 0) delete copy[key];
    else copy[key] = rest;
    leftOut.push(`include.${logprobsIncludable}`);
  }
  return copy ?? fields;
}
