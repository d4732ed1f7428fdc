/**
 * A streamed `refusal` content part (`response.content_part.added` with `{type: 'refusal'}`,
 * `response.refusal.delta`, `response.refusal.done`: `ResponseRefusalDeltaEvent`,
 * `ResponseRefusalDoneEvent` in node_modules/openai/resources/responses/responses.d.ts) decodes to
 * a text block marked as the whole answer's refusal part is, and the encoder writes such a block
 * (from this dialect or from Chat Completions' `delta.refusal`) back as a refusal part: in its
 * events, its output item and the final response. No recording of a refusal stream exists
 * (fixtures/MANIFEST.md), so the events are written here after the SDK's types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStream } from '../../../src/core/fold-stream.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import type { AssistantPart } from '../../../src/interlingua/content.js';
import { contextFor, decodeFrames, sseFrames, type Json } from './helpers.js';

const refusal = "I can't help with that.";
const frame = (body: Record<string, unknown>) => ({ event: String(body['type']), data: JSON.stringify(body) });
const response = { id: 'resp_1', object: 'response', created_at: 1, status: 'in_progress', model: 'gpt-4o', output: [], usage: null };
const item = { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
const doneItem = { ...item, status: 'completed', content: [{ type: 'refusal', refusal }] };
const where = { item_id: 'msg_1', output_index: 0, content_index: 0 };
const completed = { ...response, status: 'completed', output: [doneItem], usage: { input_tokens: 5, output_tokens: 6, total_tokens: 11 } };

const refusalStream = [
  frame({ type: 'response.created', sequence_number: 0, response }),
  frame({ type: 'response.output_item.added', sequence_number: 1, output_index: 0, item }),
  frame({ type: 'response.content_part.added', sequence_number: 2, ...where, part: { type: 'refusal', refusal: '' } }),
  frame({ type: 'response.refusal.delta', sequence_number: 3, ...where, delta: "I can't" }),
  frame({ type: 'response.refusal.delta', sequence_number: 4, ...where, delta: ' help with that.' }),
  frame({ type: 'response.refusal.done', sequence_number: 5, ...where, refusal }),
  frame({ type: 'response.content_part.done', sequence_number: 6, ...where, part: { type: 'refusal', refusal } }),
  frame({ type: 'response.output_item.done', sequence_number: 7, output_index: 0, item: doneItem }),
  frame({ type: 'response.completed', sequence_number: 8, response: completed }),
];

/** Text parts as text and the refusal mark, without the item fields (its id) a whole answer keeps and a stream does not. */
function marked(parts: readonly AssistantPart[]): unknown[] {
  return parts.map((part) => (part.type === 'text' ? { text: part.text, partType: part.vendor?.['openai-responses']?.['partType'] } : part));
}

test('a streamed refusal part folds to the part the unstreamed parse gives', () => {
  const events = decodeFrames(refusalStream);
  const start = events.find((event) => event.type === 'text-start');
  assert.deepEqual(start, { type: 'text-start', id: start?.id, vendor: { 'openai-responses': { partType: 'refusal' } } });
  const whole = openaiResponsesDialect.parseResponse(completed);
  assert.deepEqual(marked(foldStream(events).content), marked(whole.content));
  assert.deepEqual(marked(whole.content), [{ text: refusal, partType: 'refusal' }]);
});

test('a proxy that sends only the refusal deltas still gives a refusal', () => {
  const events = decodeFrames(refusalStream.filter((each) => each.event !== 'response.content_part.added'));
  assert.deepEqual(marked(foldStream(events).content), [{ text: refusal, partType: 'refusal' }]);
});

/** The encoder's output for `events`: its event types, the parts it added, and the final response's message content. */
function encoded(events: readonly StreamEvent[]): { types: string[]; added: Json[]; final: Json } {
  const encoder = openaiResponsesDialect.createStreamEncoder(contextFor());
  const written = sseFrames(events.map((event) => encoder.encode(event)).join('')).map((each) => JSON.parse(each.data) as Record<string, Json>);
  const output = ((encoder.finalResponse?.() as Record<string, Json> | undefined)?.['output'] ?? []) as Array<Record<string, Json>>;
  return {
    types: written.map((event) => String(event['type'])),
    added: written.filter((event) => event['type'] === 'response.content_part.added').map((event) => event['part'] as Json),
    final: output.map((each) => each['content'] as Json),
  };
}

const refusalEvents = [
  'response.created',
  'response.in_progress',
  'response.output_item.added',
  'response.content_part.added',
  'response.refusal.delta',
  'response.refusal.delta',
  'response.refusal.done',
  'response.content_part.done',
  'response.output_item.done',
  'response.completed',
];

test('the encoder writes a decoded refusal back as a refusal part, as the whole answer does', () => {
  const out = encoded(decodeFrames(refusalStream));
  assert.deepEqual(out.types, refusalEvents);
  assert.deepEqual(out.added, [{ type: 'refusal', refusal: '' }]);
  assert.deepEqual(out.final, [[{ type: 'refusal', refusal }]]);
  const whole = openaiResponsesDialect.emitResponse(openaiResponsesDialect.parseResponse(completed), contextFor({ stream: false })) as Record<string, Json>;
  assert.deepEqual((whole['output'] as Array<Record<string, Json>>).map((each) => each['content']), out.final);
});

test('the encoder writes a Chat Completions refusal block as a refusal part', () => {
  const out = encoded([
    { type: 'response-start', id: 'chatcmpl-1', model: 'gpt-4o' },
    { type: 'text-start', id: 'r', vendor: { 'openai-chat': { partType: 'refusal' } } },
    { type: 'text-delta', id: 'r', delta: "I can't" },
    { type: 'text-delta', id: 'r', delta: ' help with that.' },
    { type: 'text-end', id: 'r' },
    { type: 'finish', finishReason: { unified: 'stop' }, usage: {} },
  ]);
  assert.deepEqual(out.types, refusalEvents);
  assert.deepEqual(out.final, [[{ type: 'refusal', refusal }]]);
});
