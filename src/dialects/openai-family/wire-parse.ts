/**
 * Reading untrusted OpenAI-format JSON through zod: the first issue becomes an InterlinguaError
 * naming the field the way OpenAI does (`messages[2].content`, `input[0].content`). A caller's
 * mistake is `invalid_request` with `param`; an upstream's is `upstream_error`. Shared by the
 * three OpenAI formats, which differ only in how they word the upstream case.
 */
import type { z } from 'zod';
import { InterlinguaError } from '../../interlingua/error.js';
export { isRecord } from '../../core/is-record.js';

export type ParseErrorCode = 'invalid_request' | 'upstream_error';

export interface WireParseWording {
  /** How the API is named when an upstream body does not fit (`OpenAI Chat`). */
  apiName: string;
  /** OpenAI's own word for a missing field in this API (`Missing required parameter:` in Responses). */
  missing: string;
}

export function joinPath(base: string, segments: ReadonlyArray<PropertyKey>): string {
  let path = base;
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

/** zod's wording, made to read well after "Invalid value for 'x':". A union names its alternatives. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    const expected = new Set<string>();
    for (const branch of issue.errors) {
      for (const inner of branch) {
        if (inner.path.length > 0) continue;
        if (inner.code === 'invalid_type') expected.add(inner.expected);
        if (inner.code === 'invalid_value') expected.add(inner.values.map((word) => `'${String(word)}'`).join(', '));
      }
    }
    if (expected.size > 0) return `expected ${[...expected].join(' or ')}`;
  }
  return issue.message.replace(/^(Invalid input|Too small|Too big): /, '');
}

/** Parse `value` with `schema`; on failure throw naming the field at `basePath` + the issue's path. */
export function parseOpenaiWire<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  basePath: string,
  code: ParseErrorCode,
  wording: WireParseWording,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = joinPath(basePath, issue?.path ?? []);
  const where = param === '' ? 'the body' : `'${param}'`;
  const missing = issue?.code === 'invalid_type' && valueAt(value, issue.path) === undefined;
  const reason = issue === undefined ? 'invalid value' : describeIssue(issue);
  const problem = missing ? `${wording.missing} ${where}` : `Invalid value for ${where}: ${reason}`;
  if (code === 'upstream_error') throw new InterlinguaError(code, `The upstream sent an unexpected ${wording.apiName} body. ${problem}.`);
  throw new InterlinguaError(code, `${problem}.`, param === '' ? {} : { param });
}
