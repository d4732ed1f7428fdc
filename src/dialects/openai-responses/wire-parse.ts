/**
 * Runs a zod schema over untrusted JSON and turns its first issue into an `InterlinguaError` that
 * names the field the way OpenAI does (`input[2].content[0].image_url`): a caller's mistake is
 * `invalid_request` with `param`, an upstream's is `upstream_error`.
 */
import type { z } from 'zod';
import { InterlinguaError } from '../../interlingua/error.js';

export type ParseErrorCode = 'invalid_request' | 'upstream_error';

export function joinPath(base: string, segments: ReadonlyArray<PropertyKey>): string {
  let path = base;
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

/** zod's wording, made to read after "Invalid value for 'x':"; a union names its alternatives. */
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

export function parseWire<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  basePath: string,
  code: ParseErrorCode = 'invalid_request',
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = joinPath(basePath, issue?.path ?? []);
  const where = param === '' ? 'the body' : `'${param}'`;
  const missing = issue?.code === 'invalid_type' && valueAt(value, issue.path) === undefined;
  const reason = issue === undefined ? 'invalid value' : describeIssue(issue);
  const problem = missing ? `Missing required parameter: ${where}` : `Invalid value for ${where}: ${reason}`;
  if (code === 'upstream_error') {
    throw new InterlinguaError(code, `The upstream sent an unexpected OpenAI Responses body. ${problem}.`);
  }
  throw new InterlinguaError(code, `${problem}.`, param === '' ? {} : { param });
}

/** An error for a value the schema accepts but the dialect cannot use. */
export function invalidValue(param: string, reason: string, code: ParseErrorCode): InterlinguaError {
  if (code === 'upstream_error') return new InterlinguaError(code, `The upstream sent an unexpected OpenAI Responses body: '${param}' ${reason}.`);
  return new InterlinguaError(code, `Invalid value for '${param}': ${reason}.`, { param });
}
