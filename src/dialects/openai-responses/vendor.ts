/**
 * This dialect's slice of the `vendor` escape hatch, and where each thing lives in it.
 * Fields the Responses API has and the interlingua does not are kept under
 * `vendor['openai-responses']` by the parsers and merged back by the emitters, under their wire
 * names, so a same-dialect pass-through loses nothing:
 * - request: every unmodelled top-level field verbatim (`store`, `previous_response_id`,
 *   `metadata`, `include`, `truncation`, `service_tier`, …) plus the keys named below;
 * - message: the item's unmodelled fields (`id`, `status`, …);
 * - text part: the part's unmodelled fields (`annotations`, `logprobs`), `item` (the fields of the
 *   message item it came from: `id`, `status`, `phase`), `role` on system parts that came from
 *   an input item rather than `instructions`;
 * - tool call / tool result / reasoning part: the item's unmodelled fields (`id`, `status`, …);
 * - response: `response` (unmodelled response fields) and `otherOutput` (output items the
 *   interlingua cannot hold, with their index).
 */
import type { VendorData } from '../../interlingua/vendor.js';
import { approximatePrefix, spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { isRecord } from '../../core/is-record.js';
export { isRecord };

export const dialectName = 'openai-responses';

/**
 * Request key: names of function tools sent without `strict`. Responses treats an omitted
 * `strict` as "strict where the schema allows", unlike every other dialect, so the emitter
 * writes `strict: false` for tools that never had the flag, and leaves it out only for these.
 */
export const strictOmittedKey = `${spellingOnlyPrefix}strict_omitted`;
/** Request key: per top-level function tool, the fields only Responses has (`defer_loading`, …), by tool name (settings-parse.ts). */
export const functionToolFieldsKey = `${spellingOnlyPrefix}function_tool_fields`;
/** Request key: the `reasoning.effort` / `summary` words, where the interlingua holds them only approximately. */
export const reasoningSpellingKey = `${spellingOnlyPrefix}reasoning`;
/** Text part key: the part (or streamed block, on its `text-start`) was a `refusal` content part (openai-family/refusal-part.ts). */
export { refusalPartType } from '../openai-family/refusal-part.js';

/** This dialect's vendor fields on a part, message, request or response. */
export function ownVendor(vendor: VendorData | undefined): Record<string, unknown> | undefined {
  return vendor?.[dialectName];
}

/** Wraps fields as `{ 'openai-responses': fields }`, or undefined when there are none. */
export function asVendor(fields: Record<string, unknown> | undefined): VendorData | undefined {
  return fields === undefined || Object.keys(fields).length === 0 ? undefined : { [dialectName]: fields };
}

/** Sets `vendor` on a part or message when there is anything to keep. */
export function withVendor<Target extends { vendor?: VendorData }>(target: Target, fields: Record<string, unknown> | undefined): Target {
  const vendor = asVendor(fields);
  if (vendor !== undefined) target.vendor = vendor;
  return target;
}

/** Copies `source` onto `target` except for `protectedKeys`, which the emitter owns. */
export function mergeVendorFields(
  target: Record<string, unknown>,
  source: Record<string, unknown> | undefined,
  protectedKeys: ReadonlySet<string>,
): void {
  if (source === undefined) return;
  for (const [key, value] of Object.entries(source)) {
    if (protectedKeys.has(key) || key.startsWith(spellingOnlyPrefix) || key.startsWith(approximatePrefix)) continue;
    // defineProperty: a "__proto__" key from untrusted JSON stays data.
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
}

/** A vendor value that should be an object, or undefined. */
export function recordField(fields: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const value = fields?.[key];
  return isRecord(value) ? value : undefined;
}

/** A vendor value that should be a string, or undefined. */
export function stringField(fields: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = fields?.[key];
  return typeof value === 'string' ? value : undefined;
}
