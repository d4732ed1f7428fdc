/**
 * Structured output on Converse: `outputConfig.textFormat`, an `OutputFormat` of `type`
 * "json_schema" (its only valid value) and a `structure` union whose one member, `jsonSchema`, is
 * a `JsonSchemaDefinition`: `schema`, the JSON Schema as a JSON *string* (required), `name` and
 * `description` (optional) (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_OutputConfig.html,
 * API_runtime_OutputFormat.html, API_runtime_OutputFormatStructure.html,
 * API_runtime_JsonSchemaDefinition.html; "For Converse APIs, use the `outputConfig.textFormat`
 * request field", https://docs.aws.amazon.com/bedrock/latest/userguide/structured-output.html).
 *
 * Only some models take it. Bedrock's Claude page names "Claude Sonnet 4.5, Claude Haiku 4.5,
 * Claude Opus 4.5, and Claude Opus 4.6 through the Converse API (Converse or ConverseStream)"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-structured-outputs.html),
 * and Anthropic's adds Claude Sonnet 4.6 on Amazon Bedrock
 * (https://platform.claude.com/docs/en/build-with-claude/structured-outputs). The open-weight
 * models are "select" ones that no page stored here names, and the newer Claude models Bedrock
 * refuses the field for on InvokeModel (anthropic/bedrock-structured-output.ts) are not listed:
 * for every other model the schema is asked for in the system prompt, as before (request-emit.ts).
 * Claude on Converse compiles the schema as Claude's own `output_config.format` (Bedrock's refusal
 * quotes that field: "output_config.format: Extra inputs are not permitted",
 * https://github.com/vectorize-io/hindsight/issues/3300), so the schema is fitted to Claude's
 * subset first, and a recursive one, which Claude does not compile, stays in the prompt.
 */
import type { ResponseFormat } from '../../interlingua/request.js';
import type { JsonSchema } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { bedrockModelName } from '../../wire/bedrock-model-id.js';
import { referenceCycle } from '../../core/json-schema-recursion.js';
import { fitStructuredOutputSchema } from '../claude-family/structured-output-schema.js';
import { isPlainObject } from './vendor-data.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

/** By Anthropic's name of the model, without Bedrock's version (`-v1`) or a snapshot's date. */
const structuredOutputModels = /^claude-(?:sonnet-4-5|haiku-4-5|opus-4-5|opus-4-6|sonnet-4-6)$/;

/** Whether Converse takes `outputConfig.textFormat` for this model id (`us.anthropic.claude-opus-4-6-v1`, …). */
export function takesOutputConfig(modelId: string): boolean {
  const name = bedrockModelName(modelId);
  if (name?.vendor !== 'anthropic') return false;
  return structuredOutputModels.test(name.model.replace(/-v\d+$/, '').replace(/-\d{8}$/, ''));
}

/**
 * The `outputConfig` for a JSON Schema response format, when `modelId` takes one and the schema
 * compiles; undefined leaves the format to the system prompt.
 */
export function emitOutputConfig(format: ResponseFormat | undefined, modelId: string, warnings: Warning[]): Record<string, unknown> | undefined {
  if (format?.type !== 'json' || format.schema === undefined || !takesOutputConfig(modelId)) return undefined;
  if (referenceCycle(format.schema) !== undefined) return undefined;
  const fitted = fitStructuredOutputSchema(format.schema, 'the response schema');
  for (const warning of fitted.warnings) addWarningPerFeature(warnings, warning);
  const jsonSchema: Record<string, unknown> = { schema: JSON.stringify(fitted.schema) };
  if (format.name !== undefined) jsonSchema['name'] = format.name;
  if (format.description !== undefined) jsonSchema['description'] = format.description;
  return { textFormat: { type: 'json_schema', structure: { jsonSchema } } };
}

/** What a Converse caller's `outputConfig` (already checked by request-schema.ts) asks for. */
export interface WireOutputConfig {
  textFormat?: { type: 'json_schema'; structure: { jsonSchema: { schema: string; name?: string | undefined; description?: string | undefined } } } | undefined;
}

/** A Converse caller's `outputConfig` as the interlingua's response format; its schema string must hold a JSON object. */
export function parseOutputConfig(config: WireOutputConfig | undefined): ResponseFormat | undefined {
  const definition = config?.textFormat?.structure.jsonSchema;
  if (definition === undefined) return undefined;
  let schema: unknown;
  try {
    schema = JSON.parse(definition.schema);
  } catch {
    throw new InterlinguaError('invalid_request', 'outputConfig.textFormat.structure.jsonSchema.schema is not JSON.');
  }
  if (!isPlainObject(schema)) throw new InterlinguaError('invalid_request', 'outputConfig.textFormat.structure.jsonSchema.schema is not a JSON Schema object.');
  const format: ResponseFormat = { type: 'json', schema: schema as JsonSchema };
  if (definition.name !== undefined) format.name = definition.name;
  if (definition.description !== undefined) format.description = definition.description;
  return format;
}
