/**
 * This dialect's slice of the `vendor` escape hatch. Fields OpenAI Chat has and the interlingua
 * does not (message `name`, `logprobs`, `service_tier`, …) are kept under `vendor['openai-chat']`
 * by the parsers and merged back by the emitters, so a same-dialect pass-through loses nothing.
 */
import type { VendorData } from '../../interlingua/vendor.js';
import { spellingOnlyPrefix } from '../../core/vendor-fields.js';

export const dialectName = 'openai-chat';

/** Request key: the caller's `reasoning_effort` word where the interlingua holds it only approximately (`none`, `xhigh`). */
export const reasoningEffortSpellingKey = `${spellingOnlyPrefix}reasoning_effort`;

/** Request key: the caller's `logprobs: false` (or null), which asks for nothing, to write back as it came. */
export const logprobsSpellingKey = `${spellingOnlyPrefix}logprobs`;

/**
 * `vendor['openai-chat'].partType` on a text part that was a `refusal` (a message's `refusal`
 * field or a `refusal` content part), and on the `text-start` of a streamed `delta.refusal`: other
 * dialects read it as text, the OpenAI ones write it back as a refusal (openai-family/refusal-part.ts).
 */
export { refusalPartType } from '../openai-family/refusal-part.js';

/** This dialect's vendor fields on a part, message, request or response. */
export function ownVendor(vendor: VendorData | undefined): Record<string, unknown> | undefined {
  return vendor?.[dialectName];
}

/** Wraps fields as `{ 'openai-chat': fields }`, or undefined when there are none. */
export function asVendor(fields: Record<string, unknown> | undefined): VendorData | undefined {
  return fields === undefined || Object.keys(fields).length === 0 ? undefined : { [dialectName]: fields };
}

/** Copies `source` onto `target` except for `protectedKeys`, which the emitter owns. */
export function mergeVendorFields(
  target: Record<string, unknown>,
  source: Record<string, unknown> | undefined,
  protectedKeys: ReadonlySet<string>,
): void {
  if (source === undefined) return;
  for (const [key, value] of Object.entries(source)) {
    if (protectedKeys.has(key)) continue;
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
}
