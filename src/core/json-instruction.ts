import type { JsonSchema } from '../interlingua/tool.js';

/**
 * What the system prompt asks of a model that cannot be held to JSON by a request field (no
 * schema-less JSON mode, no structured output for this model or platform): one JSON object, and
 * the schema when there is one. One wording for every dialect, so tests and callers see the same.
 */
export function jsonInstruction(schema: JsonSchema | undefined): string {
  return schema === undefined
    ? 'Respond with a single JSON object and nothing else.'
    : `Respond with a single JSON object that matches this JSON Schema, and nothing else: ${JSON.stringify(schema)}`;
}
