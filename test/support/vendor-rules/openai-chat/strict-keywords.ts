import { isRecord } from '../rule.js';
import { pythonTuple } from '../openai-family/strict-schema.js';

/**
 * Strict mode refuses keywords outside its subset by name, as a real 400 shows: "Invalid schema for
 * response_format 'BlocksDTO': In context=('properties', 'placeholder'), 'default' is not
 * permitted." (zenn.dev/nicopin/scraps/a8d8f53f5faebb). The judge refuses those known to be
 * refused: `default` (above), `propertyNames` (github.com/vercel-labs/json-render/issues/180),
 * `uniqueItems` (github.com/mastra-ai/mastra/issues/23321), and the structured-outputs guide's "not
 * yet supported" composition, object and array keywords
 * (platform.openai.com/docs/guides/structured-outputs#supported-schemas). A keyword no source
 * settles is let through.
 * OpenAI's own rule, not a compatible vendor's: checked by the OpenAI-only rules in tools.ts.
 */
const refused = new Set([
  'default', 'propertyNames', 'uniqueItems', 'allOf', 'not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas',
  'patternProperties', 'unevaluatedProperties', 'minProperties', 'maxProperties', 'unevaluatedItems', 'contains', 'minContains', 'maxContains',
]);

export function strictKeywordViolation(schema: unknown, owner: string): string | undefined {
  const found = findKeyword(schema, []);
  return found === undefined ? undefined : `Invalid schema for ${owner}: In context=${pythonTuple(found.context)}, '${found.keyword}' is not permitted.`;
}

function findKeyword(schema: unknown, context: string[]): { context: string[]; keyword: string } | undefined {
  if (!isRecord(schema)) return undefined;
  const keyword = Object.keys(schema).find((key) => refused.has(key));
  if (keyword !== undefined) return { context, keyword };
  const children: Array<[unknown, string[]]> = [];
  if (isRecord(schema.properties)) for (const [key, value] of Object.entries(schema.properties)) children.push([value, [...context, 'properties', key]]);
  if (schema.items !== undefined) children.push([schema.items, [...context, 'items']]);
  if (Array.isArray(schema.anyOf)) schema.anyOf.forEach((branch, index) => children.push([branch, [...context, 'anyOf', String(index)]]));
  for (const defs of ['$defs', 'definitions'] as const) {
    const definitions = schema[defs];
    if (isRecord(definitions)) for (const [name, value] of Object.entries(definitions)) children.push([value, [...context, defs, name]]);
  }
  for (const [child, at] of children) {
    const found = findKeyword(child, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A strict function whose parameters use a keyword strict mode refuses, as OpenAI words it. */
export function strictToolKeywordProblem(body: unknown): string | undefined {
  const tools = isRecord(body) && Array.isArray(body.tools) ? body.tools : [];
  for (const tool of tools) {
    if (!isRecord(tool) || !isRecord(tool.function) || tool.function.strict !== true) continue;
    const problem = strictKeywordViolation(tool.function.parameters, `function '${String(tool.function.name)}'`);
    if (problem) return problem;
  }
  return undefined;
}

/** A strict `json_schema` response format whose schema uses a keyword strict mode refuses. */
export function strictFormatKeywordProblem(body: unknown): string | undefined {
  if (!isRecord(body) || !isRecord(body.response_format) || !isRecord(body.response_format.json_schema)) return undefined;
  const jsonSchema = body.response_format.json_schema;
  return jsonSchema.strict === true ? strictKeywordViolation(jsonSchema.schema, `response_format '${String(jsonSchema.name)}'`) : undefined;
}
