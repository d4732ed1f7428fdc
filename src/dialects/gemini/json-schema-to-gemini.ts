/**
 * JSON Schema (the interlingua's form) → Gemini `Schema`, the OpenAPI 3.0 subset `parameters`
 * and `responseSchema` take (https://ai.google.dev/api/caching#Schema). The API rejects unknown
 * fields ("Invalid JSON payload received. Unknown name …"), so everything outside the subset is
 * rewritten or dropped, each with a warning naming the keyword and where it was.
 *
 * Types are sent UPPERCASE, as the official SDK does (`processJsonSchema` in @google/genai
 * uppercases every `type` against its `Type` enum).
 */
import type { JsonSchema } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { isJsonObject, setField, type JsonObject } from './json-value.js';
import { fitEnum, fitFormat, untypeBareObject, type KeywordReport } from './schema-node-fit.js';
import { describeRequiredAlternatives, fitObjectKeywords, requiredAlternatives } from './schema-object-keywords.js';
import { leaveAnyOfAlone } from './schema-any-of-alone.js';
import { objectRootParameters } from './schema-object-root.js';

/** The v1beta `Schema` fields (genai.d.ts `interface Schema`; ai.google.dev/api/caching#Schema). */
const passThrough = new Set([
  'format', 'title', 'description', 'default', 'pattern', 'minimum', 'maximum', 'required', 'propertyOrdering',
  'minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties', 'example',
]);
const geminiTypes = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
const maxDepth = 64;
/** Bounds on the work an (untrusted) schema can cause: `$ref`s can otherwise fan out exponentially. */
const maxRefExpansions = 200;
const maxNodes = 5000;

/** What the platform the schema goes to refuses beyond the Gemini API's rules. */
export interface SchemaPlatformRules {
  /** Vertex AI: a node with `anyOf` holds nothing else (schema-any-of-alone.ts). */
  anyOfAlone?: boolean;
}

interface Conversion {
  root: JsonObject;
  rules: SchemaPlatformRules;
  where: string;
  tool: string | undefined;
  warnings: Map<string, Warning>;
  expansions: number;
  nodes: number;
}

/**
 * `where` names the schema in warnings, e.g. `the response schema`. A tool's parameters are named
 * by `tool` instead, so the same keyword lost in many tools' schemas is one reported warning.
 * A tool's parameters get an OBJECT root first (schema-object-root.ts).
 */
export function jsonSchemaToGeminiSchema(schema: JsonSchema, where: string, tool?: string, rules: SchemaPlatformRules = {}): { schema: JsonObject; warnings: Warning[] } {
  const rootWarnings: Warning[] = [];
  const root = tool === undefined ? schema : objectRootParameters(schema, tool, (warning) => rootWarnings.push(warning));
  const conversion: Conversion = { root, rules, where, tool, warnings: new Map(), expansions: 0, nodes: 0 };
  const converted = convertNode(root, conversion, [], 0);
  return { schema: converted, warnings: [...rootWarnings, ...conversion.warnings.values()] };
}

function warn(conversion: Conversion, type: Warning['type'], keyword: string, message: string): void {
  const feature = `json_schema.${keyword}`;
  if (conversion.warnings.has(feature)) return;
  const warning: Warning = { type, feature, message: `${message} (in ${conversion.where}).` };
  if (conversion.tool !== undefined) warning.tool = conversion.tool;
  conversion.warnings.set(feature, warning);
}

function drop(conversion: Conversion, keyword: string): void {
  warn(conversion, 'unsupported', keyword, `Gemini schemas have no "${keyword}"; it was left out`);
}

