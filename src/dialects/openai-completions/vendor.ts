/**
 * This dialect's slice of the `vendor` escape hatch. Request fields the legacy Completions API has
 * and the interlingua does not (`suffix`, `echo`, `logprobs`, `best_of`, `logit_bias`, …) are kept
 * under `vendor['openai-completions']` by the parser and merged back by this dialect's emitter.
 */
import type { ChatRequest } from '../../interlingua/request.js';
import type { VendorData } from '../../interlingua/vendor.js';

export const dialectName = 'openai-completions';

/**
 * Marks a request whose one user message *is* a raw prompt from a completions caller, so this
 * dialect's emitter sends it back verbatim instead of laying a conversation out around it.
 * The `@` prefix is the house convention for "how a carried value was spelled on the wire"
 * (src/core/vendor-fields.ts): the prompt text itself travels as the user message, so other
 * targets lose nothing and must not report it as left out.
 */
export const rawPromptMarker = '@prompt';

/** `'array'` when the caller sent `prompt: ["…"]` (one element), so the same shape goes back out. */
export const promptShapeKey = '@promptShape';

/** `'string'` when the caller sent `stop: "…"` rather than an array. */
export const stopShapeKey = '@stopShape';

/** This dialect's vendor fields on a request, response or part. */
export function ownVendor(vendor: VendorData | undefined): Record<string, unknown> | undefined {
  return vendor?.[dialectName];
}

/** Wraps fields as `{ 'openai-completions': fields }`, or undefined when there are none. */
export function asVendor(fields: Record<string, unknown> | undefined): VendorData | undefined {
  return fields === undefined || Object.keys(fields).length === 0 ? undefined : { [dialectName]: fields };
}

/** Whether the request came from a completions caller and its user message is the raw prompt. */
export function isRawPromptRequest(request: ChatRequest): boolean {
  return ownVendor(request.vendor)?.[rawPromptMarker] === true;
}

/**
 * Copies `source` onto `target` except for `protectedKeys` (which the emitter owns) and the
 * `@` spelling markers. `defineProperty` keeps a `__proto__` key as data.
 */
export function mergeVendorFields(
  target: Record<string, unknown>,
  source: Record<string, unknown> | undefined,
  protectedKeys: ReadonlySet<string>,
): void {
  if (source === undefined) return;
  for (const [key, value] of Object.entries(source)) {
    if (protectedKeys.has(key) || key.startsWith('@')) continue;
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
}
