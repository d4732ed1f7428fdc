/**
 * A refusal: what an OpenAI model says instead of answering, in a field or part of its own — Chat
 * Completions' `message.refusal` (streamed as `delta.refusal`, its tokens under `logprobs.refusal`)
 * and `{type: 'refusal', refusal}` content part, the Responses API's `refusal` content part
 * (streamed as `response.refusal.delta` / `.done`). SDKs surface it apart from the answer
 * (`message.refusal` in node_modules/openai/lib/ChatCompletionStream.js), so it must not come back
 * as ordinary text.
 *
 * The interlingua holds it as a text part (or a streamed text block, on its `text-start`) marked
 * `partType: 'refusal'` in the vendor slice of the OpenAI dialect it came from. Both OpenAI dialects
 * write either's marker back as a refusal; other dialects have no such form and write the text.
 * Dialect names are spelled here because no dialect imports another.
 */
import type { VendorData } from '../../interlingua/vendor.js';

/** The `partType` value that marks a refusal. */
export const refusalPartType = 'refusal';

const openaiDialects = ['openai-chat', 'openai-responses'] as const;

/** Whether a text part or block is a refusal, by either OpenAI dialect's marker. */
export function isRefusal(vendor: VendorData | undefined): boolean {
  if (vendor === undefined) return false;
  return openaiDialects.some((dialect) => vendor[dialect]?.['partType'] === refusalPartType);
}

/** The marker `dialect` puts on a refusal it reads, as its whole-answer parse does. */
export function refusalMarker(dialect: (typeof openaiDialects)[number]): VendorData {
  return { [dialect]: { partType: refusalPartType } };
}
