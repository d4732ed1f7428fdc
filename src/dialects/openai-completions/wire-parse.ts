/**
 * Small helpers for the parsers: run a zod schema and turn its first issue into an
 * `InterlinguaError` that names the offending field the way OpenAI does (`param: "prompt"`),
 * and split a loose object into modelled and unmodelled fields.
 */
import type { z } from 'zod';
import { InterlinguaError } from '../../interlingua/error.js';

function joinPath(segments: ReadonlyArray<PropertyKey>): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? String(segment) : `.${String(segment)}`;
  }
  return path;
}

/** What is at `path` inside `value`, to tell a missing field from a wrong one. */
function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Reflect.get(current, segment);
  }
  return current;
}

/** Parse `value` with `schema`; on failure throw naming the field at the issue's path. */
export function parseWire<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  code: 'invalid_request' | 'upstream_error' = 'invalid_request',
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = joinPath(issue?.path ?? []);
  const where = param === '' ? 'the body' : `'${param}'`;
  const missing = issue?.code === 'invalid_type' && valueAt(value, issue.path) === undefined;
  const reason = issue === undefined ? 'invalid value' : issue.message.replace(/^(Invalid input|Too small|Too big): /, '');
  const problem = missing ? `Missing required field ${where}` : `Invalid value for ${where}: ${reason}`;
  if (code === 'upstream_error') {
    throw new InterlinguaError('upstream_error', `The upstream sent an unexpected OpenAI Completions body. ${problem}.`);
  }
  throw new InterlinguaError('invalid_request', `${problem}.`, param === '' ? {} : { param });
}

/** Fields of a loose object that `known` does not list, or undefined when there are none. */
export function extraFields(value: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  const entries = Object.entries(value).filter(([key, field]) => !known.has(key) && field !== undefined);
  // fromEntries defines own properties, so a "__proto__" key stays data and never becomes a prototype.
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
