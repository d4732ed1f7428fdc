/**
 * The model settings both Ollama APIs take in the same shape, `options`, `format` and `think`,
 * → the interlingua's sampling, response format and reasoning. Options the interlingua has no
 * place for (`num_ctx`, `repeat_penalty`…) go to the shared `vendor.ollama` slice as dotted paths.
 * Reference: https://github.com/ollama/ollama/blob/main/docs/api.md#parameters, docs/modelfile.md
 */
import type { ReasoningSettings, ResponseFormat, Sampling } from '../../interlingua/request.js';
import { setField, type JsonObject } from './json-value.js';
import { stopAsStringKey } from './vendor-slice.js';
import type { WireFormat, WireOptions, WireThink } from './wire-schema.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { checkSamplingValues } from '../../core/sampling-values.js';
import { extraFields } from '../../wire/extra-fields.js';

const optionFields = new Set(['temperature', 'top_p', 'top_k', 'num_predict', 'stop', 'seed', 'presence_penalty', 'frequency_penalty']);

/**
 * The options the interlingua models. `num_predict` of -1 (no limit) or -2 (fill the context) is
 * not a token count, so it stays an Ollama option (docs/modelfile.md "num_predict").
 */
export function parseSampling(options: WireOptions | null | undefined, vendor: JsonObject): Sampling {
  const sampling: Sampling = {};
  if (options == null) return sampling;
  if (options.temperature != null) sampling.temperature = options.temperature;
  if (options.top_p != null) sampling.topP = options.top_p;
  if (options.top_k != null) sampling.topK = options.top_k;
  if (options.num_predict != null) {
    // -1 and -2 are the only counts below 1 with a meaning (docs/modelfile.md "num_predict").
    if (!Number.isInteger(options.num_predict) || options.num_predict < -2) {
      throw new InterlinguaError('invalid_request', "Invalid value for 'options.num_predict': expected a whole number of tokens, or -1 (no limit) or -2 (fill the context).", { param: 'options.num_predict' });
    }
    if (options.num_predict > 0) sampling.maxOutputTokens = options.num_predict;
    else setField(vendor, 'options.num_predict', options.num_predict);
  }
  if (options.stop != null) {
    sampling.stopSequences = typeof options.stop === 'string' ? [options.stop] : options.stop;
    if (typeof options.stop === 'string') setField(vendor, stopAsStringKey, true);
  }
  if (options.seed != null) sampling.seed = options.seed;
  if (options.presence_penalty != null) sampling.presencePenalty = options.presence_penalty;
  if (options.frequency_penalty != null) sampling.frequencyPenalty = options.frequency_penalty;
  for (const [key, value] of Object.entries(extraFields(options, optionFields) ?? {})) setField(vendor, `options.${key}`, value);
  checkSamplingValues(sampling, { maxOutputTokens: 'options.num_predict', temperature: 'options.temperature', topP: 'options.top_p', topK: 'options.top_k' });
  return sampling;
}

/** `"json"` asks for any JSON object; an object is the JSON Schema the answer must match. */
export function parseFormat(format: WireFormat | null | undefined): ResponseFormat | undefined {
  if (format == null) return undefined;
  return format === 'json' ? { type: 'json' } : { type: 'json', schema: format };
}

/**
 * `think`: true/false switches a thinking model's reasoning on or off; "low" | "medium" |
 * "high" sets its effort (gpt-oss) (docs/openapi.yaml `ChatRequest.think`).
 */
export function parseThink(think: WireThink | null | undefined): ReasoningSettings | undefined {
  if (think == null) return undefined;
  if (think === false) return { enabled: false };
  // With thinking on, Ollama returns the thoughts apart (`message.thinking`): the caller sees them.
  if (think === true) return { enabled: true, includeThoughts: true };
  return { enabled: true, effort: think, includeThoughts: true };
}
