import type { JsonSchema } from '../interlingua/tool.js';
import type { Warning } from '../interlingua/warning.js';
import { isRecord } from './is-record.js';

/**
 * A tool's input schema with `type: "object"` at its root, for upstreams that take nothing else.
 * Bedrock Converse refuses any other root, for every model: "The value at
 * toolConfig.tools.0.toolSpec.inputSchema.json.type must be one of the following: object." (Claude
 * 4.5: https://github.com/alibaba/spring-ai-alibaba/issues/3082; a root `oneOf` without `type` on
 * GLM-5: https://github.com/earendil-works/pi/issues/8279; a root `anyOf`:
 * https://github.com/code-yeongyu/senpi/issues/1947). Anthropic's Messages API types `input_schema`
 * as an object schema (https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use),
 * and Claude refuses a root composition even beside `type: "object"`, on its own API and through
 * Bedrock: "tools.24.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the
 * top level" (https://github.com/Hmbown/Codewhale/issues/4329, senpi#1947 above).
 *
 * Tool arguments are a JSON object in every dialect, so a root without `type` (`parameters: {}`, a
 * bare `properties`) means the same with `type: "object"` added, and goes so without a word. A root
 * composition is kept beside the added type where the upstream takes it (`compositions: 'kept'`);
 * where it does not, its branches are merged into one object (a property any branch has, required
 * when every `anyOf`/`oneOf` branch requires it, or any `allOf` one does), which no longer holds the
 * model to one branch, and a warning says so. A root that can describe no object is replaced by an
 * object without properties, with a warning.
 */
export type RootCompositions = 'kept' | 'merged';

const alternatives = ['anyOf', 'oneOf'] as const;
const compositionKeywords = [...alternatives, 'allOf'] as const;

export function objectRootToolSchema(schema: JsonSchema, toolName: string, compositions: RootCompositions, platform: string, warn: (warning: Warning) => void): JsonSchema {
  const composed = compositionKeywords.some((keyword) => Array.isArray(schema[keyword]));
  const type = schema['type'];
  if (type !== undefined && !namesObject(type)) {
    warn({
      type: 'compatibility',
      feature: 'tools.parameters',
      message: `${platform} takes only an object schema for a tool's input, and the schema of "${toolName}" describes no object; it was sent as an object without properties.`,
    });
    return { type: 'object', properties: {} };
  }
  if (!composed || compositions === 'kept') {
    if (type === 'object') return schema;
    const referenced = type === undefined && !composed ? referencedObject(schema, schema) : undefined;
    if (referenced !== undefined) return referenced;
    return { ...schema, type: 'object', ...(composed || isRecord(schema['properties']) ? {} : { properties: {} }) };
  }
  warn({
    type: 'compatibility',
    feature: 'tools.parameters',
    message: `${platform} takes no anyOf, oneOf or allOf at the root of a tool's input schema; the branches of "${toolName}"'s schema were merged into one object, so the model is no longer held to one of them.`,
  });
  return mergedBranches(schema);
}

/** `"object"`, or a list of types holding it (`["object", "null"]`: arguments are never null). */
function namesObject(type: unknown): boolean {
  if (typeof type === 'string') return type.toLowerCase() === 'object';
  return Array.isArray(type) && type.some((entry) => typeof entry === 'string' && entry.toLowerCase() === 'object');
}

/** A schema whose `$ref` points into the root's `$defs` or `definitions` (as Pydantic writes its models), that definition. */
function resolved(schema: Record<string, unknown>, root: JsonSchema): Record<string, unknown> {
  const reference = schema['$ref'];
  if (typeof reference !== 'string') return schema;
  const found = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(reference);
  if (found === null) return schema;
  const definitions = root[found[1]!];
  const definition = isRecord(definitions) && Object.hasOwn(definitions, found[2]!) ? definitions[found[2]!] : undefined;
  return isRecord(definition) ? definition : schema;
}

/** A root that is only a `$ref` to an object definition: that definition at the root, the definitions kept beside it. */
function referencedObject(schema: JsonSchema, root: JsonSchema): JsonSchema | undefined {
  if (typeof schema['$ref'] !== 'string') return undefined;
  const definition = resolved(schema, root);
  if (definition === schema || !namesObject(definition['type'])) return undefined;
  const { $ref: _reference, ...rest } = schema;
  return { ...rest, ...definition, type: 'object' };
}

/** An object branch's properties and required names; a branch that is no object (`{"type": "null"}`) gives none. */
function objectPart(branch: unknown, root: JsonSchema): { properties: Record<string, unknown>; required: string[] } | undefined {
  if (!isRecord(branch)) return undefined;
  const schema = resolved(branch, root);
  if (schema['type'] !== undefined && !namesObject(schema['type'])) return undefined;
  const properties = isRecord(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'].filter((name): name is string => typeof name === 'string') : [];
  return { properties, required };
}

function mergedBranches(schema: JsonSchema): JsonSchema {
  const { anyOf: _anyOf, oneOf: _oneOf, allOf, type: _type, properties: own, required: ownRequired, ...rest } = schema;
  // A Map, so that a property named `__proto__` stays a property.
  const properties = new Map<string, unknown>();
  /** A property two branches give differently may be either. */
  const addProperties = (from: Record<string, unknown>): void => {
    for (const [name, property] of Object.entries(from)) {
      const seen = properties.get(name);
      properties.set(name, seen === undefined || JSON.stringify(seen) === JSON.stringify(property) ? property : { anyOf: [seen, property] });
    }
  };
  const required = new Set<string>();
  // The root's own properties hold beside every branch, as an `allOf` branch's do.
  const always = [{ properties: own, required: ownRequired }, ...(Array.isArray(allOf) ? allOf : [])];
  for (const part of always.map((branch) => objectPart(branch, schema))) {
    if (part === undefined) continue;
    addProperties(part.properties);
    for (const name of part.required) required.add(name);
  }
  for (const keyword of alternatives) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    const parts = branches.map((branch) => objectPart(branch, schema)).filter((part) => part !== undefined);
    for (const part of parts) addProperties(part.properties);
    const [first, ...others] = parts;
    for (const name of first?.required ?? []) if (others.every((part) => part.required.includes(name))) required.add(name);
  }
  return { ...rest, type: 'object', properties: Object.fromEntries(properties), ...(required.size > 0 ? { required: [...required] } : {}) };
}
