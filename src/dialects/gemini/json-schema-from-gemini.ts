/**
 * Gemini `Schema` (an OpenAPI 3.0 subset, https://ai.google.dev/api/caching#Schema) → JSON Schema,
 * the interlingua's form. Gemini types come in either case (`STRING` in the fixtures, `string` from
 * some SDKs) and `nullable: true` stands for a `null` alternative. Keyword names may be snake_case
 * (`any_of`, `max_items`) for the same reason as in wire-schema.ts; property names are left alone.
 */
import type { JsonSchema } from '../../interlingua/tool.js';
import { isJsonObject, setField, type JsonObject } from './json-value.js';

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

/** Past this depth the rest of an (untrusted) schema is kept as it is. */
const maxDepth = 64;

export function geminiSchemaToJsonSchema(schema: JsonObject): JsonSchema {
  return convert(schema, 0);
}

function convert(schema: JsonObject, depth: number): JsonObject {
  if (depth > maxDepth) return schema;
  const result: JsonObject = {};
  let nullable = false;
  for (const [rawKey, value] of Object.entries(schema)) {
    const key = snakeKeywords[rawKey] ?? rawKey;
    if (key === 'type' && typeof value === 'string') {
      const type = value.toLowerCase();
      if (type !== 'type_unspecified') setField(result, 'type', type);
    } else if (key === 'nullable') {
      nullable = value === true;
    } else if (key === 'properties' && isJsonObject(value)) {
      const properties: JsonObject = {};
      for (const [name, property] of Object.entries(value)) {
        setField(properties, name, isJsonObject(property) ? convert(property, depth + 1) : property);
      }
      setField(result, 'properties', properties);
    } else if (key === 'items' && isJsonObject(value)) {
      setField(result, 'items', convert(value, depth + 1));
    } else if (key === 'anyOf' && Array.isArray(value)) {
      setField(result, 'anyOf', value.map((branch: unknown) => (isJsonObject(branch) ? convert(branch, depth + 1) : branch)));
    } else if (key === 'example') {
      setField(result, 'examples', [value]);
    } else if (int64Keywords.has(key) && typeof value === 'string' && /^\d+$/.test(value)) {
      setField(result, key, Number(value));
    } else {
      setField(result, key, value);
    }
  }
  if (nullable) addNull(result);
  return result;
}

/** `nullable: true` as JSON Schema: a `null` member of the type, or a `null` branch of `anyOf`. */
function addNull(schema: JsonObject): void {
  const type = schema['type'];
  const anyOf: unknown = schema['anyOf'];
  if (typeof type === 'string') {
    if (type !== 'null') setField(schema, 'type', [type, 'null']);
  } else if (Array.isArray(anyOf)) {
    setField(schema, 'anyOf', [...anyOf, { type: 'null' }]);
  } else {
    setField(schema, 'nullable', true);
  }
}
