/**
 * The `vendor.anthropic` escape hatch on parts, messages and requests: fields the interlingua
 * does not model (`cache_control`, `citations`, `caller`, `service_tier`, …) are kept under
 * this dialect's name when parsing and spread back when emitting, so an Anthropic-to-Anthropic
 * pass-through loses nothing.
 */
import type { VendorData } from '../../interlingua/vendor.js';
export { isRecord as isPlainObject } from '../../core/is-record.js';

export const dialectName = 'anthropic';

/** Sets `vendor.anthropic` on a part or message when there is something to keep. */
export function withVendor<T extends { vendor?: VendorData }>(target: T, extras: Record<string, unknown> | undefined): T {
  if (extras !== undefined) target.vendor = { ...target.vendor, [dialectName]: extras };
  return target;
}

/** The `vendor.anthropic` fields of a part, message or request (empty when none). */
export function anthropicFields(vendor: VendorData | undefined): Record<string, unknown> {
  return vendor?.[dialectName] ?? {};
}

/*
 * Request-level keys this dialect keeps for its own emitter only. They start with `@`
 * (core/vendor-fields.ts): other targets do not report them under these internal names, since
 * the parser lists what they lose by the caller's wire path (`tools[1].defer_loading`) instead.
 */
/** Server tools (web search, code execution, …), as written. */
export const serverToolsKey = '@server_tools';
/** Per custom tool name, its fields beyond name, description and input_schema, as written. */
export const toolFieldsKey = '@tool_fields';
// The `thinking` and effort words as written, shared with Bedrock's Claude fields (core/claude-effort.ts).
export { effortOnScale, effortSpellingKey, thinkingSpellingKey } from '../../core/claude-effort.js';
