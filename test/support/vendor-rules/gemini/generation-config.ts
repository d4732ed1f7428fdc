import type { VendorRule } from '../rule.js';
import { emptyEnumMember, objectWithoutProperties, schemaProblem } from './schema.js';
import { field, generateRequestOf, generationConfigOf, hasField, listOf } from './wire.js';

/**
 * `generationConfig` rules that hold for every Gemini model (per-model ranges, such as thinking
 * budgets, live with the model rules).
 */

function configOf(request: Parameters<VendorRule['check']>[0]): Record<string, unknown> | undefined {
  const body = generateRequestOf(request);
  return body === undefined ? undefined : generationConfigOf(body);
}

export const generationConfigRules: VendorRule[] = [
  {
    id: 'gemini.generation-config.stop-sequences',
    // https://ai.google.dev/api/generate-content#generationconfig: "stopSequences[]: The set of
    // character sequences (up to 5) that will stop output generation." Wording:
    // https://github.com/cheshire-cat-ai/core/issues/822.
    source: 'ai.google.dev/api/generate-content#generationconfig (stopSequences "up to 5"); wording from github.com/cheshire-cat-ai/core/issues/822',
    check: (request) => {
      const config = configOf(request);
      return config !== undefined && listOf(field(config, 'stopSequences')).length > 5
        ? '* GenerateContentRequest.generation_config.stop_sequences: the number of stop_sequences must not exceed 5.\n'
        : undefined;
    },
  },
  {
    id: 'gemini.generation-config.temperature-range',
    // https://ai.google.dev/api/generate-content#generationconfig: "temperature: … Values can range
    // from [0.0, 2.0]."
    source: 'ai.google.dev/api/generate-content#generationconfig (temperature "Values can range from [0.0, 2.0]")',
    check: (request) => {
      const temperature = configOf(request)?.['temperature'];
      return typeof temperature === 'number' && (temperature < 0 || temperature > 2)
        ? `* GenerateContentRequest.generation_config.temperature: temperature must be in the range [0.0, 2.0], got ${temperature}.\n`
        : undefined;
    },
  },
  {
    id: 'gemini.generation-config.penalty-range',
    // Vertex AI GenerationConfig: "This maximum value for frequencyPenalty is up to, but not including,
    // 2.0. Its minimum value is -2.0." (presencePenalty alike;
    // https://cloud.google.com/vertex-ai/generative-ai/docs/reference/nodejs/latest/vertexai/generationconfig).
    // Google's wording of the refusal is not recorded; this is the judge's, after the temperature rule's.
    source: 'cloud.google.com/vertex-ai/generative-ai/docs/reference/nodejs/latest/vertexai/generationconfig (penalty "up to, but not including, 2.0. Its minimum value is -2.0")',
    check: (request) => {
      const config = configOf(request);
      for (const key of ['presencePenalty', 'frequencyPenalty']) {
        const value = config === undefined ? undefined : field(config, key);
        if (typeof value === 'number' && (value < -2 || value >= 2)) {
          return `* GenerateContentRequest.generation_config.${key === 'presencePenalty' ? 'presence_penalty' : 'frequency_penalty'}: must be in the range [-2.0, 2.0), got ${value}.\n`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'gemini.generation-config.seed-int32',
    // `seed` is an int32 (`field :seed, 8, … type: :int32` in the v1beta GenerationConfig bindings generated from
    // googleapis, github.com/rudebono/elixir-googleapis-protobuf lib/google/ai/generativelanguage/v1beta/generative_service.pb.ex);
    // Vertex AI takes a signed INT32 only (github.com/pollinations/pollinations/pull/6867). Proto JSON refuses a number
    // out of an int32's range; the wording is the judge's, after Google's recorded TYPE_BYTES refusal (contents.ts).
    source: 'googleapis v1beta GenerationConfig (seed: int32); github.com/pollinations/pollinations/pull/6867',
    check: (request) => {
      const config = configOf(request);
      const seed = config === undefined ? undefined : field(config, 'seed');
      if (typeof seed !== 'number' || (Number.isInteger(seed) && seed >= -(2 ** 31) && seed < 2 ** 31)) return undefined;
      return `Invalid JSON payload received. Invalid value at 'generation_config.seed' (TYPE_INT32), ${seed}`;
    },
  },
  {
    id: 'gemini.generation-config.logprobs-range',
    // v1beta GenerationConfig.logprobs: "Only valid if response_logprobs=True. This sets the number of top logprobs to
    // return at each decoding step in the Candidate.logprobs_result. The number must be in the range of [0, 20]." (the
    // googleapis generativelanguage v1beta discovery document and the clients generated from it). Google's wording of
    // the refusal is not recorded; this is the judge's, after the temperature rule's.
    source: 'googleapis generativelanguage v1beta GenerationConfig.logprobs ("must be in the range of [0, 20]")',
    check: (request) => {
      const config = configOf(request);
      const logprobs = config === undefined ? undefined : field(config, 'logprobs');
      if (logprobs === undefined || (typeof logprobs === 'number' && Number.isInteger(logprobs) && logprobs >= 0 && logprobs <= 20)) return undefined;
      return `* GenerateContentRequest.generation_config.logprobs: logprobs must be in the range [0, 20], got ${String(logprobs)}.\n`;
    },
  },
  {
    id: 'gemini.generation-config.thinking-level-with-budget',
    // Gemini 3 takes `thinkingLevel`, and "You cannot use both thinking_level and thinking_budget in the same request.
    // Doing so will return a 400 error from the API." (hexdocs.pm/gemini_ex Gemini.Types.GenerationConfig.ThinkingConfig,
    // citing ai.google.dev/gemini-api/docs/gemini-3; "If a request contains both thinkingLevel and thinkingBudget, the
    // Gemini API returns an HTTP 400", github.com/Tom-Ryder/AgentRunKit/pull/7). Google's words, 400 INVALID_ARGUMENT:
    // "You can only set only one of thinking budget and thinking level." (github.com/sterlp/eclipse-peon-ai/issues/115).
    source: 'ai.google.dev/gemini-api/docs/gemini-3; github.com/Tom-Ryder/AgentRunKit/pull/7; github.com/sterlp/eclipse-peon-ai/issues/115',
    check: (request) => {
      const config = configOf(request);
      const thinking = config === undefined ? undefined : field(config, 'thinkingConfig');
      if (thinking === null || typeof thinking !== 'object') return undefined;
      const record = thinking as Record<string, unknown>;
      return field(record, 'thinkingLevel') !== undefined && field(record, 'thinkingBudget') !== undefined
        ? 'You can only set only one of thinking budget and thinking level.'
        : undefined;
    },
  },
  {
    id: 'gemini.generation-config.response-schema-mime-type',
    // https://ai.google.dev/api/generate-content#generationconfig: responseSchema "If set, a
    // compatible responseMimeType must also be set. Compatible MIME types: application/json";
    // responseJsonSchema "If set, responseSchema must be omitted, but responseMimeType is required."
    // text/x.enum also takes a response schema: "text/x.enum: outputs an enum value as defined in the
    // response schema (useful for classification tasks)" (firebase.google.com/docs/ai-logic/generate-structured-output).
    source: 'ai.google.dev/api/generate-content#generationconfig (responseSchema / responseJsonSchema need responseMimeType application/json); firebase.google.com/docs/ai-logic/generate-structured-output (text/x.enum)',
    check: (request) => {
      const config = configOf(request);
      if (config === undefined || (!hasField(config, 'responseSchema') && !hasField(config, 'responseJsonSchema'))) return undefined;
      const mimeType = field(config, 'responseMimeType');
      return mimeType === 'application/json' || mimeType === 'text/x.enum'
        ? undefined
        : `* GenerateContentRequest.generation_config.response_mime_type: response_mime_type must be application/json when a response schema is set, got "${String(mimeType ?? '')}".\n`;
    },
  },
  {
    id: 'gemini.generation-config.response-schema-exclusive',
    // https://ai.google.dev/api/generate-content#generationconfig, responseJsonSchema: "If set,
    // responseSchema must be omitted".
    source: 'ai.google.dev/api/generate-content#generationconfig (responseJsonSchema "If set, responseSchema must be omitted")',
    check: (request) => {
      const config = configOf(request);
      return config !== undefined && hasField(config, 'responseSchema') && hasField(config, 'responseJsonSchema')
        ? '* GenerateContentRequest.generation_config: response_schema and response_json_schema are mutually exclusive.\n'
        : undefined;
    },
  },
  {
    id: 'gemini.generation-config.response-schema-keywords',
    source: 'ai.google.dev/api/caching#Schema (responseSchema is the OpenAPI subset; see schema.ts)',
    check: (request) => {
      const config = configOf(request);
      return config === undefined ? undefined : schemaProblem(field(config, 'responseSchema'), 'generation_config.response_schema');
    },
  },
  {
    id: 'gemini.generation-config.response-schema-object-properties',
    source: 'recorded error in github.com/browser-use/browser-use/issues/3786 (see schema.ts, objectWithoutProperties)',
    check: (request) => {
      const config = configOf(request);
      const found = config === undefined ? undefined : objectWithoutProperties(field(config, 'responseSchema'), 'generation_config.response_schema');
      return found === undefined ? undefined : `* GenerateContentRequest.${found}: should be non-empty for OBJECT type\n`;
    },
  },
  {
    id: 'gemini.generation-config.response-schema-enum-not-empty',
    // The same `Schema` validation as function parameters: an empty string among enum values is
    // refused (see schema.ts, emptyEnumMember).
    source: 'recorded for function parameters in github.com/sbroenne/mcp-server-excel/issues/607; responseSchema is the same Schema message (see schema.ts, emptyEnumMember)',
    check: (request) => {
      const config = configOf(request);
      const found = config === undefined ? undefined : emptyEnumMember(field(config, 'responseSchema'), 'generation_config.response_schema');
      return found === undefined ? undefined : `* GenerateContentRequest.${found}: cannot be empty\n`;
    },
  },
];
