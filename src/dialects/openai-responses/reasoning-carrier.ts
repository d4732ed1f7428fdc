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
import { ownVendor } from './vendor.js';

export const encryptedContentIncludable = 'reasoning.encrypted_content';

export function carriesSignatures(context: EmitResponseContext): boolean {
  const request = ownVendor(context.request.vendor);
  const include = request?.['include'];
  if (Array.isArray(include) && include.includes(encryptedContentIncludable)) return true;
  return request?.['store'] === false;
}
