/** Small pieces every dialect's pass-through tap is made of. */
import type { z } from 'zod';
import type { Usage } from '../../interlingua/usage.js';

/** Whether a payload is something other than a JSON object (`[DONE]`, or a frame the decoder must judge). */
export function notAnObject(data: string): boolean {
  return data.charCodeAt(0) !== 123;
}

/** A whole answer's usage (under `field`), read by the dialect's own schema and mapping. */
export function usageField<S extends z.ZodType>(json: unknown, field: string, schema: S, parse: (wire: z.output<S>) => Usage): Usage | undefined {
  if (json === null || typeof json !== 'object' || !(field in json)) return undefined;
  const parsed = schema.safeParse((json as Record<string, unknown>)[field]);
  return parsed.success ? parse(parsed.data) : undefined;
}
