import { isRecord } from '../rule.js';
import { snakeCase } from './wire.js';

/**
 * Gemini's `Schema` (`parameters`, `responseSchema`): "a select subset of an OpenAPI 3.0 schema
 * object" (https://ai.google.dev/api/caching#Schema), a proto message, so any other keyword is an
 * unknown field. Reports in the wild: `$schema`, `additionalProperties`, `const`,
 * `exclusiveMinimum`, `propertyNames` (https://github.com/openswarm-ai/openswarm/issues/24),
 * `multipleOf` (https://github.com/decolua/9router/issues/2309). A JSON Schema `type` list is
 * refused as "Proto field is not repeating, cannot start list."
 * (https://discuss.ai.google.dev/t/responseschema-and-json-schema-specs-of-type-as-array/61211).
 * `parametersJsonSchema` / `responseJsonSchema` take JSON Schema and are not walked here.
 */
const schemaFields = [
  'type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'properties', 'required', 'minProperties',
  'maxProperties', 'minLength', 'maxLength', 'pattern', 'example', 'anyOf', 'propertyOrdering', 'default', 'items', 'minimum', 'maximum',
];
const knownNames = new Set(schemaFields.flatMap((name) => [name, snakeCase(name)]));

/** The first problem in `schema` at proto path `path`, worded as Google words it, or undefined. */
export function schemaProblem(schema: unknown, path: string): string | undefined {
  if (!isRecord(schema)) return undefined;
  for (const [name, value] of Object.entries(schema)) {
    if (!knownNames.has(name)) return `Invalid JSON payload received. Unknown name "${name}" at '${path}': Cannot find field.`;
    if (name === 'type' && Array.isArray(value)) return `Invalid JSON payload received. Unknown name "type" at '${path}': Proto field is not repeating, cannot start list.`;
  }
  const properties = schema['properties'];
  if (isRecord(properties)) {
    for (const [index, property] of Object.values(properties).entries()) {
      const problem = schemaProblem(property, `${path}.properties[${index}].value`);
      if (problem !== undefined) return problem;
    }
  }
  const problem = schemaProblem(schema['items'], `${path}.items`);
  if (problem !== undefined) return problem;
  const anyOf = schema['anyOf'] ?? schema['any_of'];
  if (Array.isArray(anyOf)) {
    for (const [index, branch] of anyOf.entries()) {
      const branchProblem = schemaProblem(branch, `${path}.any_of[${index}]`);
      if (branchProblem !== undefined) return branchProblem;
    }
  }
  return undefined;
}

/**
 * The first finding of `check` on `schema` or any schema within it (properties, items, any_of), each
 * named by the path Google's validation gives it (`properties[name]`, `any_of[i]`).
 */
