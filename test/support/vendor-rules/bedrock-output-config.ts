/**
 * Converse structured output: `outputConfig.textFormat`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_OutputConfig.html). The
 * shape is judged member by member against the API reference: `OutputFormat` takes `type`
 * ("Valid Values: json_schema", required) and `structure` (required, a union), whose only member
 * `jsonSchema` is a `JsonSchemaDefinition` of `schema` ("Type: String", required), `name` and
 * `description` (strings) (API_runtime_OutputFormat.html, API_runtime_OutputFormatStructure.html,
 * API_runtime_JsonSchemaDefinition.html). A wrong shape is answered in Bedrock's validation
 * wording (test/fixtures/recorded/bedrock/error-400-validation-tool-name-pattern.json: "1
 * validation error detected: Value at '…' failed to satisfy constraint: …").
 *
 * The models: Bedrock's Claude page names Claude Sonnet 4.5, Haiku 4.5, Opus 4.5 and Opus 4.6
 * "through the Converse API (Converse or ConverseStream)"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-structured-outputs.html),
 * Anthropic's page adds Sonnet 4.6 on Amazon Bedrock
 * (https://platform.claude.com/docs/en/build-with-claude/structured-outputs). Another Claude
 * model's refusal on Converse, where Bedrock hands the field to Claude as `output_config.format`:
 * "The model returned the following errors: output_config.format: Extra inputs are not permitted"
 * (https://github.com/vectorize-io/hindsight/issues/3300, https://github.com/BerriAI/litellm/issues/27846).
 * Other vendors' models are not judged: the docs name "select" open-weight ones without a list
 * stored here, and Amazon Nova is reported to take the field (litellm #27846).
 */
import { isRecord, type JudgedRequest, type VendorRule } from './rule.js';

/** Claude models that take `outputConfig` on Converse, by Anthropic's name without date or version. */
const structuredOutputClaude = /^claude-(?:sonnet-4-5|haiku-4-5|opus-4-5|opus-4-6|sonnet-4-6)$/;

const invalid = (path: string, constraint: string): string => `1 validation error detected: Value at '${path}' failed to satisfy constraint: ${constraint}`;

/** The first fault of an `outputConfig`, or undefined when it has the documented shape. */
function shapeFault(config: unknown): string | undefined {
  if (!isRecord(config)) return invalid('outputConfig', 'Member must be a structure');
  // `effort` is OutputConfig's other member in the SDK's model (@aws-sdk/client-bedrock-runtime
  // dist-types/models/models_0.d.ts, `OutputConfig`); it is not judged here.
  const extra = Object.keys(config).filter((key) => key !== 'textFormat' && key !== 'effort');
  if (extra.length > 0) return invalid(`outputConfig.${extra[0]}`, 'Member is not a member of OutputConfig');
  const format = config['textFormat'];
  if (format === undefined) return undefined;
  if (!isRecord(format)) return invalid('outputConfig.textFormat', 'Member must be a structure');
  const formatExtra = Object.keys(format).filter((key) => key !== 'type' && key !== 'structure');
  if (formatExtra.length > 0) return invalid(`outputConfig.textFormat.${formatExtra[0]}`, 'Member is not a member of OutputFormat');
  if (format['type'] !== 'json_schema') return invalid('outputConfig.textFormat.type', 'Member must satisfy enum value set: [json_schema]');
  const structure = format['structure'];
  if (!isRecord(structure)) return invalid('outputConfig.textFormat.structure', 'Member must not be null');
  const members = Object.keys(structure);
  if (members.length !== 1 || members[0] !== 'jsonSchema') return invalid('outputConfig.textFormat.structure', 'Member must have exactly one of jsonSchema');
  const definition = structure['jsonSchema'];
  if (!isRecord(definition)) return invalid('outputConfig.textFormat.structure.jsonSchema', 'Member must be a structure');
  const definitionExtra = Object.keys(definition).filter((key) => !['schema', 'name', 'description'].includes(key));
  if (definitionExtra.length > 0) return invalid(`outputConfig.textFormat.structure.jsonSchema.${definitionExtra[0]}`, 'Member is not a member of JsonSchemaDefinition');
  if (typeof definition['schema'] !== 'string') return invalid('outputConfig.textFormat.structure.jsonSchema.schema', 'Member must be a string');
  for (const field of ['name', 'description']) {
    if (definition[field] !== undefined && typeof definition[field] !== 'string') return invalid(`outputConfig.textFormat.structure.jsonSchema.${field}`, 'Member must be a string');
  }
  let schema: unknown;
  try {
    schema = JSON.parse(definition['schema']);
  } catch {
    return invalid('outputConfig.textFormat.structure.jsonSchema.schema', 'Member must be a JSON Schema');
  }
  return isRecord(schema) ? undefined : invalid('outputConfig.textFormat.structure.jsonSchema.schema', 'Member must be a JSON Schema');
}

/** The rules, for a judge that knows which requests are Converse and which model a request names. */
export function outputConfigRules(isConverse: (request: JudgedRequest) => boolean, modelOf: (request: JudgedRequest) => string): VendorRule[] {
  const outputConfigOf = (request: JudgedRequest): unknown => (isConverse(request) && isRecord(request.body) ? request.body['outputConfig'] : undefined);
  return [
    {
      id: 'bedrock.converse.output-config.shape',
      source: 'docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_OutputConfig.html, API_runtime_OutputFormat.html, API_runtime_JsonSchemaDefinition.html',
      check: (request) => {
        const config = outputConfigOf(request);
        return config === undefined ? undefined : shapeFault(config);
      },
    },
    {
      id: 'bedrock.converse.output-config.models',
      source: 'docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-structured-outputs.html; github.com/vectorize-io/hindsight/issues/3300',
      check: (request) => {
        const config = outputConfigOf(request);
        if (!isRecord(config) || config['textFormat'] === undefined) return undefined;
        const claude = /(?:^|[./])anthropic\.(claude-[a-z0-9-]+?)(?:-\d{8})?(?:-v\d+(?::\d+)?)?$/.exec(modelOf(request))?.[1];
        if (claude === undefined || structuredOutputClaude.test(claude)) return undefined;
        return 'The model returned the following errors: output_config.format: Extra inputs are not permitted';
      },
    },
  ];
}
