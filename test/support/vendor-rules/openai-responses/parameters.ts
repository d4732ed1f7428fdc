import { responseSchemaRootProblem } from '../openai-family/response-schema-root.js';
import { isRecord } from '../rule.js';
import { quotedList, typeWord, type OpenAIRule } from '../openai-family/openai-rule.js';
import { rangeRules } from '../openai-family/numeric-range.js';
import { strictSchemaViolation } from '../openai-family/strict-schema.js';
import { promptCacheKeyRule } from '../openai-family/prompt-cache-key.js';

/** Responses rules on top-level parameters that hold for every model. */

const responsesCreate = 'platform.openai.com/docs/api-reference/responses/create';

/** openai-node resources/responses.d.ts `ResponseIncludable` (the values `include` takes). */
const includable = [
  'file_search_call.results',
  'web_search_call.results',
  'web_search_call.action.sources',
  'message.input_image.image_url',
  'computer_call_output.output.image_url',
  'code_interpreter_call.outputs',
  'reasoning.encrypted_content',
  'message.output_text.logprobs',
] as const;

/** openai-node ResponseCreateParams.truncation: 'auto' | 'disabled'. */
const truncationValues = ['auto', 'disabled'] as const;

export const parameterRules: OpenAIRule[] = [
  promptCacheKeyRule('openai-responses'),
  {
    id: 'openai-responses.model.required',
    // platform.openai.com/docs/api-reference/responses/create: "model string Required".
    source: `${responsesCreate} (model: required)`,
    param: 'model',
    code: 'missing_required_parameter',
    check: ({ body }) => (isRecord(body) && typeof body.model !== 'string' ? "Missing required parameter: 'model'." : undefined),
  },
  {
    id: 'openai-responses.instructions.string',
    // openai-node ResponseCreateParams.instructions: "string | null".
    source: 'openai-node resources/responses.d.ts ResponseCreateParams.instructions (string | null)',
    param: 'instructions',
    code: 'invalid_type',
    check: ({ body }) =>
      isRecord(body) && body.instructions !== undefined && body.instructions !== null && typeof body.instructions !== 'string'
        ? `Invalid type for 'instructions': expected a string, but got ${typeWord(body.instructions)} instead.`
        : undefined,
  },
  ...rangeRules('openai-responses', 'max_output_tokens', { min: 16, integer: true }, 'github.com/vectorize-io/hindsight/issues/58 (real 400: max_output_tokens >= 16)'),
  ...rangeRules('openai-responses', 'temperature', { min: 0, max: 2 }, `test/fixtures/recorded/openai-responses/pa-error-400-decimal-below-min.response.json; ${responsesCreate}: temperature "between 0 and 2"`),
  ...rangeRules('openai-responses', 'top_p', { min: 0, max: 1 }, `${responsesCreate}: top_p (nucleus sampling mass, 0..1)`),
  ...rangeRules('openai-responses', 'top_logprobs', { min: 0, max: 20, integer: true }, `${responsesCreate}: top_logprobs "An integer between 0 and 20"`),
  {
    id: 'openai-responses.include.values',
    // openai-node ResponseIncludable, and responses/create "include: Specify additional output data to
    // include in the model response. Currently supported values are: …".
    source: `${responsesCreate} (include: supported values); openai-node ResponseIncludable`,
    param: 'include',
    code: 'invalid_value',
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.include)) return undefined;
      const unknown = body.include.find((value) => !(includable as readonly unknown[]).includes(value));
      return unknown === undefined ? undefined : `Invalid value: '${String(unknown)}'. Supported values are: ${quotedList(includable)}.`;
    },
  },
  {
    id: 'openai-responses.truncation.values',
    // openai-node ResponseCreateParams.truncation: 'auto' | 'disabled'.
    source: `${responsesCreate} (truncation: auto or disabled)`,
    param: 'truncation',
    code: 'invalid_value',
    check: ({ body }) =>
      isRecord(body) && body.truncation !== undefined && body.truncation !== null && !(truncationValues as readonly unknown[]).includes(body.truncation)
        ? `Invalid value: '${String(body.truncation)}'. Supported values are: ${quotedList(truncationValues)}.`
        : undefined,
  },
  {
    id: 'openai-responses.text.format.json_schema-fields',
    // A real 400 (github.com/openai/openai-node/pull/1404, param text.format.name, code
    // missing_required_parameter): "Missing required parameter: 'text.format.name'."; `schema` is
    // required too (openai-node ResponseFormatTextJSONSchemaConfig: "schema: { [key: string]: unknown }").
    source: 'github.com/openai/openai-node/pull/1404; github.com/vercel/ai/issues/21202 (json_schema format needs name and schema)',
    code: 'missing_required_parameter',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.text) || !isRecord(body.text.format) || body.text.format.type !== 'json_schema') return undefined;
      const format = body.text.format;
      if (typeof format.name !== 'string') return "Missing required parameter: 'text.format.name'.";
      if (!isRecord(format.schema)) return "Missing required parameter: 'text.format.schema'.";
      return undefined;
    },
  },
  {
    id: 'openai-responses.text.format.schema-root-object',
    // As on Chat Completions (openai-family/response-schema-root.ts).
    source: 'github.com/podly-pure-podcasts/podly_pure_podcasts/pull/89',
    param: 'text.format',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.text) || !isRecord(body.text.format) || body.text.format.type !== 'json_schema') return undefined;
      return responseSchemaRootProblem(body.text.format.schema, String(body.text.format.name));
    },
  },
  {
    id: 'openai-responses.text.format.json_object-needs-json-word',
    // A live 400 quoted in public code (2026, also from Azure's gpt-5.4-mini): {"error":{"message":"Response input
    // messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.","type":
    // "invalid_request_error","param":"text.format","code":null}}; `instructions` naming JSON were seen not to count.
    source: 'live 400 quoted in public code (Responses JSON mode without the word in the input)',
    param: 'text.format',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.text) || !isRecord(body.text.format) || body.text.format.type !== 'json_object') return undefined;
      return inputNamesJson(body.input) ? undefined : "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.";
    },
  },
  {
    id: 'openai-responses.text.format.strict-schema',
    // A real 400 (github.com/mavam/pi-web-providers/issues/14, param text.format.schema, code
    // invalid_json_schema): "Invalid schema for response_format 'codex_output_schema': In context=(),
    // 'additionalProperties' is required to be supplied and to be false."
    source: 'github.com/mavam/pi-web-providers/issues/14 (strict text.format schema)',
    param: 'text.format.schema',
    code: 'invalid_json_schema',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.text) || !isRecord(body.text.format) || body.text.format.type !== 'json_schema') return undefined;
      const format = body.text.format;
      return format.strict === true ? strictSchemaViolation(format.schema, `response_format '${String(format.name)}'`) : undefined;
    },
  },
];

/** Whether `input` (a string is one user message) holds a message whose text names JSON. */
function inputNamesJson(input: unknown): boolean {
  if (typeof input === 'string') return /json/i.test(input);
  if (!Array.isArray(input)) return false;
  return input.some((item) => {
    if (!isRecord(item) || typeof item.role !== 'string') return false;
    if (typeof item.content === 'string') return /json/i.test(item.content);
    return Array.isArray(item.content) && item.content.some((part) => isRecord(part) && typeof part.text === 'string' && /json/i.test(part.text));
  });
}
