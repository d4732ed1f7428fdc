/**
 * A legacy Completions request body (untrusted JSON) → `ChatRequest`: the prompt becomes one
 * user message, sampling maps one to one, and everything without an interlingua place (`suffix`,
 * `echo`, `best_of`, `logit_bias`, unknown fields) is kept in the vendor slice
 * together with the `@prompt` marker, so this dialect's emitter can send the prompt back verbatim.
 * Reference: https://platform.openai.com/docs/api-reference/completions/create
 */
import type { ParsedRequest, ParseRequestContext } from '../../interlingua/dialect.js';
import type { ChatRequest, Sampling } from '../../interlingua/request.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { modelledRequestFields, requestSchema, type WireRequest } from './request-schema.js';
import { asVendor, promptShapeKey, rawPromptMarker, stopShapeKey } from './vendor.js';
import { isRecord, parseWire } from './wire-parse.js';
import { checkSamplingValues } from '../../core/sampling-values.js';
import { extraFields } from '../../wire/extra-fields.js';

const streamOptionFields = new Set(['include_usage']);

export function parseRequest(body: unknown, context: ParseRequestContext): ParsedRequest {
  if (!isRecord(body)) throw new InterlinguaError('invalid_request', 'The request body must be a JSON object.');
  // A model the route names (Azure's deployment in the path) decides, whatever the body says, as on chat.
  const source = context.model !== undefined ? { ...body, model: context.model } : body;
  const wire = parseWire(requestSchema, source);
  const prompt = readPrompt(body);
  const vendorFields: Record<string, unknown> = { [rawPromptMarker]: true, ...extraFields(wire, modelledRequestFields) };
  if (prompt.shape === 'array') vendorFields[promptShapeKey] = 'array';
  if (typeof wire.stop === 'string') vendorFields[stopShapeKey] = 'string';

  const request: ChatRequest = {
    model: wire.model,
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: prompt.text }] }],
    sampling: parseSampling(wire),
    stream: wire.stream ?? context.stream ?? false,
  };
  if (wire.stream_options != null) {
    if (wire.stream_options.include_usage != null) request.streamUsage = wire.stream_options.include_usage;
    const otherOptions = extraFields(wire.stream_options, streamOptionFields);
    if (otherOptions !== undefined) vendorFields['stream_options'] = otherOptions;
  }
  if (wire.user != null) request.user = wire.user;
  // `logprobs: N` asks for the chosen tokens' log probabilities and the N likeliest beside each
  // (https://platform.openai.com/docs/api-reference/completions/create#completions-create-logprobs): the interlingua's ask.
  if (typeof wire.logprobs === 'number') {
    request.logprobs = { topLogprobs: wire.logprobs };
    delete vendorFields['logprobs'];
  }
  const vendor = asVendor(vendorFields);
  if (vendor !== undefined) request.vendor = vendor;
  return { request, warnings: [] };
}

/**
 * `prompt` may be a string, an array of strings, an array of token ids or an array of token-id
 * arrays (completions.d.ts). The interlingua holds one conversation of text, so exactly one text
 * prompt is taken; several prompts would need several answers, and token ids only mean something
 * to the model's own tokenizer. `null` is documented to mean "from the beginning of a new
 * document" (completions.d.ts on `<|endoftext|>`), which is an empty prompt.
 */
function readPrompt(body: Record<string, unknown>): { text: string; shape: 'string' | 'array' } {
  const prompt = body['prompt'];
  if (prompt === undefined) throw new InterlinguaError('invalid_request', "Missing required field 'prompt'.", { param: 'prompt' });
  if (prompt === null) return { text: '', shape: 'string' };
  if (typeof prompt === 'string') return { text: prompt, shape: 'string' };
  if (Array.isArray(prompt)) {
    if (prompt.length > 0 && prompt.every((element) => typeof element === 'number' || Array.isArray(element))) {
      throw new InterlinguaError('invalid_request', "Invalid value for 'prompt': token-id prompts are not supported; send the prompt as text.", {
        param: 'prompt',
      });
    }
    if (prompt.length > 1) {
      throw new InterlinguaError(
        'invalid_request',
        `Invalid value for 'prompt': only one prompt per request is supported, got ${prompt.length}; send one request per prompt.`,
        { param: 'prompt' },
      );
    }
    const [only] = prompt;
    if (typeof only === 'string') return { text: only, shape: 'array' };
  }
  throw new InterlinguaError('invalid_request', "Invalid value for 'prompt': expected a string or an array of one string.", { param: 'prompt' });
}

/** `max_tokens` stays unset when absent: OpenAI's default (16) is the upstream's to apply. */
function parseSampling(wire: WireRequest): Sampling {
  const sampling: Sampling = {};
  if (wire.temperature != null) sampling.temperature = wire.temperature;
  if (wire.top_p != null) sampling.topP = wire.top_p;
  if (wire.max_tokens != null) sampling.maxOutputTokens = wire.max_tokens;
  if (wire.stop != null) sampling.stopSequences = typeof wire.stop === 'string' ? [wire.stop] : wire.stop;
  if (wire.seed != null) sampling.seed = wire.seed;
  if (wire.presence_penalty != null) sampling.presencePenalty = wire.presence_penalty;
  if (wire.frequency_penalty != null) sampling.frequencyPenalty = wire.frequency_penalty;
  if (wire.n != null) sampling.candidateCount = wire.n;
  // Temperature "between 0 and 2" (API reference, as the openai SDK's CompletionCreateParams documents it).
  checkSamplingValues(sampling, { maxOutputTokens: 'max_tokens', candidateCount: 'n' }, 2);
  return sampling;
}
