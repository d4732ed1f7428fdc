import type { JsonSchema, ToolDefinition } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';

/**
 * A function's parameters as OpenAI takes them, strict or not. Schemas other vendors take are
 * refused there in these shapes, each completed here with what it already meant, without a warning:
 * - `{"type": "object"}` alone at the top, as MCP servers and Anthropic callers describe a tool
 *   without arguments: "Invalid schema for function 'some_tool': In context=(), object schema missing
 *   properties." (https://github.com/langchain-ai/langchain-mcp-adapters/issues/137; gpt-5.4 over Chat and
 *   Responses: https://github.com/caozhiyuan/copilot-api/pull/131) — `properties: {}` added;
 * - an empty schema, or `properties` without a `type`: "schema must be a JSON Schema of 'type: \"object\"',
 *   got 'type: \"None\"'." (https://github.com/ComposioHQ/composio/issues/1829) — `type: "object"`;
 * - an array without `items`, anywhere: "In context=('properties', 'texts'), array schema missing
 *   items." (gpt-4o: https://github.com/mark3labs/mcphost/issues/35; Responses:
 *   https://github.com/garrytan/gbrain/issues/1103), which Anthropic and Gemini take
 *   (https://github.com/langgenius/dify/pull/33137) — `items: {}`, any item.
 * And in two that change what the model is told, with a warning (parametersReshaped):
 * - a union at the top (`anyOf`/`oneOf`/`allOf`, what a zod union or TypeBox `Type.Union` writes):
 *   "schema must be a JSON Schema of 'type: \"object\"', got 'type: \"None\"'." (a `z.union` of objects:
 *   https://github.com/kernl-sdk/kernl/issues/62), and beside `type: "object"` "schema must have type 'object'
 *   and not have 'oneOf'/'anyOf'/'allOf'/'enum'/'const'/'not' at the top level" (gpt-4o and gpt-5.6 on Chat
 *   Completions: https://github.com/BerriAI/litellm/pull/38839; Azure: https://github.com/BerriAI/litellm/pull/38870)
 *   — a union of objects becomes one object with every branch's properties, a property required only
 *   where every branch of `anyOf`/`oneOf` (any branch of `allOf`) requires it;
 * - any other root (`{"type": "string"}`, a union with a branch that is no object) — one object whose
 *   single required property, `input`, is that schema; the model's arguments then come as `{"input": …}`.
 */
export function openaiFunctionParameters(parameters: JsonSchema): JsonSchema {
  if (Object.keys(parameters).length === 0) return { type: 'object', properties: {} };
  const completed = objectRoot(withArrayItems(parameters));
  if (completed['properties'] === undefined) return { ...completed, properties: {} };
  return completed;
}

/** Why a tool's parameters went to OpenAI in another shape than the caller wrote, when they did. */
export function parametersReshaped(tools: readonly ToolDefinition[] | undefined, warnings: Warning[]): void {
  for (const tool of tools ?? []) {
    const reshape = rootReshape(tool.parameters);
    if (reshape === 'merged') {
      warnings.push({
        type: 'compatibility',
        feature: 'tools.parameters',
        message: `OpenAI takes a tool's parameters only as one object; the union at the top of ${tool.name}'s was merged into one object with every branch's properties.`,
      });
    } else if (reshape === 'wrapped') {
      warnings.push({
        type: 'compatibility',
        feature: 'tools.parameters',
        message: `OpenAI takes a tool's parameters only as an object; ${tool.name}'s were sent as its one property "${wrappedProperty}", and the model's arguments come as {"${wrappedProperty}": …}.`,
      });
    }
  }
}

/** The property a root that is no object is sent as. */
const wrappedProperty = 'input';
const unionKeywords = ['anyOf', 'oneOf', 'allOf'] as const;
/** Keywords OpenAI refuses beside an object root, which say nothing once the union is merged. */
const refusedAtRoot = [...unionKeywords, 'enum', 'const', 'not'] as const;

type RootReshape = 'as-is' | 'typed' | 'merged' | 'wrapped';

function rootReshape(schema: JsonSchema): RootReshape {
  if (Object.keys(schema).length === 0) return 'as-is';
  const type = schema['type'];
  const union = unionKeywords.find((keyword) => schema[keyword] !== undefined);
  if (union === undefined) {
    if (type === 'object') return 'as-is';
    // No type and nothing that says another (`properties`, or only annotations): an object is what it meant.
    if (type === undefined && !refusedAtRoot.some((keyword) => schema[keyword] !== undefined)) return 'typed';
    return 'wrapped';
  }
  if (type !== undefined && type !== 'object') return 'wrapped';
  const branches = unionKeywords.flatMap((keyword): unknown[] => {
    const value = schema[keyword];
    if (value === undefined) return [];
    return Array.isArray(value) ? value : [undefined];
  });
  return branches.every((branch) => isSchema(branch) && isObjectSchema(branch)) ? 'merged' : 'wrapped';
}

function isObjectSchema(schema: JsonSchema): boolean {
  return schema['type'] === 'object' || (schema['type'] === undefined && isSchema(schema['properties']) && !unionKeywords.some((keyword) => schema[keyword] !== undefined));
}

function objectRoot(schema: JsonSchema): JsonSchema {
  switch (rootReshape(schema)) {
    case 'as-is':
      return schema;
    case 'typed':
      return { type: 'object', ...schema };
    case 'merged':
      return mergedUnion(schema);
    case 'wrapped':
      return { type: 'object', properties: { [wrappedProperty]: schema }, required: [wrappedProperty] };
  }
}

/** A union of objects as one object: the root's own properties and every branch's, and what all of them require. */
function mergedUnion(schema: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...schema, type: 'object' };
  for (const keyword of refusedAtRoot) delete merged[keyword];
  const properties: JsonSchema = {};
  const define = (name: string, value: unknown): void => {
    // A property may be called anything, `__proto__` included: defined, not assigned.
    Object.defineProperty(properties, name, { value, enumerable: true, writable: true, configurable: true });
  };
  const required = new Set(requiredOf(schema));
  const addProperties = (from: JsonSchema): void => {
    const own = from['properties'];
    if (!isSchema(own)) return;
    for (const [name, value] of Object.entries(own)) {
      const known = Object.prototype.hasOwnProperty.call(properties, name) ? properties[name] : undefined;
      if (known === undefined) define(name, value);
      else if (JSON.stringify(known) !== JSON.stringify(value)) define(name, { anyOf: [known, value] });
    }
  };
  addProperties(schema);
  for (const keyword of unionKeywords) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    const objects = branches.filter(isSchema);
    for (const branch of objects) addProperties(branch);
    const branchRequired = objects.map((branch) => new Set(requiredOf(branch)));
    const byBranch = keyword === 'allOf' ? branchRequired.flatMap((names) => [...names]) : [...(branchRequired[0] ?? [])].filter((name) => branchRequired.every((names) => names.has(name)));
    for (const name of byBranch) required.add(name);
  }
  merged['properties'] = properties;
  if (required.size > 0) merged['required'] = [...required];
  else delete merged['required'];
  return merged;
}

function requiredOf(schema: JsonSchema): string[] {
  const required = schema['required'];
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
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
