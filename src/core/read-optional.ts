import type { z } from 'zod';

/**
 * Reads an optional value (usually vendor data) through `schema`, or gives `fallback`. The
 * value is absent on almost every request, and a failing zod parse builds an error object,
 * which the profile showed on the hot path; absence is answered before zod is asked.
 */
export function readOptional<Schema extends z.ZodType>(schema: Schema, value: unknown, fallback: z.output<Schema>): z.output<Schema> {
  if (value === undefined) return fallback;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}
