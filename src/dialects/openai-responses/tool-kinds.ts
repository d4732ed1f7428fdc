/**
 * Responses tools other than plain functions, as Codex (the OpenAI Responses client) sends them.
 *
 * - `namespace`: "Groups function/custom tools under a shared namespace"; a call to a member
 *   carries the member's `name` and the `namespace` as separate fields (`NamespaceTool`,
 *   `ResponseFunctionToolCall.namespace` in the openai SDK, resources/responses/responses.d.ts;
 *   Codex wraps each MCP server's tools so: envoyproxy/ai-gateway#2317). Its member functions are
 *   ordinary client-run functions, so they travel to every target as functions named
 *   `<namespace>__<name>` (the `mcp__server__tool` form Codex used before namespaces), and the
 *   name is split again wherever a Responses item is written.
 * - Every other type (`web_search`, `file_search`, `mcp`, `local_shell`, `custom`,
 *   `code_interpreter`, `image_generation`, `computer_use_preview`, …) runs on OpenAI's side or
 *   has no function form: it is kept per type under `tools.<type>`, so only a Responses upstream
 *   gets it and every other target reports each type by name (core/vendor-fields.ts).
 */
import type { VendorData } from '../../interlingua/vendor.js';
import { z } from 'zod';
import { spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { isRecord, ownVendor } from './vendor.js';

/** Request key prefix: the built-in tools of one type, verbatim, e.g. `tools.web_search`. */
export const builtinToolPrefix = 'tools.';
/** Request key: the caller's `namespace` tools, verbatim, for a Responses upstream. Their members travel as functions, so nothing is lost elsewhere. */
export const namespaceToolsKey = `${spellingOnlyPrefix}namespace_tools`;
/** Request key: `<namespace>__<name>` → the member's own name and namespace. */
export const namespacedNamesKey = `${spellingOnlyPrefix}namespaced_names`;

export interface NamespacedName {
  namespace: string;
  name: string;
}

export function qualifiedName(namespace: string, name: string): string {
  return `${namespace}__${name}`;
}

export const namespaceToolSchema = z.looseObject({
  type: z.literal('namespace'),
  name: z.string().min(1),
  description: z.string().nullish(),
  tools: z.array(z.unknown()),
});

const namespacedNamesSchema = z.record(z.string(), z.object({ namespace: z.string(), name: z.string() }));

/** The namespaced function names a Responses caller declared, by their flat name. */
export function namespacedNames(vendor: VendorData | undefined): ReadonlyMap<string, NamespacedName> {
  const parsed = namespacedNamesSchema.safeParse(ownVendor(vendor)?.[namespacedNamesKey]);
  return new Map(parsed.success ? Object.entries(parsed.data) : []);
}

/** A flat function name as a Responses item writes it: the member name plus its namespace, when it has one. */
export function wireToolName(names: ReadonlyMap<string, NamespacedName> | undefined, name: string): { name: string; namespace?: string } {
  const namespaced = names?.get(name);
  return namespaced === undefined ? { name } : { name: namespaced.name, namespace: namespaced.namespace };
}

/** The caller's built-in tools (every `tools.<type>` key) and namespace tools, verbatim, in the order the keys were made. */
export function verbatimTools(vendor: VendorData | undefined): Array<Record<string, unknown>> {
  const own = ownVendor(vendor) ?? {};
  const tools: Array<Record<string, unknown>> = [];
  for (const [key, value] of Object.entries(own)) {
    if (!key.startsWith(builtinToolPrefix) && key !== namespaceToolsKey) continue;
    if (Array.isArray(value)) tools.push(...value.filter(isRecord));
  }
  return tools;
}

/** The member functions' flat names, which the verbatim namespace tools already declare to a Responses upstream. */
export function namespaceMemberNames(vendor: VendorData | undefined): ReadonlySet<string> {
  return new Set(namespacedNames(vendor).keys());
}

/** Vendor fields without the verbatim tools, which are written into `tools`, never as top-level fields. */
export function withoutVerbatimTools(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (fields === undefined) return undefined;
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !key.startsWith(builtinToolPrefix)));
}
