/**
 * The OpenAI Responses pass-through tap (src/gateway/pass-through/dialect-taps.ts): which events
 * it decodes, and that a relayed stream ends as the parsing path would judge it — the same
 * finish (reason and usage) and verdict as the dialect's decoder reading every frame — on every
 * recorded Responses stream (test/fixtures/recorded/openai-responses/*.sse), however it is split.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesDialect } from '../../src/dialects/openai-responses/index.js';
import { passThroughTapFor } from '../../src/gateway/pass-through/dialect-taps.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';
import { readFixtureText } from '../support/fixtures.js';
import { assertRelaysEveryRecording, decodedWhole as decodedWholeBy, drain, relaySse, splitBytes } from './support/relay-harness.js';

const found = passThroughTapFor('openai-responses');
if (found === undefined) throw new Error('openai-responses has a tap');
const tap = found;

const relay = (chunks: Buffer[]) => relaySse(openaiResponsesDialect, tap, chunks, 'http://upstream.test/v1/responses');
const decodedWhole = (text: string) => decodedWholeBy(openaiResponsesDialect, text);
const split = splitBytes;

test('only the end, failures, errors and new items are decoded, with any JSON spacing', () => {
  assert.equal(tap.matters('{"type":"response.completed","response":{"status":"completed","usage":{"input_tokens":3}}}', 'response.completed'), true);
  assert.equal(tap.matters('{"type": "response.incomplete", "response": {}}', 'response.incomplete'), true);
  assert.equal(tap.matters('{"type":"response.failed","response":{"error":{"code":"server_error"}}}', 'response.failed'), true);
  assert.equal(tap.matters('{"type":"error","code":"server_error","message":"Overloaded"}', 'error'), true);
  assert.equal(tap.matters('{"type":"response.output_item.added","output_index":1,"item":{"type":"function_call"}}', 'response.output_item.added'), true);
  // The decoder takes the type from the event name when the data has none, and reads every frame of a stream without names.
  assert.equal(tap.matters('{"response":{"status":"completed"}}', 'response.completed'), true);
  assert.equal(tap.matters('{"type":"response.output_text.delta","delta":"Hi"}', undefined), true);
  assert.equal(tap.matters('[DONE]', 'done'), true);

  assert.equal(tap.matters('{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"Olá"}', 'response.output_text.delta'), false);
  assert.equal(tap.matters('{"type": "response.function_call_arguments.delta", "output_index": 1, "delta": "{\\"type\\": \\"error\\""}', 'response.function_call_arguments.delta'), false);
  assert.equal(tap.matters('{"type":"response.output_item.done","output_index":0,"item":{"type":"message"}}', 'response.output_item.done'), false);
});

test('every recorded stream, relayed in pieces of any size, is forwarded as it came and ends as the parsing path judges it', async () => {
  await assertRelaysEveryRecording(openaiResponsesDialect, tap, 'openai-responses', { sizes: [9, 100], atLeast: 8 });
});

test('a stream that ends before response.completed is interrupted, as the decoder says', async () => {
  const text = readFixtureText('openai-responses/fantasy-gpt5-simple_streaming.response.sse');
  const cut = text.slice(0, text.indexOf('event: response.completed'));
  assert.equal(decodedWhole(cut).at(-1)?.type, 'error');
  const stream = relay(split(cut, 200));
  let ended: { finished: boolean; code: string | undefined } | undefined;
  stream.whenEnded((finished, broken) => (ended = { finished, code: broken?.code }));
  const pieces = await drain(stream);
  assert.equal(pieces.at(-1)?.failure?.code, 'stream_interrupted');
  assert.deepEqual(ended, { finished: false, code: 'stream_interrupted' });
});

test('a whole answer\'s usage is read with the dialect\'s own mapping', () => {
  const usage = tap.usageOfResponse(JSON.parse(readFixtureText('openai-responses/fantasy-gpt5-simple.response.json')));
  assert.ok(usage?.inputTokens !== undefined && usage.outputTokens !== undefined && usage.reasoningTokens !== undefined, JSON.stringify(usage));
  assert.equal(tap.usageOfResponse({ object: 'response' }), undefined);
});

test('a function call after the text still makes the finish tool-calls, as on the parsing path', async () => {
  const message = { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Looking.', annotations: [] }] };
  const call = { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'lookup', arguments: '{"word":"oi"}' };
  const response = { id: 'resp_1', object: 'response', created_at: 1, model: 'gpt-5', status: 'completed', output: [message, call], usage: { input_tokens: 9, output_tokens: 4, total_tokens: 13 } };
  const events: Array<Record<string, unknown>> = [
    { type: 'response.created', response: { ...response, status: 'in_progress', output: [], usage: null } },
    { type: 'response.output_item.added', output_index: 0, item: { ...message, status: 'in_progress', content: [] } },
    { type: 'response.content_part.added', output_index: 0, content_index: 0, item_id: 'msg_1', part: { type: 'output_text', text: '', annotations: [] } },
    { type: 'response.output_text.delta', output_index: 0, content_index: 0, item_id: 'msg_1', delta: 'Look' },
    { type: 'response.output_text.delta', output_index: 0, content_index: 0, item_id: 'msg_1', delta: 'ing.' },
    { type: 'response.output_text.done', output_index: 0, content_index: 0, item_id: 'msg_1', text: 'Looking.' },
    { type: 'response.output_item.done', output_index: 0, item: message },
    { type: 'response.output_item.added', output_index: 1, item: { ...call, status: 'in_progress', arguments: '' } },
    { type: 'response.function_call_arguments.delta', output_index: 1, item_id: 'fc_1', delta: '{"word":"oi"}' },
    { type: 'response.function_call_arguments.done', output_index: 1, item_id: 'fc_1', arguments: '{"word":"oi"}' },
    { type: 'response.output_item.done', output_index: 1, item: call },
    { type: 'response.completed', response },
  ];
  const text = events.map((event, index) => `event: ${String(event['type'])}\ndata: ${JSON.stringify({ ...event, sequence_number: index })}\n\n`).join('');
  const expected = decodedWhole(text).find((event) => event.type === 'finish');
  assert.ok(expected?.type === 'finish' && expected.finishReason.unified === 'tool-calls');
  const relayed = (await drain(relay([Buffer.from(text, 'utf8')]))).flatMap((piece) => piece.events);
  assert.deepEqual(relayed.find((event) => event.type === 'finish'), expected);
});
