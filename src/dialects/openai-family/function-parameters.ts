import type { JsonSchema } from '../../interlingua/tool.js';

/**
 * A function's parameters as OpenAI takes them, strict or not. Schemas other vendors take are
 * refused there in three shapes, each completed here with what it already meant, without a warning:
 * - `{"type": "object"}` alone at the top, as MCP servers and Anthropic callers describe a tool
 *   without arguments: "Invalid schema for function 'some_tool': In context=(), object schema missing
 *   properties." (https://github.com/langchain-ai/langchain-mcp-adapters/issues/137; gpt-5.4 over Chat and
 *   Responses: https://github.com/caozhiyuan/copilot-api/pull/131) — `properties: {}` added;
 * - an empty schema: "schema must be a JSON Schema of 'type: \"object\"', got 'type: \"None\"'."
 *   (https://github.com/ComposioHQ/composio/issues/1829) — an object of any properties;
 * - an array without `items`, anywhere: "In context=('properties', 'texts'), array schema missing
 *   items." (gpt-4o: https://github.com/mark3labs/mcphost/issues/35; Responses:
 *   https://github.com/garrytan/gbrain/issues/1103), which Anthropic and Gemini take
 *   (https://github.com/langgenius/dify/pull/33137) — `items: {}`, any item.
 */
export function openaiFunctionParameters(parameters: JsonSchema): JsonSchema {
  if (Object.keys(parameters).length === 0) return { type: 'object', properties: {} };
  const completed = withArrayItems(parameters);
  if (completed['type'] === 'object' && completed['properties'] === undefined) return { ...completed, properties: {} };
  return completed;
}

/** Keywords whose value is a schema, and those whose value is a list or a map of schemas. */
const schemaKeywords = ['items', 'additionalProperties', 'not'] as const;
const schemaListKeywords = ['anyOf', 'allOf', 'oneOf', 'prefixItems'] as const;
const schemaMapKeywords = ['properties', '$defs', 'definitions'] as const;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isArraySchema(schema: JsonSchema): boolean {
  const type = schema['type'];
  return type === 'array' || (Array.isArray(type) && type.includes('array'));
}

/** The schema with `items: {}` on every array node that has none; the same object where none lacks it. */
function withArrayItems(schema: JsonSchema): JsonSchema {
  let copy: JsonSchema | undefined;
  const set = (key: string, value: unknown): void => {
    copy ??= { ...schema };
    copy[key] = value;
  };
  if (isArraySchema(schema) && schema['items'] === undefined) set('items', {});
  for (const keyword of schemaKeywords) {
    const value = schema[keyword];
    if (!isSchema(value)) continue;
    const completed = withArrayItems(value);
    if (completed !== value) set(keyword, completed);
  }
  for (const keyword of schemaListKeywords) {
    const value = schema[keyword];
    if (!Array.isArray(value)) continue;
    const completed = value.map((item: unknown) => (isSchema(item) ? withArrayItems(item) : item));
    if (completed.some((item, index) => item !== value[index])) set(keyword, completed);
  }
  for (const keyword of schemaMapKeywords) {
    const value = schema[keyword];
    if (!isSchema(value)) continue;
    let map: JsonSchema | undefined;
    for (const [name, member] of Object.entries(value)) {
      if (!isSchema(member)) continue;
      const completed = withArrayItems(member);
      if (completed === member) continue;
      map ??= { ...value };
      // A property may be called anything, `__proto__` included: defined, not assigned.
      Object.defineProperty(map, name, { value: completed, enumerable: true, writable: true, configurable: true });
    }
    if (map !== undefined) set(keyword, map);
  }
  return copy ?? schema;
}
