/**
 * Tool parameters Ollama can decode. Its server binds each entry of `properties` (and of a
 * property's `properties` and `anyOf`) into Go's `api.ToolProperty` struct
 * (https://github.com/ollama/ollama/blob/main/api/types.go), so anything but an object there fails
 * the whole request before the model sees it: "json: cannot unmarshal string into Go struct field
 * ToolFunctionParameters.tools.function.parameters.properties of type api.ToolProperty"
 * (https://github.com/ollama/ollama/issues/14256). JSON Schema also allows a boolean there, and
 * schema generators write one: schemars writes `true` for a `serde_json::Value` field. `true` takes
 * any value, as `{}` does, so it is sent as `{}`; a property that is `false` can never be given,
 * so it is left out (and out of `required`); an `anyOf` branch that is `false` matches nothing
 * and goes too. `items` (which Go decodes as `any`) is walked too, so a nested `true` reads as `{}` everywhere.
 *
 * A ToolProperty's `type` is `PropertyType`, whose UnmarshalJSON takes a string or a list of strings
 * and fails the request on anything else (api/types.go), as "json: cannot unmarshal object into Go
 * struct field … of type []string". A `type` of another shape (a nested schema object, a number) is
 * no JSON Schema type; it is left out, so the property takes any value, and a list keeps its strings.
 */
import type { JsonSchema } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { isRecord } from '../../core/is-record.js';

type Found = { changed: boolean; typeChanged: boolean };

export function fitToolParameters(parameters: JsonSchema, tool: string, warnings: Warning[]): JsonSchema {
  const found: Found = { changed: false, typeChanged: false };
  const fitted = fitNode(parameters, found, 0, true);
  if (found.changed) {
    warnings.push({
      type: 'compatibility',
      feature: 'json_schema.boolean_schema',
      message: 'Ollama takes no boolean schema for a property: `true` was sent as {}, and a property that is `false` was left out.',
      tool,
    });
  }
  if (found.typeChanged) {
    warnings.push({
      type: 'compatibility',
      feature: 'json_schema.type',
      message: "Ollama takes a property's type only as a string or a list of strings: a type of another shape was left out, so that property takes any value, and a list kept only its strings.",
      tool,
    });
  }
  return found.changed || found.typeChanged ? fitted : parameters;
}

/** Deeper than this, a schema is passed on as it is (a bound on untrusted input). */
const maxDepth = 64;

/** `typed`: the node's properties and anyOf branches are Go ToolProperty values (not so under `items`, which Go decodes as `any`). */
function fitNode(node: JsonSchema, found: Found, depth: number, typed: boolean): JsonSchema {
  if (depth > maxDepth) return node;
  const fitted: JsonSchema = { ...node };
  const properties = node['properties'];
  if (isRecord(properties)) {
    const kept: Array<[string, unknown]> = [];
    const dropped = new Set<string>();
    for (const [name, property] of Object.entries(properties)) {
      const value = fitSubschema(property, found, depth, typed);
      if (value === undefined) dropped.add(name);
      else kept.push([name, value]);
    }
    fitted['properties'] = Object.fromEntries(kept);
    const required = node['required'];
    if (dropped.size > 0 && Array.isArray(required)) fitted['required'] = required.filter((name) => typeof name !== 'string' || !dropped.has(name));
  }
  const anyOf = node['anyOf'];
  if (Array.isArray(anyOf)) {
    fitted['anyOf'] = anyOf.flatMap((branch) => {
      const value = fitSubschema(branch, found, depth, typed);
      return value === undefined ? [] : [value];
    });
  }
  const items = node['items'];
  // Go decodes `items` as `any`, so `false` (an array that must be empty) stays as it is.
  if (items === true || isRecord(items)) fitted['items'] = fitSubschema(items, found, depth, false);
  return fitted;
}

/**
 * A subschema as Ollama decodes it: `true` → `{}`, `false` → undefined (left out), an object fitted
 * within, and, where it is a ToolProperty, its `type` fitted to a string or a list of strings.
 */
function fitSubschema(value: unknown, found: Found, depth: number, typed: boolean): unknown {
  if (value === true) {
    found.changed = true;
    return {};
  }
  if (value === false) {
    found.changed = true;
    return undefined;
  }
  if (!isRecord(value)) return value;
  const fitted = fitNode(value, found, depth + 1, typed);
  return typed ? withPropertyType(fitted, found) : fitted;
}

/** `null` decodes as no type (Go's json.Unmarshal leaves the string empty), so it stays. */
function withPropertyType(node: JsonSchema, found: Found): JsonSchema {
  const type = node['type'];
  if (type === undefined || type === null || typeof type === 'string') return node;
  if (Array.isArray(type) && type.every((entry) => typeof entry === 'string')) return node;
  found.typeChanged = true;
  const { type: _refused, ...rest } = node;
  const names = Array.isArray(type) ? type.filter((entry) => typeof entry === 'string') : [];
  return names.length > 0 ? { ...rest, type: names } : rest;
}