function firstInSchema(schema: unknown, path: string, check: (node: Record<string, unknown>, path: string) => string | undefined): string | undefined {
  if (!isRecord(schema)) return undefined;
  const own = check(schema, path);
  if (own !== undefined) return own;
  const properties = schema['properties'];
  if (isRecord(properties)) {
    for (const [name, property] of Object.entries(properties)) {
      const found = firstInSchema(property, `${path}.properties[${name}]`, check);
      if (found !== undefined) return found;
    }
  }
  const items = firstInSchema(schema['items'], `${path}.items`, check);
  if (items !== undefined) return items;
  const anyOf = schema['anyOf'] ?? schema['any_of'];
  if (!Array.isArray(anyOf)) return undefined;
  for (const [index, branch] of anyOf.entries()) {
    const found = firstInSchema(branch, `${path}.any_of[${index}]`, check);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The path of the first ARRAY without `items`. JSON Schema takes a bare `{"type": "array"}`, which MCP
 * servers' tools often declare; Gemini refuses it: "* GenerateContentRequest.tools[0].
 * function_declarations[325].parameters.properties[params].items: missing field." (a Claude Code
 * session routed to Gemini, https://github.com/router-for-me/CLIProxyAPI/issues/5292; the same in
 * https://github.com/cline/cline/issues/7926), and within `any_of` (https://github.com/AstrBotDevs/AstrBot/pull/6312).
 */
export function arrayWithoutItems(schema: unknown, path: string): string | undefined {
  return firstInSchema(schema, path, (node, at) => (String(node['type']).toUpperCase() === 'ARRAY' && node['items'] === undefined ? `${at}.items` : undefined));
}

/**
 * The path of the first name in a `required` list that its `properties` do not declare: "*
 * GenerateContentRequest.tools[0].function_declarations[1].parameters.required[0]: property is not
 * defined" (recorded in https://github.com/iBUHub/AIStudioToAPI/issues/154, `required: ["ref"]` with
 * `properties: {}`).
 */
export function undeclaredRequired(schema: unknown, path: string): string | undefined {
  return firstInSchema(schema, path, (node, at) => {
    const properties = isRecord(node['properties']) ? node['properties'] : {};
    const required = node['required'];
    const index = Array.isArray(required) ? required.findIndex((name) => typeof name !== 'string' || !Object.hasOwn(properties, name)) : -1;
    return index === -1 ? undefined : `${at}.required[${index}]`;
  });
}

/**
 * The path of the first `enum` on a node that is not STRING: "* GenerateContentRequest.tools[0].
 * function_declarations[11].parameters.properties[accountability].enum: only allowed for STRING type"
 * (recorded in https://github.com/directus/directus/issues/27100; an enum without a type in
 * https://github.com/decolua/9router/issues/359).
 */
export function enumNotOnString(schema: unknown, path: string): string | undefined {
  return firstInSchema(schema, path, (node, at) => (node['enum'] !== undefined && String(node['type']).toUpperCase() !== 'STRING' ? `${at}.enum` : undefined));
}

/**
 * The path of the first empty string among an `enum`'s values: "* GenerateContentRequest.tools[6].
 * function_declarations[0].parameters.properties[action].enum[3]: cannot be empty" (recorded in
 * https://github.com/sbroenne/mcp-server-excel/issues/607; within `items` in
 * https://github.com/Smana/runlore/pull/40, `enum[0]` in https://github.com/FMXExpress/PasClaw/pull/294).
 */
export function emptyEnumMember(schema: unknown, path: string): string | undefined {
  return firstInSchema(schema, path, (node, at) => {
    const values = node['enum'];
    const index = Array.isArray(values) ? values.indexOf('') : -1;
    return index === -1 ? undefined : `${at}.enum[${index}]`;
  });
}

/**
 * The path of the first STRING `format` other than `enum` and `date-time`: "* GenerateContentRequest.
 * tools[0].function_declarations[93].parameters.properties[links].items.properties[url].format: only
 * 'enum' and 'date-time' are supported for STRING type" (recorded in https://github.com/google-gemini/gemini-cli/issues/3178).
 */
export function unsupportedStringFormat(schema: unknown, path: string): string | undefined {
  return firstInSchema(schema, path, (node, at) => {
    const format = node['format'];
    return String(node['type']).toUpperCase() === 'STRING' && format !== undefined && format !== 'enum' && format !== 'date-time' ? `${at}.format` : undefined;
  });
}

/**
 * The path of the first OBJECT without properties, the schema itself included: "*
 * GenerateContentRequest.tools[0].function_declarations[1].parameters.properties: should be non-empty
 * for OBJECT type" (recorded in https://github.com/HKUDS/AutoAgent/issues/7 and
 * https://github.com/pipecat-ai/pipecat-flows/issues/110), and within it "…response_schema.properties[\"action\"].
 * items.any_of[3].properties[\"go_back\"].properties: should be non-empty for OBJECT type"
 * (https://github.com/browser-use/browser-use/issues/3786).
 */
export function objectWithoutProperties(schema: unknown, path: string): string | undefined {
  return firstInSchema(schema, path, (node, at) => {
    const properties = node['properties'];
    const empty = !isRecord(properties) || Object.keys(properties).length === 0;
    return String(node['type']).toUpperCase() === 'OBJECT' && empty ? `${at}.properties` : undefined;
  });
}

/**
 * The path of the first `properties` or `required` on a node that is not OBJECT, an untyped one
 * included: "properties: Optional. Properties of Type.OBJECT." and "required: Optional. Required
 * properties of Type.OBJECT." (https://ai.google.dev/api/caching#Schema), refused as "*
 * GenerateContentRequest.tools[0].function_declarations[80].parameters.properties[data].properties:
 * only allowed for OBJECT type" (recorded in https://github.com/anomalyco/opencode/pull/11888, a
 * Notion MCP tool). An empty list or map is no field in Google's proto form and is not judged.
 */
export function objectKeywordOnOtherType(schema: unknown, path: string): string | undefined {
  return firstInSchema(schema, path, (node, at) => {
    if (String(node['type']).toUpperCase() === 'OBJECT') return undefined;
    const properties = node['properties'];
    if (isRecord(properties) && Object.keys(properties).length > 0) return `${at}.properties`;
    const required = node['required'];
    return Array.isArray(required) && required.length > 0 ? `${at}.required` : undefined;
  });
}