function convertNode(input: unknown, conversion: Conversion, outerRefStack: readonly string[], depth: number): JsonObject {
  let refStack = outerRefStack;
  // Every node counts, an empty one too: a `$ref` to an object of many `true` properties,
  // inlined again and again, would otherwise multiply the schema without limit.
  conversion.nodes += 1;
  if (depth > maxDepth || conversion.nodes > maxNodes) {
    warn(conversion, 'unsupported', 'size', `The schema is too deep or too large; parts of it were cut`);
    return {};
  }
  if (input === true || (isJsonObject(input) && Object.keys(input).length === 0)) return {};
  if (!isJsonObject(input)) {
    warn(conversion, 'unsupported', 'boolean_schema', 'A schema that is not an object was replaced by an empty schema');
    return {};
  }
  const reference = input['$ref'];
  if (typeof reference === 'string') return expandReference(input, reference, conversion, refStack, depth);

  let schema = input;
  const allOf = schema['allOf'];
  if (Array.isArray(allOf)) {
    const merged = mergeAllOf(schema, allOf, conversion, refStack);
    schema = merged.schema;
    refStack = merged.refStack;
  }

  const result: JsonObject = {};
  const neverGiven = new Set<string>();
  let nullable = schema['nullable'] === true;
  let alternatives: { names: string[][]; exactlyOne: boolean } | undefined;
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'type':
        nullable = convertType(value, result, conversion) || nullable;
        break;
      case 'nullable':
      case '$defs':
      case 'definitions':
        break;
      case 'properties':
        if (isJsonObject(value)) {
          const properties: JsonObject = {};
          for (const [name, property] of Object.entries(value)) {
            // Past the bound, no more properties: each would be an empty schema, yet its name is sent.
            if (conversion.nodes >= maxNodes) {
              warn(conversion, 'unsupported', 'size', `The schema is too deep or too large; parts of it were cut`);
              break;
            }
            if (property === false) neverGiven.add(name);
            else setField(properties, name, convertNode(property, conversion, refStack, depth + 1));
          }
          setField(result, 'properties', properties);
        }
        break;
      case 'items':
        if (Array.isArray(value)) {
          warn(conversion, 'compatibility', 'items', 'Tuple "items" became "anyOf" of the item schemas');
          setField(result, 'items', { anyOf: value.map((item: unknown) => convertNode(item, conversion, refStack, depth + 1)) });
        } else {
          setField(result, 'items', convertNode(value, conversion, refStack, depth + 1));
        }
        break;
      case 'anyOf':
      case 'oneOf': {
        const names = requiredAlternatives(value);
        if (names !== undefined) {
          alternatives = { names, exactlyOne: key === 'oneOf' };
          break;
        }
        if (key === 'oneOf') warn(conversion, 'compatibility', 'oneOf', '"oneOf" was sent as "anyOf"');
        if (Array.isArray(value)) nullable = convertAnyOf(value, result, conversion, refStack, depth) || nullable;
        break;
      }
      case 'enum':
      case 'const':
        if (key === 'const') warn(conversion, 'compatibility', 'const', '"const" was sent as a one-value "enum"');
        nullable = convertEnum(key === 'const' ? [value] : value, result, conversion) || nullable;
        break;
      case 'examples':
        if (Array.isArray(value) && value.length > 0 && !('example' in schema)) {
          warn(conversion, 'compatibility', 'examples', 'Only the first of "examples" was sent, as "example"');
          setField(result, 'example', value[0]);
        }
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        if (typeof value === 'number') {
          warn(conversion, 'compatibility', key, `"${key}" was sent as an inclusive bound`);
          setField(result, key === 'exclusiveMinimum' ? 'minimum' : 'maximum', value);
        } else {
          drop(conversion, key);
        }
        break;
      case 'allOf':
        break;
      default:
        if (passThrough.has(key)) setField(result, key, value);
        else drop(conversion, key);
    }
  }
  if (nullable) setField(result, 'nullable', true);
  leaveOutNeverGiven(result, neverGiven, conversion);
  // JSON Schema's bare array holds anything; Gemini refuses an ARRAY without `items` ("…properties[params].items:
  // missing field.", https://github.com/router-for-me/CLIProxyAPI/issues/5292), and an empty one says the same.
  if (result['type'] === 'ARRAY' && !('items' in result)) setField(result, 'items', {});
  const reported = report(conversion);
  if (alternatives !== undefined) describeRequiredAlternatives(result, alternatives.names, alternatives.exactlyOne, reported);
  fitObjectKeywords(result, reported);
  declareRequired(result);
  fitEnum(result, schema, reported);
  fitFormat(result, reported);
  if (depth > 0) untypeBareObject(result, reported);
  if (conversion.rules.anyOfAlone === true) {
    leaveAnyOfAlone(result, reported, (branch) => {
      fitObjectKeywords(branch, reported);
      declareRequired(branch);
    });
  }
  return result;
}

