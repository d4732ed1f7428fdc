/**
 * A function's parameters as an OBJECT at the root. Vertex AI refuses any other root, an `anyOf`
 * included (which, alone on its node as Vertex wants it, schema-any-of-alone.ts, leaves the root
 * untyped): "Unable to submit request because terminal_last_command functionDeclaration parameters
 * schema should be of type OBJECT" (https://github.com/diegosouzapw/OmniRoute/pull/3360; the same in
 * https://github.com/spring-projects/spring-ai/issues/1373). The Gemini API documents the same
 * contract: the schema "must describe an object where the properties are the parameters to the
 * function" (FunctionDeclaration.parametersJsonSchema, https://ai.google.dev/api/caching#FunctionDeclaration).
 *
 * So the root is fitted as for Anthropic and Bedrock (core/tool-schema-object-root.ts): the branches
 * of a root `anyOf`/`oneOf` merged into one object, a root of another type replaced, each with a
 * warning. What the converter already carries on an object root is left to it: `allOf`, merged
 * there without loss, and branches that only list required names, which become the description.
 */
import type { JsonSchema } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { objectRootToolSchema } from '../../core/tool-schema-object-root.js';
import { requiredAlternatives } from './schema-object-keywords.js';

/** No type, `"object"`, or a list of types holding it. */
function namesObject(type: unknown): boolean {
  if (type === undefined || (typeof type === 'string' && type.toLowerCase() === 'object')) return true;
  return Array.isArray(type) && type.some((entry) => typeof entry === 'string' && entry.toLowerCase() === 'object');
}

function carriedOnObjectRoot(keyword: string, value: unknown): boolean {
  return keyword === 'allOf' || ((keyword === 'anyOf' || keyword === 'oneOf') && requiredAlternatives(value) !== undefined);
}

export function objectRootParameters(schema: JsonSchema, tool: string, warn: (warning: Warning) => void): JsonSchema {
  const carried = Object.entries(schema).filter(([keyword, value]) => carriedOnObjectRoot(keyword, value));
  if (carried.length === 0) return objectRootToolSchema(schema, tool, 'merged', 'Gemini', warn);
  const rest = Object.fromEntries(Object.entries(schema).filter(([keyword, value]) => !carriedOnObjectRoot(keyword, value)));
  const fitted = objectRootToolSchema(rest, tool, 'merged', 'Gemini', warn);
  // A root of another type is replaced by an object without properties, and what it carried goes with it.
  const replaced = !namesObject(schema['type']);
  return replaced ? fitted : { ...fitted, ...Object.fromEntries(carried) };
}
