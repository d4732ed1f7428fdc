/**
 * Request settings other than the conversation: `tools`, `tool_choice`, `text.format` and
 * `reasoning`, each → its interlingua form plus whatever only this dialect can hold.
 * Reference: https://platform.openai.com/docs/api-reference/responses/create
 */
import type { ReasoningSettings, ResponseFormat } from '../../interlingua/request.js';
import type { ToolChoice, ToolDefinition } from '../../interlingua/tool.js';
import { functionToolSchema, textFormatSchema, toolChoiceSchema, toolHeadSchema, type WireRequest } from './request-schema.js';
import { isRecord } from './vendor.js';
import { customToolParameters, customToolSchema, memberDescription, namespaceToolSchema, qualifiedName, type NamespacedName } from './tool-kinds.js';
import { z } from 'zod';
import { responsesAllowedToolsSchema, splitAllowedTools, type ParsedAllowedTools } from '../openai-family/allowed-tools.js';
import { effortBeyondScaleNote } from '../openai-family/shared-request-fields.js';
import { parseWire } from './wire-parse.js';
import { extraFields } from '../../wire/extra-fields.js';

export interface ParsedTools {
  definitions: ToolDefinition[];
  /** Built-in tools by type (`web_search`, `file_search`, `mcp`, `custom`, …): only OpenAI runs them. */
  builtin: Record<string, unknown[]>;
  /** Function tools without `strict`, which Responses treats differently from "not strict". */
  strictOmitted: string[];
  /** `namespace` tools verbatim, and the flat name of each member (tool-kinds.ts). */
  namespaceTools: unknown[];
  namespacedNames: Record<string, NamespacedName>;
  /** Flat names of the members whose description begins with their namespace's. */
  namespaceDescribed: string[];
  /** Top-level `custom` tools verbatim, and the flat names of all custom tools. */
  customTools: unknown[];
  customNames: string[];
  /** The names of the top-level `custom` tools, which a `tool_choice` can name. */
  topLevelCustomNames: Set<string>;
  /**
   * Per top-level function tool, its fields beyond type/name/description/parameters/strict
   * (`defer_loading`, `allowed_callers`, `output_schema` in the SDK's `FunctionTool`), written back
   * for a Responses upstream; namespace members and custom tools keep theirs in the verbatim tools.
   */
  functionFields: Record<string, Record<string, unknown>>;
  /** Wire paths (`tools[0].defer_loading`) of such fields, on functions and custom tools alike, which other targets report. */
  leftOutPaths: string[];
}

/** Tool fields every target has a place for; the rest only a Responses upstream takes. */
const functionToolFields: ReadonlySet<string> = new Set(['type', 'name', 'description', 'parameters', 'strict']);
const customToolFields: ReadonlySet<string> = new Set(['type', 'name', 'description', 'format']);

export function parseTools(tools: readonly unknown[]): ParsedTools {
  // Keyed by what the caller wrote (a tool's type, a namespace's members): no prototype, so "__proto__" is a key like any other.
  const parsed: ParsedTools = { definitions: [], builtin: Object.create(null) as Record<string, unknown[]>, strictOmitted: [], namespaceTools: [], namespacedNames: Object.create(null) as Record<string, NamespacedName>, namespaceDescribed: [], customTools: [], customNames: [], topLevelCustomNames: new Set(), functionFields: Object.create(null) as Record<string, Record<string, unknown>>, leftOutPaths: [] };
  tools.forEach((raw, index) => {
    const path = `tools[${index}]`;
    const { type } = parseWire(toolHeadSchema, raw, path);
    if (type === 'function') {
      const tool = parseWire(functionToolSchema, raw, path);
      parsed.definitions.push(functionDefinition(tool, undefined, parsed));
      const extras = keptFields(tool, functionToolFields, path, parsed);
      if (extras !== undefined) parsed.functionFields[tool.name] = extras;
      return;
    }
    if (type === 'namespace') {
      parseNamespace(raw, path, parsed);
      return;
    }
    if (type === 'custom') {
      const custom = parseWire(customToolSchema, raw, path);
      keptFields(custom, customToolFields, path, parsed);
      parsed.customTools.push(raw);
      parsed.topLevelCustomNames.add(custom.name);
      parsed.definitions.push(customDefinition(custom, undefined, parsed));
      return;
    }
    (parsed.builtin[type] ??= []).push(raw);
  });
  return parsed;
}

