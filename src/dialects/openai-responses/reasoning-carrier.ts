/**
 * When a Responses caller is handed another vendor's reasoning signature. OpenAI fills a
 * reasoning item's `encrypted_content` only for a caller that asked for it: "The encrypted
 * content of the reasoning item - populated when a response is generated with
 * `reasoning.encrypted_content` in the `include` parameter"
 * (node_modules/openai/resources/responses/responses.d.ts, `ResponseReasoningItem`). The gateway
 * does the same, and also for a caller with `store: false`: such a caller keeps its own history
 * and has no stored response to continue from, so without the field the signature would be lost
 * and the next tool turn to Anthropic or Gemini could not be completed as it was.
 */
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import { spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { ownVendor } from './vendor.js';
import { logprobsIncludable } from './logprobs-ask.js';

export const encryptedContentIncludable = 'reasoning.encrypted_content';

/** Also the includable that asks for token log probabilities, which the interlingua carries as `ChatRequest.logprobs`. */
const carriedIncludables: ReadonlySet<unknown> = new Set([encryptedContentIncludable, logprobsIncludable]);

/**
 * Request key: the caller's whole `include` list, as written, when it asks for the encrypted
 * reasoning, which every target carries (the gateway hands back each vendor's signature), or for
 * token log probabilities, which the interlingua carries. Only the other values stay under
 * `include`, so other targets report just those as left out.
 */
export const carriedIncludeKey = `${spellingOnlyPrefix}include`;

/** `include` split into what the vendor data keeps: the whole list (to write back) and the values other targets lose. */
export function splitInclude(include: unknown): Record<string, unknown> {
  if (!Array.isArray(include) || !include.some((value) => carriedIncludables.has(value))) return { include };
  const lost = include.filter((value) => !carriedIncludables.has(value));
  return lost.length === 0 ? { [carriedIncludeKey]: include } : { [carriedIncludeKey]: include, include: lost };
}

/** The caller's `include` list as it wrote it. */
export function callerInclude(fields: Record<string, unknown> | undefined): unknown {
  return fields?.[carriedIncludeKey] ?? fields?.['include'];
}

export function carriesSignatures(context: EmitResponseContext): boolean {
  const request = ownVendor(context.request.vendor);
  const include = callerInclude(request);
  if (Array.isArray(include) && include.includes(encryptedContentIncludable)) return true;
  return request?.['store'] === false;
}
