/**
 * Small helpers for untrusted JSON values and for the `InterlinguaError` a failed schema parse
 * becomes. `setField` exists because a JSON object may have an own key named `__proto__`: plain
 * assignment would change the prototype instead of adding a key.
 */
import type { z } from 'zod';
import { InterlinguaError } from '../../interlingua/error.js';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function setField(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Sets `value` at `path` unless something is there already (the emitter's own fields win). */
export function setPathIfAbsent(target: JsonObject, path: readonly string[], value: unknown): void {
  let node = target;
  for (const [index, key] of path.entries()) {
    const existing = Object.hasOwn(node, key) ? node[key] : undefined;
    if (index === path.length - 1) {
      if (existing === undefined) setField(node, key, value);
      return;
    }
    if (isJsonObject(existing)) {
      node = existing;
    } else if (existing === undefined) {
      const created: JsonObject = {};
      setField(node, key, created);
      node = created;
    } else {
      return;
    }
  }
}

/** Copies `source` onto `target`, leaving the keys the emitter owns alone. */
export function mergeExtra(target: JsonObject, source: JsonObject | undefined, owned: ReadonlySet<string>): void {
  if (source === undefined) return;
  for (const [key, value] of Object.entries(source)) {
    if (!owned.has(key) && !Object.hasOwn(target, key)) setField(target, key, value);
  }
}

/** `messages[2].tool_calls[0].function.name`, the way Ollama's own errors and OpenAI's `param` name a field. */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? String(segment) : `.${String(segment)}`;
  }
  return path;
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Reflect.get(current, segment);
  }
  return current;
}

/**
 * Parses `value` with `schema`; on failure throws naming the first field at fault. A caller's
 * body gives `invalid_request` (with `param`), an upstream's body `upstream_error`.
 */
export function parseWire<Schema extends z.ZodType>(schema: Schema, value: unknown, code: 'invalid_request' | 'upstream_error'): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = formatPath(issue?.path ?? []);
  const where = param === '' ? 'the body' : `'${param}'`;
  const missing = issue?.code === 'invalid_type' && param !== '' && valueAt(value, issue.path) === undefined;
  const reason = (issue?.message ?? 'invalid value').replace(/^Invalid input: /, '');
  const problem = missing ? `Missing required field ${where}` : `Invalid value for ${where}: ${reason}`;
  if (code === 'upstream_error') throw new InterlinguaError(code, `Ollama sent an unexpected body. ${problem}.`);
  throw new InterlinguaError(code, `${problem}.`, param === '' ? {} : { param });
}