function functionDefinition(tool: z.output<typeof functionToolSchema>, namespace: string | undefined, parsed: ParsedTools): ToolDefinition {
  const name = namespace === undefined ? tool.name : qualifiedName(namespace, tool.name);
  // Omitted parameters mean "no arguments".
  const definition: ToolDefinition = { name, parameters: tool.parameters ?? { type: 'object', properties: {} } };
  if (tool.description != null) definition.description = tool.description;
  if (tool.strict != null) definition.strict = tool.strict;
  else parsed.strictOmitted.push(name);
  return definition;
}

/**
 * A tool's fields the interlingua has no place for (`defer_loading`: "Whether this function is
 * deferred and loaded via tool search"), listed by wire path for other targets to report, as
 * Anthropic's parser lists its own `tools[i].defer_loading`.
 */
function keptFields(tool: Record<string, unknown>, known: ReadonlySet<string>, path: string, parsed: ParsedTools): Record<string, unknown> | undefined {
  const extras = extraFields(tool, known);
  for (const field of Object.keys(extras ?? {})) parsed.leftOutPaths.push(`${path}.${field}`);
  return extras;
}

/** A custom tool as the one-string-argument function it travels as (tool-kinds.ts). */
function customDefinition(tool: z.output<typeof customToolSchema>, namespace: string | undefined, parsed: ParsedTools): ToolDefinition {
  const name = namespace === undefined ? tool.name : qualifiedName(namespace, tool.name);
  parsed.customNames.push(name);
  const definition: ToolDefinition = { name, parameters: customToolParameters(tool) };
  if (tool.description != null) definition.description = tool.description;
  return definition;
}

/**
 * A namespace's member functions and custom tools become tools with flat names, their descriptions
 * led by the namespace's (tool-kinds.ts); a member of another type is kept with the verbatim
 * namespace for a Responses upstream, reported like a top-level tool of its type everywhere else.
 */
function parseNamespace(raw: unknown, path: string, parsed: ParsedTools): void {
  const namespace = parseWire(namespaceToolSchema, raw, path);
  parsed.namespaceTools.push(raw);
  namespace.tools.forEach((member, index) => {
    const memberPath = `${path}.tools[${index}]`;
    const { type } = parseWire(toolHeadSchema, member, memberPath);
    if (type === 'custom') {
      const custom = parseWire(customToolSchema, member, memberPath);
      keptFields(custom, customToolFields, memberPath, parsed);
      parsed.definitions.push(described(customDefinition(custom, namespace.name, parsed), namespace.description, parsed));
      parsed.namespacedNames[qualifiedName(namespace.name, custom.name)] = { namespace: namespace.name, name: custom.name };
      return;
    }
    if (type !== 'function') {
      // The key alone, so other targets report the type; the tool itself travels inside the verbatim namespace.
      parsed.builtin[type] ??= [];
      return;
    }
    const tool = parseWire(functionToolSchema, member, memberPath);
    keptFields(tool, functionToolFields, memberPath, parsed);
    parsed.definitions.push(described(functionDefinition(tool, namespace.name, parsed), namespace.description, parsed));
    parsed.namespacedNames[qualifiedName(namespace.name, tool.name)] = { namespace: namespace.name, name: tool.name };
  });
}

/** A member's definition with its namespace's description before its own, when the namespace has one. */
function described(definition: ToolDefinition, namespaceDescription: string | null | undefined, parsed: ParsedTools): ToolDefinition {
  const description = memberDescription(namespaceDescription, definition.description);
  if (description === definition.description || description === undefined) return definition;
  parsed.namespaceDescribed.push(definition.name);
  return { ...definition, description };
}

const allowedNamedSchema = z.looseObject({ type: z.enum(['function', 'custom']), name: z.string().min(1) });

/**
 * `allowed_tools` (openai-family/allowed-tools.ts): its functions, and custom tools declared at the
 * top level (which travel as functions of the same name, tool-kinds.ts), become the allowed names;
 * a built-in tool, an MCP server and any other custom tool stay verbatim, as the tools themselves do.
 */
export function parseAllowedToolsChoice(value: unknown, topLevelCustomNames: ReadonlySet<string> = new Set()): ParsedAllowedTools {
  const settings = parseWire(responsesAllowedToolsSchema, value, 'tool_choice');
  return splitAllowedTools(settings.mode, settings.tools, (tool, index) => {
    if (tool['type'] !== 'function' && tool['type'] !== 'custom') return undefined;
    const { type, name } = parseWire(allowedNamedSchema, tool, `tool_choice.tools[${index}]`);
    return type === 'function' || topLevelCustomNames.has(name) ? name : undefined;
  });
}

/**
 * `'vendor'`: a choice the interlingua cannot express (a built-in tool, `mcp`), kept verbatim.
 * A custom choice is a forced call like a function one when it names a top-level custom tool, which
 * travels as a function of the same name (tool-kinds.ts). A choice has no `namespace` field
 * (`ToolChoiceCustom`), so which namespace member a bare name would force is not documented: such a
 * choice stays verbatim.
 */
