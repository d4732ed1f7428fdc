import { isRecord, pathOf, type JudgedRequest } from '../rule.js';

/** The model a JSON body names (`model`), without a dated snapshot suffix. */
export function bodyModel(request: JudgedRequest): string | undefined {
  const model = isRecord(request.body) ? request.body.model : undefined;
  return typeof model === 'string' ? undated(model) : undefined;
}

/** The model a Gemini path names: `/v1beta/models/gemini-2.5-pro:generateContent` → `gemini-2.5-pro`. */
export function pathModel(request: JudgedRequest): string | undefined {
  const match = /\/models\/([^/:]+):/.exec(pathOf(request));
  return match?.[1] === undefined ? undefined : undated(decodeURIComponent(match[1]));
}

/** `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`, `gpt-4o-2024-08-06` → `gpt-4o`. */
function undated(model: string): string {
  return model.replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/, '');
}

/** A field of a plain-object body, or undefined. */
export function field(request: JudgedRequest, ...path: string[]): unknown {
  let value: unknown = request.body;
  for (const key of path) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return value;
}
