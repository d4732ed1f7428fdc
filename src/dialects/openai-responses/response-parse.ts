/**
 * An upstream's `response` object → `ChatResponse`, one part per output message content part,
 * function call and reasoning item, in output order. Output items the interlingua cannot hold
 * (`web_search_call`, `file_search_call`, …) and unmodelled response fields stay in
 * `vendor['openai-responses']` so `emitResponse` can put them back. What callers of other dialects
 * cannot get of the messages' annotations is listed for the gateway to report (url-citations-read.ts).
 * Reference: https://platform.openai.com/docs/api-reference/responses/object
 */
import type { AssistantPart } from '../../interlingua/content.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { errorFromWire } from './errors.js';
import { parseFinishReason } from './finish-reason.js';
import { parseModelItem } from './items-parse.js';
import { itemHeadSchema } from './item-schema.js';
import { errorBodySchema, modelledResponseFields, responseSchema } from './response-schema.js';
import { parseUsage } from './usage.js';
import { asVendor, isRecord, ownVendor } from './vendor.js';
import { parseWire } from './wire-parse.js';
import { extraFields } from '../../wire/extra-fields.js';
import { citationsUnported, partCitations } from './url-citations-read.js';
import { pushAll } from '../../core/push-all.js';

export function parseResponse(body: unknown): ChatResponse {
  if (isRecord(body) && body['error'] != null && body['object'] !== 'response') {
    const failure = errorBodySchema.safeParse(body);
    if (failure.success) throw errorFromWire(failure.data.error, JSON.stringify(body));
  }
  const wire = parseWire(responseSchema, body, '', 'upstream_error');
  const { content, otherOutput } = parseOutput(wire.output);
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  const response: ChatResponse = {
    id: wire.id != null && wire.id !== '' ? wire.id : generateId('resp_'),
    model: wire.model ?? '',
    content,
    finishReason: parseFinishReason(wire.status, wire.incomplete_details?.reason, hasToolCalls),
    usage: wire.usage == null ? {} : parseUsage(wire.usage),
  };
  if (wire.created_at != null) response.created = wire.created_at;
  const fields: Record<string, unknown> = {};
  const extras = extraFields(wire, modelledResponseFields);
  if (extras !== undefined) fields['response'] = extras;
  if (otherOutput.length > 0) fields['otherOutput'] = otherOutput;
  if (wire.error != null) fields['error'] = wire.error;
  Object.assign(fields, annotationsUnported(content));
  const vendor = asVendor(fields);
  if (vendor !== undefined) response.vendor = vendor;
  return response;
}

/** The text parts' annotations, counted: URL citations (the parts carry them) and the rest. */
function annotationsUnported(content: readonly AssistantPart[]): ReturnType<typeof citationsUnported> {
  let placed = 0;
  let other = 0;
  for (const part of content) {
    const annotations = part.type === 'text' ? ownVendor(part.vendor)?.['annotations'] : undefined;
    if (part.type !== 'text' || !Array.isArray(annotations)) continue;
    const read = partCitations(annotations, part.text);
    placed += read.citations.length;
    other += read.other;
  }
  return citationsUnported(placed, other);
}

/** An output item kept whole, with the index it had, for a same-dialect pass-through. */
export interface OtherOutputItem {
  index: number;
  item: unknown;
}

export function parseOutput(output: readonly unknown[]): { content: AssistantPart[]; otherOutput: OtherOutputItem[] } {
  const content: AssistantPart[] = [];
  const otherOutput: OtherOutputItem[] = [];
  output.forEach((raw, index) => {
    const path = `output[${index}]`;
    const head = parseWire(itemHeadSchema, raw, path, 'upstream_error');
    if (head.type === 'message' && head.role !== undefined && head.role !== 'assistant') {
      throw new InterlinguaError('upstream_error', `The upstream sent an output message with role '${head.role}'.`);
    }
    const parts = parseModelItem(raw, head.type, path, 'upstream_error');
    if (parts === undefined) otherOutput.push({ index, item: raw });
    else pushAll(content, parts);
  });
  return { content, otherOutput };
}
