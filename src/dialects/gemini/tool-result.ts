/**
 * A tool result's content as Gemini's `functionResponse.response` object and back. Google's
 * convention (https://ai.google.dev/api/caching#FunctionResponse): "Use 'output' key to specify
 * function output and 'error' key to specify error details … If 'output' and 'error' keys are not
 * specified, then whole 'response' is treated as function output."
 *
 * Emit: text that is a JSON object is sent as that object (a structured result stays structured);
 * other text goes under `output`, or `error` for a failed call.
 * Parse: a lone string `output` / `error` becomes the text (and `isError`); any other object
 * becomes its JSON text. The two are inverses, so a Gemini → Gemini pass-through is exact:
 * `{"result":"40 C"}` → '{"result":"40 C"}' → `{"result":"40 C"}` (fixtures fantasy-*.i1.request.json).
 */
import { parseJsonText } from '../../wire/json-text.js';
import { isJsonObject, type JsonObject } from './json-value.js';

export function toolResultToResponse(text: string, isError: boolean): JsonObject {
  const structured = parseJsonObject(text);
  if (structured !== undefined) return isError ? { error: structured } : structured;
  return isError ? { error: text } : { output: text };
}

export function responseToToolResult(response: JsonObject): { text: string; isError: boolean } {
  const keys = Object.keys(response);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only === 'output' || only === 'error') {
    const value = response[only];
    const isError = only === 'error';
    // A string that is itself a JSON object would come back as an object: keep the whole response instead.
    if (typeof value === 'string' && parseJsonObject(value) === undefined) return { text: value, isError };
    if (isError && isJsonObject(value)) return { text: JSON.stringify(value), isError };
  }
  return { text: JSON.stringify(response), isError: false };
}

/**
 * The text as a JSON object, or undefined. The text comes from outside (a tool's output), so it
 * goes through the same nesting limit as every other outside JSON: an object nested past it would
 * overflow the stack when the request is serialized, so it travels as plain text instead.
 */
function parseJsonObject(text: string): JsonObject | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return undefined;
  const read = parseJsonText(trimmed);
  return read.ok && isJsonObject(read.value) ? read.value : undefined;
}
