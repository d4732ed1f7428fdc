/**
 * JSON Schema (the interlingua's form) → the subset Anthropic's structured output
 * (`output_config.format`) compiles into a grammar
 * (https://platform.claude.com/docs/en/build-with-claude/structured-outputs, "JSON Schema
 * limitations"). A schema outside it is refused whole, with a 400 naming the first keyword it
 * cannot take: "output_config.format.schema: For 'object' type, 'additionalProperties' must be
 * explicitly set to false" (https://github.com/veryfront/veryfront-code/issues/3918), "For
 * 'integer' type, property 'minimum' is not supported"
 * (https://github.com/agentjido/req_llm/issues/302), "For 'array' type, 'minItems' values other
 * than 0 or 1 are not supported" (https://github.com/ghostlobster/memorize-everything/issues/93).
 *
 * OpenAI's strict schemas take bounds, patterns and open objects, and Gemini's never close their
 * objects, so a caller's schema is fitted the way Anthropic's own SDK fits one before sending it
 * (the subset its `transformJSONSchema` keeps, node_modules/@anthropic-ai/sdk/lib/transform-json-schema.js):
 * every object is closed, `oneOf` becomes `anyOf`, and any other keyword outside the subset moves
 * into the node's description as JSON, where the model still reads it. Each change is reported
 * once per keyword.
 *
 * Claude on Bedrock's Converse compiles the schema of `outputConfig.textFormat` as this same
 * `output_config.format` (bedrock/structured-output.ts), so both codecs fit a schema here.
 */
import type { JsonSchema } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { isRecord } from '../../core/is-record.js';

/** String formats the grammar knows (the SDK's `SUPPORTED_STRING_FORMATS`; the docs' list). */
const stringFormats: ReadonlySet<string> = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'uri', 'ipv4', 'ipv6', 'uuid']);
/** Keywords kept on any node; the rest depend on the node's type. */
const keptEverywhere: ReadonlySet<string> = new Set(['$ref', '$defs', 'definitions', 'type', 'anyOf', 'allOf', 'oneOf', 'enum', 'const', 'description', 'title']);
/** Names the JSON Schema dialect and constrains nothing. */
const dropped: ReadonlySet<string> = new Set(['$schema']);
const maxDepth = 64;
/** Bounds the work an (untrusted) schema can cause; past them the rest goes out as it came. */
const maxNodes = 5000;

type JsonObject = Record<string, unknown>;

interface Fitting {
  where: string;
  warnings: Map<string, Warning>;
  nodes: number;
}

/** `where` names the schema in warnings, e.g. `the response schema`. */
export function fitStructuredOutputSchema(schema: JsonSchema, where: string): { schema: JsonSchema; warnings: Warning[] } {
  const fitting: Fitting = { where, warnings: new Map(), nodes: 0 };
  return { schema: fitNode(schema, fitting, 0) as JsonSchema, warnings: [...fitting.warnings.values()] };
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function warn(fitting: Fitting, keyword: string, message: string): void {
  const feature = `json_schema.${keyword}`;
  if (!fitting.warnings.has(feature)) fitting.warnings.set(feature, { type: 'compatibility', feature, message: `${message} (in ${fitting.where}).` });
}

function typesOf(node: JsonObject): unknown[] {
  const type = node['type'];
  return Array.isArray(type) ? type : [type];
}

function fitNode(input: unknown, fitting: Fitting, depth: number): unknown {
  if (!isRecord(input)) return input;
  fitting.nodes += 1;
  if (depth > maxDepth || fitting.nodes > maxNodes) return input;
  const fitted: JsonObject = {};
  const moved: JsonObject = {};
  const enumValues = input['enum'];
  const keepsEnum = Array.isArray(enumValues) && enumValues.every(isPrimitive);
  const keepsConst = 'const' in input && isPrimitive(input['const']);
  const types = typesOf(input);
  for (const [keyword, value] of Object.entries(input)) {
    if (dropped.has(keyword)) continue;
    const kept = keptEverywhere.has(keyword) || keptFor(types, keyword, value);
    if (!kept) {
      moved[keyword] = value;
      continue;
    }
    fitted[keyword] = value;
  }
  if (!keepsEnum && 'enum' in fitted) moveOut(fitted, moved, 'enum');
  if (!keepsConst && 'const' in fitted) moveOut(fitted, moved, 'const');
  // Literals say every value a node may take; a declared type beside them is what Anthropic checks them against.
  if ((keepsEnum || keepsConst) && 'type' in fitted) delete fitted['type'];
  fitChildren(fitted, fitting, depth);
  if (types.includes('object')) closeObject(input, fitted, fitting);
  for (const keyword of Object.keys(moved)) warn(fitting, keyword, `Anthropic's structured output does not take "${keyword}"; it was moved into the description`);
  if (Object.keys(moved).length > 0) {
    const hint = JSON.stringify(moved);
    fitted['description'] = typeof fitted['description'] === 'string' && fitted['description'] !== '' ? `${fitted['description']}\n\n${hint}` : hint;
  }
  return fitted;
}

/** Keywords a node of these types keeps: an object's members, a string's known format, an array's items and a minimum of 0 or 1. */
function keptFor(types: unknown[], keyword: string, value: unknown): boolean {
  switch (keyword) {
    case 'properties':
    case 'required':
    case 'additionalProperties':
      return types.includes('object');
    case 'format':
      return types.includes('string') && typeof value === 'string' && stringFormats.has(value);
    case 'items':
      return types.includes('array') && isRecord(value);
    case 'minItems':
      return types.includes('array') && (value === 0 || value === 1);
    default:
      return false;
  }
}

function moveOut(fitted: JsonObject, moved: JsonObject, keyword: string): void {
  moved[keyword] = fitted[keyword];
  delete fitted[keyword];
}

function fitChildren(fitted: JsonObject, fitting: Fitting, depth: number): void {
  for (const keyword of ['$defs', 'definitions', 'properties']) {
    const members = fitted[keyword];
    if (isRecord(members)) fitted[keyword] = Object.fromEntries(Object.entries(members).map(([name, member]) => [name, fitNode(member, fitting, depth + 1)]));
  }
  if ('items' in fitted) fitted['items'] = fitNode(fitted['items'], fitting, depth + 1);
  for (const keyword of ['anyOf', 'allOf', 'oneOf']) {
    const branches = fitted[keyword];
    if (Array.isArray(branches)) fitted[keyword] = branches.map((branch) => fitNode(branch, fitting, depth + 1));
  }
  const oneOf = fitted['oneOf'];
  if (oneOf !== undefined) {
    delete fitted['oneOf'];
    // "exactly one" and "at least one" differ only where branches overlap, which a grammar cannot tell apart anyway.
    if (fitted['anyOf'] === undefined) {
      fitted['anyOf'] = oneOf;
      warn(fitting, 'oneOf', `Anthropic's structured output has no "oneOf"; it was sent as "anyOf"`);
    } else {
      fitted['allOf'] = [...(Array.isArray(fitted['allOf']) ? fitted['allOf'] : []), { anyOf: oneOf }];
      warn(fitting, 'oneOf', `Anthropic's structured output has no "oneOf"; it was sent as "anyOf" inside "allOf"`);
    }
  }
}

/** Anthropic takes closed objects only: `additionalProperties` must be `false`, stated. */
function closeObject(input: JsonObject, fitted: JsonObject, fitting: Fitting): void {
  if (input['additionalProperties'] === false) return;
  fitted['additionalProperties'] = false;
  warn(fitting, 'additionalProperties', `Anthropic's structured output takes only objects with "additionalProperties": false; it was set`);
}
