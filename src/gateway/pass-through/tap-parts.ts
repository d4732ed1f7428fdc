/** Small pieces every dialect's pass-through tap is made of. */
import type { z } from 'zod';
import type { Usage } from '../../interlingua/usage.js';

/** Whether a payload is something other than a JSON object (`[DONE]`, or a frame the decoder must judge). */
export function notAnObject(data: string): boolean {
  return data.charCodeAt(0) !== 123;
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