export function parseToolChoice(value: unknown, topLevelCustomNames: ReadonlySet<string> = new Set()): ToolChoice | 'vendor' | undefined {
  if (value == null) return undefined;
  const parsed = toolChoiceSchema.safeParse(value);
  if (!parsed.success) {
    if (isRecord(value) && typeof value['type'] === 'string') return 'vendor';
    parseWire(toolChoiceSchema, value, 'tool_choice');
    return undefined;
  }
  const choice = parsed.data;
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'custom' && !topLevelCustomNames.has(choice.name)) return 'vendor';
  return { type: 'tool', name: choice.name };
}

const textFields = new Set(['format']);

/** `text.format` → `responseFormat`; the rest of `text` (`verbosity`) is returned for vendor data. */
export function parseText(text: NonNullable<WireRequest['text']>): { format?: ResponseFormat; extras?: Record<string, unknown> } {
  const result: { format?: ResponseFormat; extras?: Record<string, unknown> } = {};
  const extras = extraFields(text, textFields);
  if (extras !== undefined) result.extras = extras;
  if (text.format == null) return result;
  const format = parseWire(textFormatSchema, text.format, 'text.format');
  switch (format.type) {
    case 'text':
      result.format = { type: 'text' };
      break;
    case 'json_object':
      result.format = { type: 'json' };
      break;
    case 'json_schema': {
      const json: ResponseFormat = { type: 'json' };
      if (format.name != null) json.name = format.name;
      if (format.schema != null) json.schema = format.schema;
      if (format.description != null) json.description = format.description;
      if (format.strict != null) json.strict = format.strict;
      result.format = json;
      break;
    }
    default: {
      const unhandled: never = format;
      throw new Error(`unhandled text.format ${JSON.stringify(unhandled)}`);
    }
  }
  return result;
}

const reasoningFields = new Set(['effort', 'summary']);

export interface ParsedReasoning {
  settings?: ReasoningSettings;
  /** `effort` / `summary` words the interlingua carries only approximately (`xhigh`, `detailed`). */
  spelling?: Record<string, unknown>;
  /** Fields the interlingua does not carry at all (`context`, `generate_summary`, an effort word OpenAI does not name). */
  extras?: Record<string, unknown>;
  /** An effort word above `high`, which other targets report (openai-family/shared-request-fields.ts). */
  effortNote?: { message: string };
}

/**
 * `reasoning.effort` on OpenAI's scale (`none` turns it off; `xhigh` and `max` are the nearest
 * `high`) and `reasoning.summary` (asking for summaries is asking to see the reasoning). Exact
 * words come back in `spelling`, so this dialect and Chat Completions write them back unchanged;
 * a word above `high` comes with the note every other target reports.
 * Reference: node_modules/openai/resources/shared.d.ts (`Reasoning`, `ReasoningEffort`).
 */
export function parseReasoningSettings(reasoning: NonNullable<WireRequest['reasoning']>): ParsedReasoning {
  const result: ParsedReasoning = {};
  const settings: ReasoningSettings = {};
  const spelling: Record<string, unknown> = {};
  const effort = reasoning.effort;
  let unknownEffort: string | undefined;
  if (effort != null) {
    switch (effort) {
      case 'minimal':
      case 'low':
      case 'medium':
      case 'high':
        settings.enabled = true;
        settings.effort = effort;
        break;
      case 'xhigh':
      case 'max':
        settings.enabled = true;
        settings.effort = 'high';
        spelling['effort'] = effort;
        result.effortNote = effortBeyondScaleNote(effort, settings.effort);
        break;
      case 'none':
        settings.enabled = false;
        spelling['effort'] = effort;
        break;
      default:
        // A word OpenAI does not name (it answers 400 "Invalid value: …. Supported values are: 'low', 'medium', and
        // 'high'.", https://github.com/stanford-crfm/helm/pull/3501) is kept as an unmodelled field, as Chat
        // Completions' parser keeps its `reasoning_effort`: sent back to this dialect as written, and reported
        // as left out by every other target.
        unknownEffort = effort;
    }
  }
  if (reasoning.summary != null) {
    settings.includeThoughts = true;
    spelling['summary'] = reasoning.summary;
  }
  if (Object.keys(settings).length > 0) result.settings = settings;
  if (Object.keys(spelling).length > 0) result.spelling = spelling;
  const extras = extraFields(reasoning, reasoningFields);
  if (unknownEffort !== undefined) result.extras = { effort: unknownEffort, ...extras };
  else if (extras !== undefined) result.extras = extras;
  return result;
}
