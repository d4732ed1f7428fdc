/**
 * Vertex AI refuses a schema node that holds `anyOf` beside any other field: "Unable to submit
 * request because `git_create_branch` functionDeclaration `parameters.base_branch` schema specified
 * other fields alongside any_of. When using any_of, it must be the only field set. Learn more:
 * https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/function-calling"
 * (https://github.com/BerriAI/litellm/issues/11164, the official Git MCP server; the same in
 * https://github.com/anomalyco/opencode/issues/15795). Pydantic's `Optional[Union[…]]` writes
 * exactly that (`anyOf` with `default`, `title`, `description`), and so does a type list.
 *
 * What sits beside `anyOf` applies to every branch (JSON Schema reads the node as "these fields
 * and one of the branches"), so it is moved into each branch: the description before the
 * branch's own, `nullable` on each, the other fields where the branch does not set them, and
 * properties and required names merged. A `default` says which branch applies when the value is
 * missing, which no branch can say alone: it is left out, with a warning.
 */
import { isJsonObject, setField, type JsonObject } from './json-value.js';
import type { KeywordReport } from './schema-node-fit.js';
import type { SchemaPlatformRules } from './json-schema-to-gemini.js';

/** The schema rules of Vertex AI's Gemini (generateContent and countTokens alike). */
export const vertexSchemaRules: SchemaPlatformRules = { anyOfAlone: true };

/**
 * `refit` brings a branch that took fields from beside `anyOf` back within Gemini's rules (an
 * object's keywords on a branch of another type), as the converter does for every node.
 */
export function leaveAnyOfAlone(result: JsonObject, report: KeywordReport, refit: (branch: JsonObject) => void): void {
  const branches = result['anyOf'];
  if (!Array.isArray(branches)) return;
  const { anyOf: _branches, default: fallback, ...beside } = result;
  if (fallback !== undefined) report('compatibility', 'anyOf.default', 'Vertex AI takes no field beside "anyOf"; the default of a choice of schemas was left out');
  if (fallback === undefined && Object.keys(beside).length === 0) return;
  for (const key of Object.keys(result)) if (key !== 'anyOf') delete result[key];
  if (Object.keys(beside).length === 0) return;
  setField(
    result,
    'anyOf',
    branches.map((branch: unknown) => {
      const merged = withFieldsBeside(isJsonObject(branch) ? branch : {}, beside);
      refit(merged);
      leaveAnyOfAlone(merged, report, refit);
      return merged;
    }),
  );
  report('compatibility', 'anyOf.siblings', 'Vertex AI takes no field beside "anyOf"; the fields beside it were moved into each of its schemas');
}

function withFieldsBeside(branch: JsonObject, beside: JsonObject): JsonObject {
  const merged: JsonObject = { ...branch };
  for (const [key, value] of Object.entries(beside)) {
    const own = merged[key];
    if (key === 'description' && typeof value === 'string' && typeof own === 'string' && own.trim() !== '') {
      setField(merged, key, `${value} ${own}`);
    } else if (key === 'properties' && isJsonObject(value) && isJsonObject(own)) {
      setField(merged, key, { ...value, ...own });
    } else if (key === 'required' && Array.isArray(value) && Array.isArray(own)) {
      setField(merged, key, [...new Set([...value, ...own])]);
    } else if (key === 'nullable' && value === true) {
      setField(merged, key, true);
    } else if (own === undefined) {
      setField(merged, key, value);
    }
  }
  return merged;
}
