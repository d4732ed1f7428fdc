import type { JsonSchema } from '../interlingua/tool.js';
import type { Warning } from '../interlingua/warning.js';
import { addWarningPerFeature } from './warning-once.js';

/**
 * A JSON response format's description, "used by the model to determine how to respond in the
 * format" (OpenAI's `response_format.json_schema.description`, node_modules/openai/resources/shared.d.ts),
 * for upstreams whose format is a schema alone (Anthropic's `output_config.format`, Gemini's
 * `responseSchema` and `responseJsonSchema`): it goes into the schema root's `description`, which
 * both take and the model reads, ahead of a description the root had already.
 */
export function withFormatDescription(schema: JsonSchema, description: string | undefined, upstream: string, warnings: Warning[]): JsonSchema {
  if (description === undefined || description === '') return schema;
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'response_format.description',
    message: `${upstream} takes a response schema without a description of its own; the format's description was put in the schema's.`,
  });
  const own = schema['description'];
  return { ...schema, description: typeof own === 'string' && own !== '' ? `${description}\n\n${own}` : description };
}
