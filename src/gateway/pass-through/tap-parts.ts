/** Small pieces every dialect's pass-through tap is made of. */
import type { z } from 'zod';
import type { Usage } from '../../interlingua/usage.js';

/**
 * Whether a payload is something other than a JSON object (`[DONE]`, or a frame the decoder must
 * judge): it does not open with `{`, or does not close with `}`, as a frame cut short does. Only its
 * two ends are looked at (and the JSON whitespace before its last character).
 */
export function notAnObject(data: string): boolean {
  if (data.charCodeAt(0) !== openBrace) return true;
  let last = data.length - 1;
  while (last > 0 && isJsonSpace(data.charCodeAt(last))) last--;
  return data.charCodeAt(last) !== closeBrace;
}

const openBrace = 123;
const closeBrace = 125;

/** JSON's whitespace (https://www.rfc-editor.org/rfc/rfc8259#section-2): space, tab, line feed, carriage return. */
function isJsonSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * A whole answer's usage (under `field`), read by the dialect's own schema and mapping; `direct`
 * reads the usual shape without the schema's copy, and leaves anything else to the schema.
 */
export function usageField<S extends z.ZodType>(
  json: unknown,
  field: string,
  schema: S,
  parse: (wire: z.output<S>) => Usage,
  direct?: (value: unknown) => z.output<S> | undefined,
): Usage | undefined {
  if (json === null || typeof json !== 'object' || !(field in json)) return undefined;
  const value = (json as Record<string, unknown>)[field];
  const read = direct?.(value);
  if (read !== undefined) return parse(read);
  const parsed = schema.safeParse(value);
  return parsed.success ? parse(parsed.data) : undefined;
}
