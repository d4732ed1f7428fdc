/**
 * Anthropic Messages: the schema of structured output (`output_config.format`, or the beta
 * `output_format`), which Anthropic compiles into a grammar and so takes only a subset of JSON
 * Schema (https://platform.claude.com/docs/en/build-with-claude/structured-outputs, "JSON Schema
 * limitations": "If you use an unsupported feature, you'll receive a 400 error with details").
 * Judged here: only what live 400s quoted in public reports show, in their words. String bounds
 * (`minLength`, `maxLength`) are not judged: the docs list them as unsupported, but one live probe
 * found `minLength` accepted.
 */
import { isRecord, type VendorRule } from '../rule.js';
import { onBody, turnsOf } from './body.js';

const numericBounds = ['exclusiveMaximum', 'exclusiveMinimum', 'maximum', 'minimum', 'multipleOf'];

function typesOf(node: Record<string, unknown>): unknown[] {
  const type = node['type'];
  return Array.isArray(type) ? type : [type];
}

/** The first fault in a schema node or below it, worded as Anthropic words it. */
function schemaFault(node: unknown, depth = 0): string | undefined {
  if (!isRecord(node) || depth > 64) return undefined;
  const types = typesOf(node);
  // Quoted from an Anthropic answer relayed by OpenRouter: "output_config.format.schema: Schema type 'oneOf' is not supported".
  if ('oneOf' in node) return "Schema type 'oneOf' is not supported";
  // https://github.com/veryfront/veryfront-code/issues/3918: an object without `additionalProperties: false` is refused,
  // "For 'object' type, 'additionalProperties' must be explicitly set to false".
  if (types.includes('object') && node['additionalProperties'] !== false) return "For 'object' type, 'additionalProperties' must be explicitly set to false";
  const numeric = types.find((type) => type === 'integer' || type === 'number');
  if (numeric !== undefined) {
    // https://github.com/agentjido/req_llm/issues/302 (recorded body): "For 'integer' type, property 'minimum' is not supported";
    // https://github.com/sherifkozman/the-llm-council/pull/55: "For 'number' type, properties maximum, minimum are not supported".
    const bounds = numericBounds.filter((bound) => bound in node);
    if (bounds.length === 1) return `For '${String(numeric)}' type, property '${bounds[0]}' is not supported`;
    if (bounds.length > 1) return `For '${String(numeric)}' type, properties ${bounds.join(', ')} are not supported`;
  }
  if (types.includes('array')) {
    // https://github.com/ghostlobster/memorize-everything/issues/93: "For 'array' type, 'minItems' values other than 0 or 1 are not supported".
    if ('minItems' in node && node['minItems'] !== 0 && node['minItems'] !== 1) return "For 'array' type, 'minItems' values other than 0 or 1 are not supported";
    // Quoted from a live probe in public code: "For 'array' type, property 'maxItems' is not supported".
    if ('maxItems' in node) return "For 'array' type, property 'maxItems' is not supported";
  }
  const children: unknown[] = [];
  for (const keyword of ['$defs', 'definitions', 'properties']) if (isRecord(node[keyword])) children.push(...Object.values(node[keyword]));
  children.push(node['items']);
  for (const keyword of ['anyOf', 'allOf']) if (Array.isArray(node[keyword])) children.push(...node[keyword]);
  for (const child of children) {
    const fault = schemaFault(child, depth + 1);
    if (fault !== undefined) return fault;
  }
  return undefined;
}

/** The definitions (`$defs`, `definitions`) at the root of a schema, by the name a `$ref` gives them. */
function definitionsOf(schema: Record<string, unknown>): Map<string, unknown> {
  const definitions = new Map<string, unknown>();
  for (const keyword of ['$defs', 'definitions']) {
    const members = schema[keyword];
    if (isRecord(members)) for (const [name, member] of Object.entries(members)) definitions.set(`#/${keyword}/${name}`, member);
  }
  return definitions;
}

/** Every `$ref` string in a value, at any depth. */
function referencesIn(value: unknown, found: string[] = [], depth = 0): string[] {
  if (typeof value !== 'object' || value === null || depth > 64) return found;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') found.push(child);
    else referencesIn(child, found, depth + 1);
  }
  return found;
}

/**
 * A definition that reaches itself through `$ref`s, worded as Anthropic answers it: "Circular reference
 * detected in schema definitions: __schema0 -> __schema0. Self-referencing or mutually-referencing
 * definitions are not supported." (live 400, https://github.com/egonSchiele/agency-lang/issues/487; the docs
 * list "Recursive schemas" as not supported, platform.claude.com/docs/en/build-with-claude/structured-outputs).
 */
function definitionCycle(schema: unknown): string | undefined {
  if (!isRecord(schema)) return undefined;
  const definitions = definitionsOf(schema);
  const nameOf = (reference: string): string => reference.slice(reference.lastIndexOf('/') + 1);
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (reference: string): string[] | undefined => {
    if (path.includes(reference)) return [...path.slice(path.indexOf(reference)), reference];
    if (done.has(reference) || !definitions.has(reference)) return undefined;
    path.push(reference);
    for (const next of referencesIn(definitions.get(reference))) {
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    done.add(reference);
    return undefined;
  };
  for (const reference of definitions.keys()) {
    const cycle = visit(reference);
    if (cycle !== undefined) {
      return `Circular reference detected in schema definitions: ${cycle.map(nameOf).join(' -> ')}. Self-referencing or mutually-referencing definitions are not supported.`;
    }
  }
  return undefined;
}

/** What Anthropic refuses in a structured-output schema: a recursive definition, then the first keyword outside its subset. */
function structuredSchemaFault(schema: unknown): string | undefined {
  return definitionCycle(schema) ?? schemaFault(schema);
}

export const structuredOutputRules: VendorRule[] = [
  {
    id: 'anthropic.output_config.schema-subset',
    source: 'platform.claude.com/docs/en/build-with-claude/structured-outputs (JSON Schema limitations); live 400s quoted beside each check',
    check: onBody((body) => {
      const config = body['output_config'];
      const format = isRecord(config) ? config['format'] : undefined;
      if (isRecord(format) && format['type'] === 'json_schema') {
        const fault = structuredSchemaFault(format['schema']);
        if (fault !== undefined) return `output_config.format.schema: ${fault}`;
      }
      const beta = body['output_format'];
      if (isRecord(beta) && beta['type'] === 'json_schema') {
        const fault = structuredSchemaFault(beta['schema']);
        if (fault !== undefined) return `output_format.schema: ${fault}`;
      }
      return undefined;
    }),
  },
  {
    id: 'anthropic.output_config.no-prefill',
    // Recorded 400 in https://github.com/agentjido/req_llm/issues/642, from claude-opus-4-1 (a model that takes a
    // prefill otherwise) asked for structured output after an assistant message.
    source: 'github.com/agentjido/req_llm/issues/642 (recorded 400 body)',
    check: onBody((body) => {
      const config = body['output_config'];
      const asksFormat = (isRecord(config) && config['format'] !== undefined) || body['output_format'] !== undefined;
      return asksFormat && turnsOf(body).at(-1)?.role === 'assistant'
        ? 'Your API request included an `assistant` message in the final position, which would pre-fill the `assistant` response. When using output format, pre-filling the `assistant` response is not supported.'
        : undefined;
    }),
  },
];
