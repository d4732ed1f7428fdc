/**
 * What a JSON Schema node says that Gemini's `Schema` refuses in that form, fitted after the node is
 * converted (json-schema-to-gemini.ts): enums on strings only, the formats Gemini takes, objects
 * with properties. What a keyword said and cannot stay is put into the node's description.
 */
import type { Warning } from '../../interlingua/warning.js';
import { isJsonObject, setField, type JsonObject } from './json-value.js';

/** Reports a keyword changed or left out, once per keyword and schema. */
export type KeywordReport = (type: Warning['type'], keyword: string, message: string) => void;

/** Whether a converted node is an OBJECT that declares no property. */
export function isBareObject(node: JsonObject): boolean {
  const properties = node['properties'];
  return node['type'] === 'OBJECT' && (properties === undefined || (isJsonObject(properties) && Object.keys(properties).length === 0));
}

/**
 * Gemini refuses an OBJECT without properties ("…parameters.properties[params].properties: should be
 * non-empty for OBJECT type", in function parameters and in a response schema alike:
 * https://github.com/browser-use/browser-use/issues/3786), which is how JSON Schema says "any object"
 * (a map, free-form metadata). Within a schema such a node loses its type, which Gemini reads as any
 * value (TYPE_UNSPECIFIED, https://github.com/BerriAI/litellm/pull/22393), its description kept.
 */
export function untypeBareObject(result: JsonObject, report: KeywordReport): void {
  if (!isBareObject(result)) return;
  delete result['type'];
  delete result['properties'];
  // What is left of `required` here is empty (declared names have properties); an untyped node may not carry it.
  delete result['required'];
  report('compatibility', 'object', 'Gemini refuses an object without declared properties; such an object was sent as a schema that takes any value');
}

/** Appends a sentence to the node's description, so what its keywords said still reaches the model. */
export function describe(result: JsonObject, sentence: string): void {
  const description = result['description'];
  setField(result, 'description', typeof description === 'string' && description.trim() !== '' ? `${description} ${sentence}` : sentence);
}

/**
 * Gemini takes `enum` on STRING only ("* GenerateContentRequest.tools[0].function_declarations[11].
 * parameters.properties[accountability].enum: only allowed for STRING type",
 * https://github.com/directus/directus/issues/27100), a node without a type included
 * (https://github.com/decolua/9router/issues/359), and not empty ("enum: should be non-empty for
 * STRING type with enum format", https://github.com/elastic/kibana/pull/286302). An untyped enum of
 * strings is a STRING one; one of numbers or booleans gets that type, so the model still answers
 * with one. A number's or boolean's enum names its values in the description instead.
 */
export function fitEnum(result: JsonObject, schema: JsonObject, report: KeywordReport): void {
  const values = result['enum'];
  if (!Array.isArray(values)) return;
  if (values.length === 0) {
    delete result['enum'];
    return;
  }
  if (result['type'] === undefined && !('anyOf' in result)) setField(result, 'type', typeOfValues(schema));
  if (result['type'] === 'STRING') {
    if (valuesOf(schema).some((value) => typeof value !== 'string')) {
      report('compatibility', 'enum', 'Enum values that are not strings were sent as strings');
    }
    dropEmptyMember(result, values, report);
    return;
  }
  delete result['enum'];
  describe(result, `One of: ${values.join(', ')}.`);
  report('compatibility', 'enum.type', 'Gemini takes "enum" on strings only; the values of a number\'s or boolean\'s enum were put in its description');
}

/**
 * Gemini refuses an empty string among a STRING enum's values: "* GenerateContentRequest.tools[6].
 * function_declarations[0].parameters.properties[action].enum[3]: cannot be empty"
 * (https://github.com/sbroenne/mcp-server-excel/issues/607; the same in
 * https://github.com/Smana/runlore/pull/40 and https://github.com/FMXExpress/PasClaw/pull/294). MCP
 * servers use `""` as an "unset" sentinel. It leaves the enum, and the description says the value
 * may be empty; an enum of `""` alone (a `const: ""`) becomes a plain string that must be empty
 * (the enum goes, as https://github.com/anomalyco/opencode/pull/46676 does).
 */
function dropEmptyMember(result: JsonObject, values: unknown[], report: KeywordReport): void {
  if (!values.includes('')) return;
  const kept = values.filter((value) => value !== '');
  if (kept.length > 0) setField(result, 'enum', kept);
  else delete result['enum'];
  describe(result, kept.length > 0 ? 'May also be empty.' : 'Must be empty.');
  report('compatibility', 'enum.empty', 'Gemini refuses an empty string among enum values; it was left out of the enum and named in the description');
}

/** The node's `enum` values (or its `const`), null aside. */
function valuesOf(schema: JsonObject): unknown[] {
  const listed = 'enum' in schema ? schema['enum'] : [schema['const']];
  return (Array.isArray(listed) ? listed : []).filter((value: unknown) => value !== null);
}

/** The Gemini type every value of the node's `enum` (or `const`) has, null aside; STRING when they differ. */
function typeOfValues(schema: JsonObject): string {
  const values = valuesOf(schema);
  if (values.length > 0 && values.every((value: unknown) => typeof value === 'boolean')) return 'BOOLEAN';
  if (values.length > 0 && values.every((value: unknown) => Number.isInteger(value))) return 'INTEGER';
  if (values.length > 0 && values.every((value: unknown) => typeof value === 'number')) return 'NUMBER';
  return 'STRING';
}

/**
 * The formats Gemini takes for each type; any other is refused ("…properties[links].items.
 * properties[url].format: only 'enum' and 'date-time' are supported for STRING type",
 * https://github.com/google-gemini/gemini-cli/issues/3178). NUMBER and INTEGER take the ones
 * https://ai.google.dev/api/caching#Schema lists. Another format goes into the description.
 */
const formatsByType: Record<string, ReadonlySet<string>> = {
  STRING: new Set(['enum', 'date-time']),
  NUMBER: new Set(['float', 'double']),
  INTEGER: new Set(['int32', 'int64']),
};

export function fitFormat(result: JsonObject, report: KeywordReport): void {
  const format = result['format'];
  if (format === undefined) return;
  const type = result['type'];
  const taken = typeof type === 'string' ? formatsByType[type] : undefined;
  const enumFormat = format === 'enum' && !Array.isArray(result['enum']);
  if (typeof format === 'string' && taken?.has(format) === true && !enumFormat) return;
  delete result['format'];
  if (typeof format === 'string' && format !== 'enum') describe(result, `Format: ${format}.`);
  report('compatibility', 'format', 'Gemini takes few formats ("date-time" for strings); another was put in the description');
}
