/**
 * OpenAI's strict mode (Structured Outputs, for a `json_schema` response format and for a strict
 * function) takes only a subset of JSON Schema and refuses the request otherwise
 * (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas; strict functions:
 * https://platform.openai.com/docs/guides/function-calling#strict-mode):
 * - "additionalProperties: false must always be set in objects" — refused as "In context=(),
 *   'additionalProperties' is required to be supplied and to be false." (github.com/dottxt-ai/outlines/issues/844);
 * - "all fields must be required" — "'required' is required to be supplied and to be an array
 *   including every key in properties. Missing 'limit'." (github.com/Effect-TS/effect/issues/6009);
 * - keywords outside its subset are refused by name, e.g. "In context=('properties',
 *   'placeholder'), 'default' is not permitted." (zenn.dev/nicopin/scraps/a8d8f53f5faebb):
 *   those known to be refused are listed below;
 * - the root is an object (the guide's root-object rule; a union at the top is refused).
 * A strict flag from another dialect (Anthropic's `strict`, Gemini's schema) on a schema outside
 * the subset is therefore sent without strict, with a warning, rather than refused.
 */
import type { Warning } from '../../interlingua/warning.js';
import { isRecord } from '../../core/is-record.js';

/**
 * Keywords strict mode refuses by name. A deny-list, not the guide's list of what it takes: a
 * schema that only holds a keyword this list lacks is sent strict, as the caller wrote it, and
 * OpenAI judges it (as it did before this check), while one that holds a keyword on the list is
 * known to be refused. Refused with a 400: `default` ("'default' is not permitted",
 * zenn.dev/nicopin/scraps/a8d8f53f5faebb), `propertyNames` (github.com/vercel-labs/json-render/issues/180),
 * `uniqueItems` (github.com/mastra-ai/mastra/issues/23321); the guide's "not yet supported"
 * keywords: composition (`allOf`, `not`, `if`/`then`/`else`, `dependentRequired`,
 * `dependentSchemas`), objects (`patternProperties`, `unevaluatedProperties`, `minProperties`,
 * `maxProperties`) and arrays (`unevaluatedItems`, `contains`, `minContains`, `maxContains`).
 */
export const refusedStrictKeywords: ReadonlySet<string> = new Set([
  'default',
  'propertyNames',
  'uniqueItems',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
  'patternProperties',
  'unevaluatedProperties',
  'minProperties',
  'maxProperties',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
]);

/** Why OpenAI would refuse `schema` in strict mode, or undefined when it takes it. */
export function strictSchemaProblem(schema: unknown): string | undefined {
  if (!isRecord(schema) || !isObjectSchema(schema)) return 'its root is not an object';
  return nodeProblem(schema, 'the root');
}

/**
 * `true` when the caller asked for strict and OpenAI takes the schema so; otherwise the flag as
 * it was, or `false` with a warning naming what OpenAI would refuse.
 */
export function fittedStrict(strict: boolean | undefined, schema: unknown, owner: string, feature: string, warnings: Warning[]): boolean | undefined {
  if (strict !== true) return strict;
  const problem = strictSchemaProblem(schema);
  if (problem === undefined) return true;
  warnings.push({
    type: 'compatibility',
    feature,
    message: `OpenAI takes strict mode only for schemas in its Structured Outputs subset; ${owner} was sent without strict, because ${problem}.`,
  });
  return false;
}

function nodeProblem(node: unknown, where: string): string | undefined {
  if (typeof node === 'boolean') return undefined;
  if (!isRecord(node)) return `${where} is not a schema`;
  const refused = Object.keys(node).find((keyword) => refusedStrictKeywords.has(keyword));
  if (refused !== undefined) return `"${refused}" at ${where} is a keyword strict mode refuses`;
  const properties = isRecord(node['properties']) ? node['properties'] : undefined;
  if (isObjectSchema(node)) {
    if (node['additionalProperties'] !== false) return `the object at ${where} does not set additionalProperties: false`;
    // A Set: a schema of many properties is checked in linear time, not one scan of `required` per property.
    const required = new Set<unknown>(Array.isArray(node['required']) ? node['required'] : []);
    const optional = Object.keys(properties ?? {}).find((key) => !required.has(key));
    if (optional !== undefined) return `property "${optional}" at ${where} is not required`;
  }
  for (const [key, value] of Object.entries(properties ?? {})) {
    const found = nodeProblem(value, `${where}.properties.${key}`);
    if (found !== undefined) return found;
  }
  if (node['items'] !== undefined) {
    const found = nodeProblem(node['items'], `${where}.items`);
    if (found !== undefined) return found;
  }
  const branches = node['anyOf'];
  if (Array.isArray(branches)) {
    for (const [index, branch] of branches.entries()) {
      const found = nodeProblem(branch, `${where}.anyOf[${index}]`);
      if (found !== undefined) return found;
    }
  }
  for (const keyword of ['$defs', 'definitions']) {
    const definitions = node[keyword];
    if (!isRecord(definitions)) continue;
    for (const [name, definition] of Object.entries(definitions)) {
      const found = nodeProblem(definition, `${where}.${keyword}.${name}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function isObjectSchema(node: Record<string, unknown>): boolean {
  const type = node['type'];
  return type === 'object' || (Array.isArray(type) && type.includes('object')) || isRecord(node['properties']);
}
