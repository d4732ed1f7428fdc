/**
 * Responses tools other than plain functions, as Codex (the OpenAI Responses client) sends them.
 *
 * - `namespace`: "Groups function/custom tools under a shared namespace"; a call to a member
 *   carries the member's `name` and the `namespace` as separate fields (`NamespaceTool`,
 *   `ResponseFunctionToolCall.namespace` in the openai SDK, resources/responses/responses.d.ts;
 *   Codex wraps each MCP server's tools so: envoyproxy/ai-gateway#2317). Its member functions are
 *   ordinary client-run functions, so they travel to every target as functions named
 *   `<namespace>__<name>` (the `mcp__server__tool` form Codex used before namespaces), and the
 *   name is split again wherever a Responses item is written. The namespace's own `description`
 *   ("A description of the namespace shown to the model") has no place elsewhere, so it goes
 *   before each member's description, which every other target reports per tool.
 * - `custom` (freeform: "The input format for the custom tool. Default is unconstrained text",
 *   `CustomTool`; the model answers with a `custom_tool_call` whose `input` is a string): it travels
 *   as a function taking that text in one string argument, `input`, with its grammar in the
 *   argument's description, and every other target reports the approximation per tool.
 * - Every other type (`web_search`, `file_search`, `mcp`, `local_shell`,
 *   `code_interpreter`, `image_generation`, `computer_use_preview`, …) runs on OpenAI's side or
 *   has no function form: it is kept per type under `tools.<type>`, so only a Responses upstream
 *   gets it and every other target reports each type by name (core/vendor-fields.ts).
 */
import type { VendorData } from '../../interlingua/vendor.js';
import { z } from 'zod';
import { approximatePrefix, spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { isRecord, ownVendor } from './vendor.js';
import { pushAll } from '../../core/push-all.js';

/** Request key prefix: the built-in tools of one type, verbatim, e.g. `tools.web_search`. */
export const builtinToolPrefix = 'tools.';
/** Request key: the caller's `namespace` tools, verbatim, for a Responses upstream. Their members travel as functions, the namespace's description in theirs. */
export const namespaceToolsKey = `${spellingOnlyPrefix}namespace_tools`;
/** Request key: the approximation other targets report for the members of a described namespace (core/vendor-fields.ts). */
export const namespaceDescriptionKey = `${approximatePrefix}tools.namespace.description`;
export const namespaceDescriptionMessage = 'The description of a namespace, which only the Responses API has, was put before the description of each of its tools.';

/** A namespace member's description for targets without namespaces: the namespace's first, then the member's own. */
export function memberDescription(namespaceDescription: string | null | undefined, own: string | null | undefined): string | undefined {
  const namespace = namespaceDescription == null || namespaceDescription === '' ? undefined : namespaceDescription;
  const member = own ?? undefined;
  if (namespace === undefined) return member;
  return member === undefined || member === '' ? namespace : `${namespace}\n\n${member}`;
}
/** Request key: `<namespace>__<name>` → the member's own name and namespace. */
export const namespacedNamesKey = `${spellingOnlyPrefix}namespaced_names`;

/** Request key: the caller's top-level `custom` tools, verbatim, for a Responses upstream. */
export const customToolsKey = `${spellingOnlyPrefix}custom_tools`;
/** Request key: the flat names of every custom tool, top-level or in a namespace. */
export const customNamesKey = `${spellingOnlyPrefix}custom_names`;
/** Request key: the approximation other targets report (core/vendor-fields.ts). */
export const customApproximationKey = `${approximatePrefix}tools.custom`;
export const customApproximationMessage = 'A custom (freeform) tool was sent as a function taking its text in one string argument, "input".';

export const customToolSchema = z.looseObject({
  type: z.literal('custom'),
  name: z.string().min(1),
  description: z.string().nullish(),
  format: z.looseObject({ type: z.string(), syntax: z.string().nullish(), definition: z.string().nullish() }).nullish(),
});

/** The one-argument function schema a custom tool travels as; a grammar goes into the argument's description. */
export function customToolParameters(tool: z.output<typeof customToolSchema>): Record<string, unknown> {
  const grammar = tool.format?.type === 'grammar' && tool.format.definition != null ? ` It must follow this ${tool.format.syntax ?? ''} grammar:\n${tool.format.definition}` : '';
  return {
    type: 'object',
    properties: { input: { type: 'string', description: `The tool's input, as free text.${grammar}` } },
    required: ['input'],
    additionalProperties: false,
  };
}

/** A custom call's text as the arguments of the function it travels as. */
export function customArguments(input: string): string {
  return JSON.stringify({ input });
}

/** The text of a custom call from the function arguments it came back as; arguments that are not that object are taken as the text. */
export function customInput(argumentsText: string): string {
  const parsed = z.object({ input: z.string() }).safeParse(safeJson(argumentsText));
  return parsed.success ? parsed.data.input : argumentsText;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function customToolNames(vendor: VendorData | undefined): ReadonlySet<string> {
  const names = z.array(z.string()).safeParse(ownVendor(vendor)?.[customNamesKey]);
  return new Set(names.success ? names.data : []);
}

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
    if (!key.startsWith(builtinToolPrefix) && key !== namespaceToolsKey && key !== customToolsKey) continue;
    if (Array.isArray(value)) pushAll(tools, value.filter(isRecord));
  }
  return tools;
}

/** Flat names of the functions the verbatim namespace and custom tools already declare to a Responses upstream. */
export function verbatimFunctionNames(vendor: VendorData | undefined): ReadonlySet<string> {
  return new Set([...namespacedNames(vendor).keys(), ...customToolNames(vendor)]);
}

/** Vendor fields without the verbatim tools, which are written into `tools`, never as top-level fields. */
export function withoutVerbatimTools(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (fields === undefined) return undefined;
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !key.startsWith(builtinToolPrefix)));
}
