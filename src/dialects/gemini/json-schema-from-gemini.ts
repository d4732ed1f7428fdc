/**
 * Gemini schemas → JSON Schema, the interlingua's form, in one place for every field that holds a
 * schema: `parameters` and `responseSchema` (Gemini `Schema`, an OpenAPI 3.0 subset,
 * https://ai.google.dev/api/caching#Schema) and `parametersJsonSchema` and `responseJsonSchema`
 * (JSON Schema, https://ai.google.dev/api/caching#FunctionDeclaration and
 * https://ai.google.dev/api/generate-content#GenerationConfig).
 *
 * Gemini's `Type` enum is upper case (TYPE_UNSPECIFIED, STRING, NUMBER, INTEGER, BOOLEAN, ARRAY,
 * OBJECT, NULL: https://ai.google.dev/api/caching#Type), and callers built on @google/genai (Gemini CLI
 * among them, with `Type.OBJECT`) write those names into the JSON Schema fields too; `nullable: true`
 * stands for a `null` alternative. OpenAI and Anthropic refuse both, so every schema leaves here with
 * lower-case types and `null` as a type member or an `anyOf` branch. Only the `Schema` flavour takes
 * snake_case keywords (`any_of`, `max_items`, as in wire-schema.ts), int64 strings and `example`;
 * property names are left alone.
 */
import type { JsonSchema } from '../../interlingua/tool.js';
import { isJsonObject, setField, type JsonObject } from './json-value.js';

/** `schema`: Gemini's OpenAPI-style `Schema`; `json-schema`: the `*JsonSchema` fields. */
export type GeminiSchemaFlavour = 'schema' | 'json-schema';

const snakeKeywords: Record<string, string> = {
  any_of: 'anyOf',
  property_ordering: 'propertyOrdering',
  max_items: 'maxItems',
  min_items: 'minItems',
  max_length: 'maxLength',
  min_length: 'minLength',
  max_properties: 'maxProperties',
  min_properties: 'minProperties',
};

/** int64 fields arrive as JSON strings in Google's JSON mapping ("maxItems": "3"). */
const int64Keywords = new Set(['maxItems', 'minItems', 'maxLength', 'minLength', 'maxProperties', 'minProperties']);

/** The names of Gemini's `Type` enum that JSON Schema spells in lower case. */
const typeNames = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);

/** Keywords whose value is one schema, a list of schemas, or a map of name → schema (JSON Schema 2020-12 and draft 7). */
const schemaKeywords = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalItems', 'unevaluatedItems', 'unevaluatedProperties']);
const schemaListKeywords = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems', 'items']);
const schemaMapKeywords = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** Past this depth the rest of an (untrusted) schema is kept as it is. */
const maxDepth = 64;

export function geminiSchemaToJsonSchema(schema: JsonObject, flavour: GeminiSchemaFlavour = 'schema'): JsonSchema {
  return convert(schema, flavour, 0);
}

function convert(schema: JsonObject, flavour: GeminiSchemaFlavour, depth: number): JsonObject {
  if (depth > maxDepth) return schema;
  const result: JsonObject = {};
  const child = (value: unknown): unknown => (isJsonObject(value) ? convert(value, flavour, depth + 1) : value);
  let nullable = false;
  for (const [rawKey, value] of Object.entries(schema)) {
    const key = flavour === 'schema' ? (snakeKeywords[rawKey] ?? rawKey) : rawKey;
    if (key === 'type') {
      const type = typeName(value);
      if (type !== undefined) setField(result, 'type', type);
    } else if (key === 'nullable' && typeof value === 'boolean') {
      nullable = value;
    } else if (schemaMapKeywords.has(key) && isJsonObject(value)) {
      const members: JsonObject = {};
      for (const [name, member] of Object.entries(value)) setField(members, name, child(member));
      setField(result, key, members);
    } else if (schemaListKeywords.has(key) && Array.isArray(value)) {
      setField(result, key, value.map(child));
    } else if (schemaKeywords.has(key)) {
      setField(result, key, child(value));
    } else if (flavour === 'schema' && key === 'example') {
      setField(result, 'examples', [value]);
    } else if (flavour === 'schema' && int64Keywords.has(key) && typeof value === 'string' && /^\d+$/.test(value)) {
      setField(result, key, Number(value));
    } else {
      setField(result, key, value);
    }
  }
  if (nullable) addNull(result);
  return result;
}

/** `OBJECT` → `object`, also inside a type list; TYPE_UNSPECIFIED means no type; unknown names stay as sent. */
function typeName(value: unknown): unknown {
  const one = (name: unknown): unknown => {
    if (typeof name !== 'string') return name;
    const lower = name.toLowerCase();
    if (lower === 'type_unspecified') return undefined;
    return typeNames.has(lower) ? lower : name;
  };
  if (Array.isArray(value)) return value.map(one).filter((name) => name !== undefined);
  return one(value);
}

/**
 * `nullable: true` as JSON Schema: a `null` member of the type, or a `null` branch of `anyOf`; an
 * `enum` takes `null` among its values too, since JSON Schema holds a value to the type and the
 * enum both ("Indicates if the value may be null", https://ai.google.dev/api/caching#Schema).
 */
function addNull(schema: JsonObject): void {
  const type = schema['type'];
  const anyOf: unknown = schema['anyOf'];
  const values: unknown = schema['enum'];
  if (Array.isArray(values) && !values.includes(null)) setField(schema, 'enum', [...values, null]);
  if (typeof type === 'string') {
    if (type !== 'null') setField(schema, 'type', [type, 'null']);
  } else if (Array.isArray(type)) {
    if (!type.includes('null')) setField(schema, 'type', [...type, 'null']);
  } else if (Array.isArray(anyOf)) {
    setField(schema, 'anyOf', [...anyOf, { type: 'null' }]);
  } else {
    setField(schema, 'nullable', true);
  }
}
