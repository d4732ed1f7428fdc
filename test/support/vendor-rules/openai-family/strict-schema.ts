import { isRecord } from '../rule.js';

/**
 * What OpenAI refuses in a schema sent with `strict: true` (Structured Outputs), or undefined.
 *
 * https://platform.openai.com/docs/guides/structured-outputs#supported-schemas: "all fields must be
 * required" and "additionalProperties: false must always be set in objects". The wording is
 * OpenAI's, from real 400s: "Invalid schema for response_format 'default': In context=(),
 * 'additionalProperties' is required to be supplied and to be false." (github.com/dottxt-ai/outlines/issues/844,
 * nested: "In context=('properties', 'etymology')", github.com/moeru-ai/xsai/issues/202) and
 * "Invalid schema for function 'search': In context=(), 'required' is required to be supplied and
 * to be an array including every key in properties. Missing 'limit'." (github.com/Effect-TS/effect/issues/6009).
 *
 * `owner` is how the message names the schema: `response_format 'name'` or `function 'name'`.
 */
export function strictSchemaViolation(schema: unknown, owner: string): string | undefined {
  const problem = findProblem(schema, []);
  return problem === undefined ? undefined : `Invalid schema for ${owner}: In context=${pythonTuple(problem.context)}, ${problem.text}`;
}

interface SchemaProblem {
  context: string[];
  text: string;
}

function findProblem(schema: unknown, context: string[]): SchemaProblem | undefined {
  if (!isRecord(schema)) return undefined;
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object')) || properties !== undefined;
  if (isObject) {
    if (schema.additionalProperties !== false) return { context, text: "'additionalProperties' is required to be supplied and to be false." };
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = Object.keys(properties ?? {}).find((key) => !required.includes(key));
    if (missing !== undefined) return { context, text: `'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.` };
  }
  for (const [key, value] of Object.entries(properties ?? {})) {
    const found = findProblem(value, [...context, 'properties', key]);
    if (found) return found;
  }
  if (schema.items !== undefined) {
    const found = findProblem(schema.items, [...context, 'items']);
    if (found) return found;
  }
  for (const keyword of ['anyOf', 'allOf'] as const) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    for (const [index, branch] of branches.entries()) {
      const found = findProblem(branch, [...context, keyword, String(index)]);
      if (found) return found;
    }
  }
  for (const keyword of ['$defs', 'definitions'] as const) {
    const definitions = schema[keyword];
    if (!isRecord(definitions)) continue;
    for (const [name, definition] of Object.entries(definitions)) {
      const found = findProblem(definition, [...context, keyword, name]);
      if (found) return found;
    }
  }
  return undefined;
}

/** `()`, `('items',)`, `('properties', 'a')`: the context as the Python tuple OpenAI prints. */
export function pythonTuple(parts: readonly string[]): string {
  if (parts.length === 0) return '()';
  const quoted = parts.map((part) => `'${part}'`);
  return quoted.length === 1 ? `(${quoted[0]},)` : `(${quoted.join(', ')})`;
}
