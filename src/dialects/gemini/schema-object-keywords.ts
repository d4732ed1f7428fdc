/**
 * `properties` and `required` belong to objects in Gemini's `Schema`: "properties: Optional.
 * Properties of Type.OBJECT." and "required: Optional. Required properties of Type.OBJECT."
 * (https://ai.google.dev/api/caching#Schema). On any other node, an untyped one included, the whole
 * request is refused: "* GenerateContentRequest.tools[0].function_declarations[80].parameters.
 * properties[data].properties: only allowed for OBJECT type" (a Notion MCP tool,
 * https://github.com/anomalyco/opencode/pull/11888). JSON Schema reads both only of objects, so on
 * a node of another type they say nothing and go; an untyped node that has them means an object.
 */
import type { JsonObject } from './json-value.js';
import { isJsonObject, setField } from './json-value.js';
import { describe, type KeywordReport } from './schema-node-fit.js';

export function fitObjectKeywords(result: JsonObject, report: KeywordReport): void {
  if (!('properties' in result) && !('required' in result)) return;
  const branches = result['anyOf'];
  if (result['type'] === undefined && !Array.isArray(branches)) {
    setField(result, 'type', 'OBJECT');
    return;
  }
  if (result['type'] === 'OBJECT') return;
  const { properties, required } = result;
  delete result['properties'];
  delete result['required'];
  // A choice of types: they still hold for the objects among it.
  if (result['type'] === undefined && Array.isArray(branches)) {
    for (const branch of branches) if (isJsonObject(branch) && branch['type'] === 'OBJECT') withObjectKeywords(branch, properties, required);
  }
  report('compatibility', 'properties.type', 'Gemini takes "properties" and "required" on objects only; on a schema of another type, where they constrain nothing, they were left out');
}

function withObjectKeywords(branch: JsonObject, properties: unknown, required: unknown): void {
  const own = branch['properties'];
  if (isJsonObject(properties)) setField(branch, 'properties', { ...properties, ...(isJsonObject(own) ? own : {}) });
  const ownRequired = branch['required'];
  if (!Array.isArray(required)) return;
  const names = [...new Set([...required, ...(Array.isArray(ownRequired) ? ownRequired : [])])];
  setField(branch, 'required', names);
  // A required name needs a property (json-schema-to-gemini.ts, declareRequired): the empty schema takes any value.
  const declared = isJsonObject(branch['properties']) ? branch['properties'] : {};
  for (const name of names) if (typeof name === 'string' && !Object.hasOwn(declared, name)) setField(declared, name, {});
  setField(branch, 'properties', declared);
}

/**
 * "At least one of these": `anyOf` (or `oneOf`) branches that each only list `required` names
 * (Home Assistant's and many MCP servers' tools). Such a branch is an untyped node carrying
 * `required`, which Gemini refuses (fitObjectKeywords), and a branch typed OBJECT would have to
 * repeat the properties; Gemini has no way to say it. Returns the names of each branch, or
 * undefined when the branches say anything else.
 */
export function requiredAlternatives(branches: unknown): string[][] | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const alternatives: string[][] = [];
  for (const branch of branches) {
    if (!isJsonObject(branch) || Object.keys(branch).some((key) => key !== 'required')) return undefined;
    const names = branch['required'];
    if (!Array.isArray(names) || names.length === 0 || !names.every((name): name is string => typeof name === 'string')) return undefined;
    alternatives.push(names);
  }
  return alternatives;
}

/** The constraint goes into the object's description, so the model still reads it. */
export function describeRequiredAlternatives(result: JsonObject, alternatives: readonly string[][], exactlyOne: boolean, report: KeywordReport): void {
  const listed = alternatives.map((names) => names.join(' and ')).join('; ');
  describe(result, `${exactlyOne ? 'Give exactly one of' : 'Give at least one of'}: ${listed}.`);
  report('compatibility', 'anyOf.required', 'Gemini cannot say that one of several sets of properties is required; the choice was put in the description');
}