function report(conversion: Conversion): KeywordReport {
  return (type, keyword, message) => warn(conversion, type, keyword, message);
}

/**
 * A required name without a property schema: JSON Schema asks only that it be present, with any
 * value; Gemini refuses it ("* GenerateContentRequest.tools[0].function_declarations[1].parameters.required[0]:
 * property is not defined", https://github.com/iBUHub/AIStudioToAPI/issues/154, from browser tools
 * declaring `required: ["ref"]` with no `ref`). The property is declared with the empty schema, which
 * takes any value: the same constraint.
 */
function declareRequired(result: JsonObject): void {
  const required = result['required'];
  // Only an object has required names (schema-object-keywords.ts); fitObjectKeywords has typed or cleared the node.
  if (!Array.isArray(required) || result['type'] !== 'OBJECT') return;
  const declared = isJsonObject(result['properties']) ? result['properties'] : undefined;
  const undeclared = required.filter((name): name is string => typeof name === 'string' && (declared === undefined || !Object.hasOwn(declared, name)));
  if (undeclared.length === 0) return;
  const properties: JsonObject = declared ?? {};
  for (const name of undeclared) setField(properties, name, {});
  if (declared === undefined) setField(result, 'properties', properties);
}

/**
 * A property whose schema is `false` can never be given; Gemini has no such schema, and `{}` would
 * say the opposite (any value), so it is left out, of `required` too (where Gemini would refuse a
 * name with no property, declareRequired).
 */
function leaveOutNeverGiven(result: JsonObject, names: ReadonlySet<string>, conversion: Conversion): void {
  if (names.size === 0) return;
  const required = result['required'];
  if (Array.isArray(required)) setField(result, 'required', required.filter((name) => typeof name !== 'string' || !names.has(name)));
  warn(conversion, 'unsupported', 'boolean_schema', 'A property whose schema is `false` (never given) was left out');
}

/** Returns whether `null` was among the types. */
function convertType(value: unknown, result: JsonObject, conversion: Conversion): boolean {
  const types = (Array.isArray(value) ? value : [value]).filter((type): type is string => typeof type === 'string');
  const nullable = types.includes('null');
  const others = types.filter((type) => type !== 'null' && geminiTypes.has(type.toLowerCase()));
  if (others.length === 1 && others[0] !== undefined) {
    setField(result, 'type', others[0].toUpperCase());
  } else if (others.length > 1) {
    warn(conversion, 'compatibility', 'type', 'A list of types was sent as "anyOf"');
    setField(result, 'anyOf', others.map((type) => (type.toLowerCase() === 'array' ? { type: 'ARRAY', items: {} } : { type: type.toUpperCase() })));
  } else if (!nullable) {
    drop(conversion, 'type');
  }
  return nullable;
}

/** `null` branches become `nullable`; a single remaining branch is merged into the node (as the SDK does). */
function convertAnyOf(branches: unknown[], result: JsonObject, conversion: Conversion, refStack: readonly string[], depth: number): boolean {
  const isNullBranch = (branch: unknown) => isJsonObject(branch) && branch['type'] === 'null' && Object.keys(branch).length === 1;
  // A `false` branch matches nothing: the branches left say the same.
  const kept = branches.filter((branch) => !isNullBranch(branch) && branch !== false).map((branch) => convertNode(branch, conversion, refStack, depth + 1));
  const [only] = kept;
  if (kept.length === 1 && only !== undefined) {
    for (const [key, value] of Object.entries(only)) if (!(key in result)) setField(result, key, value);
  } else if (kept.length > 1) {
    setField(result, 'anyOf', kept);
  }
  return branches.some(isNullBranch);
}

