/**
 * An upstream's `text_completion` body → `ChatResponse`: the first choice's text is the answer
 * (the interlingua holds one). Fields it does not model (`system_fingerprint`, a choice's
 * `logprobs`, vLLM's `stop_reason`) are kept in `vendor['openai-completions']` under `response` /
 * `choice`, so `emitResponse` can write them back to a completions caller.
 * Reference: https://platform.openai.com/docs/api-reference/completions/object
 */
import type { ChatResponse } from '../../interlingua/response.js';
import { generateId } from '../../core/ids.js';
import { errorFromWire } from './errors.js';
import { parseFinishReason } from './finish-reason.js';
import { completionSchema, errorBodySchema } from './response-schema.js';
import { parseUsage } from './usage.js';
import { asVendor } from './vendor.js';
import { isRecord, parseWire } from './wire-parse.js';
import { extraFields } from '../../wire/extra-fields.js';

const responseFields = new Set(['id', 'object', 'created', 'model', 'choices', 'usage']);
const choiceFields = new Set(['index', 'text', 'finish_reason']);

export function parseResponse(body: unknown): ChatResponse {
  if (isRecord(body) && body['error'] != null) {
    const failure = errorBodySchema.safeParse(body);
    if (failure.success) throw errorFromWire(failure.data.error, JSON.stringify(body));
  }
  const wire = parseWire(completionSchema, body, 'upstream_error');
  const [firstChoice] = wire.choices;
  const choice = wire.choices.find((candidate) => (candidate.index ?? 0) === 0) ?? firstChoice;
  if (choice === undefined) throw new Error('unreachable: choices has at least one element');

  const text = choice.text ?? '';
  const response: ChatResponse = {
    id: wire.id != null && wire.id !== '' ? wire.id : generateId('cmpl-'),
    model: wire.model ?? '',
    content: text === '' ? [] : [{ type: 'text', text }],
    finishReason: choice.finish_reason == null ? { unified: 'other' } : parseFinishReason(choice.finish_reason),
    usage: wire.usage == null ? {} : parseUsage(wire.usage),
  };
  if (wire.created != null) response.created = wire.created;

  const vendorFields: Record<string, unknown> = {};
  const responseExtras = extraFields(wire, responseFields);
  // `logprobs: null` is the default every body carries; only real log probabilities are kept.
  const choiceExtras = extraFields(choice.logprobs === null ? { ...choice, logprobs: undefined } : choice, choiceFields);
  if (responseExtras !== undefined) vendorFields['response'] = responseExtras;
  if (choiceExtras !== undefined) vendorFields['choice'] = choiceExtras;
  const vendor = asVendor(vendorFields);
  if (vendor !== undefined) response.vendor = vendor;
  return response;
}
