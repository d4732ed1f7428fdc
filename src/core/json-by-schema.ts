import type { z } from 'zod';

/**
 * JSON text read by a schema, or undefined when it is blank, not JSON or not of the schema's
 * shape: for text whose failure the reader passes over rather than reports (a torn line of a
 * spill file a crash left, an error body that is not the one looked for).
 */
export function readJsonBySchema<T extends z.ZodType>(text: string, schema: T): z.output<T> | undefined {
  if (text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