/** Gemini enums are strings (an INTEGER enum is written ["101", "201"]); `null` becomes `nullable`. */
function convertEnum(value: unknown, result: JsonObject, conversion: Conversion): boolean {
  if (!Array.isArray(value)) {
    drop(conversion, 'enum');
    return false;
  }
  const nullable = value.includes(null);
  const members = value.filter((member: unknown) => member !== null);
  if (members.some((member: unknown) => typeof member === 'object')) {
    drop(conversion, 'enum');
    return nullable;
  }
  setField(result, 'enum', members.map((member: unknown) => String(member)));
  return nullable;
}

/** Returns the merged schema and the references inlined on the way, which the rest of the node must not expand again. */
function mergeAllOf(schema: JsonObject, branches: unknown[], conversion: Conversion, refStack: readonly string[]): { schema: JsonObject; refStack: readonly string[] } {
  if (branches.length > 1) warn(conversion, 'compatibility', 'allOf', '"allOf" was merged into one schema');
  const merged: JsonObject = {};
  const properties: JsonObject = {};
  const required = new Set<string>();
  const inlined = [...refStack];
  for (const branch of [...branches, schema]) {
    const part = inlineOneReference(branch, conversion, inlined);
    if (part === undefined) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key === 'allOf') continue;
      if (key === 'properties' && isJsonObject(value)) {
        for (const [name, property] of Object.entries(value)) setField(properties, name, property);
      } else if (key === 'required' && Array.isArray(value)) {
        for (const name of value) if (typeof name === 'string') required.add(name);
      } else {
        setField(merged, key, value);
      }
    }
  }
  if (Object.keys(properties).length > 0) setField(merged, 'properties', properties);
  if (required.size > 0) setField(merged, 'required', [...required]);
  return { schema: merged, refStack: inlined };
}

/** `$ref` is inlined from the root (`#/$defs/…`, `#/definitions/…`, any local JSON pointer); a recursive reference is cut. */
function expandReference(node: JsonObject, reference: string, conversion: Conversion, refStack: readonly string[], depth: number): JsonObject {
  warn(conversion, 'compatibility', '$ref', '"$ref" was replaced by the schema it points to');
  if (refStack.includes(reference)) {
    // Untyped, as a bare nested object is (untypeBareObject): Gemini refuses an OBJECT without properties.
    warn(conversion, 'unsupported', '$ref.recursive', `The recursive reference "${reference}" was cut to an untyped value`);
    return {};
  }
  const target = resolvePointer(conversion.root, reference);
  if (target === undefined || conversion.expansions >= maxRefExpansions) {
    warn(conversion, 'unsupported', '$ref.unresolved', `The reference "${reference}" could not be inlined and was left out`);
    return {};
  }
  conversion.expansions += 1;
  const { $ref: _reference, ...siblings } = node;
  const combined = isJsonObject(target) ? { ...target, ...siblings } : siblings;
  return convertNode(combined, conversion, [...refStack, reference], depth + 1);
}

/** An `allOf` branch with a `$ref` is resolved before merging (once per reference, as in expandReference). */
function inlineOneReference(branch: unknown, conversion: Conversion, inlined: string[]): JsonObject | undefined {
  if (!isJsonObject(branch)) return undefined;
  const reference = branch['$ref'];
  if (typeof reference !== 'string') return branch;
  const { $ref: _reference, ...siblings } = branch;
  const target = resolvePointer(conversion.root, reference);
  if (inlined.includes(reference) || !isJsonObject(target) || conversion.expansions >= maxRefExpansions) {
    warn(conversion, 'unsupported', '$ref.unresolved', `The reference "${reference}" could not be inlined and was left out`);
    return siblings;
  }
  conversion.expansions += 1;
  inlined.push(reference);
  warn(conversion, 'compatibility', '$ref', '"$ref" was replaced by the schema it points to');
  return { ...target, ...siblings };
}

function resolvePointer(root: JsonObject, reference: string): unknown {
  if (reference === '#') return root;
  if (!reference.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of reference.slice(2).split('/')) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (isJsonObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}
