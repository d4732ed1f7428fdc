/**
 * The encoder writes the event sequence OpenAI sends and the SDK's ResponseStream accumulates
 * (node_modules/openai/lib/responses/ResponseAccumulator.js): every output is checked by
 * `assertValidResponsesStream`, decoded back and folded. The SDK itself reads it in sdk-client.test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStream } from '../../../src/core/fold-stream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { asObject, assertValidResponsesStream, decodeFrames, encodeEvents, readStreamFrames, splitStreams, sseFrames, streamFixtures } from './helpers.js';

function roundTrip(events: readonly StreamEvent[]): ChatResponse {
  const text = encodeEvents(events);
  assertValidResponsesStream(text);
  return foldStream(decodeFrames(sseFrames(text)));
}

function partFacts(response: ChatResponse) {
  return response.content.map((part) => {
    switch (part.type) {
      case 'text':
        return ['text', part.text];
      case 'reasoning':
        return ['reasoning', part.text, part.signature];
      case 'tool-call':
        return ['tool-call', part.id, part.name, part.arguments];
      default:
        return ['other'];
    }
  });
}

const mixed: ChatResponse = {
  id: 'resp_mixed',
  model: 'gpt-upstream',
  created: 1_700_000_000,
  content: [
    { type: 'reasoning', text: 'Two tools are needed.', signature: 'gAAAA-encrypted', signatureOrigin: 'openai-responses' },
    { type: 'text', text: 'Calling both.' },
    { type: 'tool-call', id: 'call_add', name: 'add', arguments: '{"a":2,"b":3}' },
    { type: 'tool-call', id: 'call_mul', name: 'multiply', arguments: '{"a":2,"b":3}' },
  ],
  finishReason: { unified: 'tool-calls', raw: 'completed' },
  usage: { inputTokens: 120, outputTokens: 40, cachedInputTokens: 100, reasoningTokens: 16, totalTokens: 160 },
};

test('text, signed reasoning and two tool calls survive encode → decode', () => {
  const folded = roundTrip(responseToEvents(mixed));
  assert.equal(folded.id, 'resp_mixed');
  assert.equal(folded.model, 'caller-model', 'the caller sees the model it asked for');
  assert.equal(folded.created, mixed.created);
  assert.deepEqual(partFacts(folded), partFacts(mixed));
  assert.deepEqual(folded.finishReason, { unified: 'tool-calls', raw: 'completed' });
  const { raw: _raw, ...usage } = folded.usage;
  assert.deepEqual(usage, mixed.usage);
});

test('the terminal event carries the whole response, as response.created announced it', () => {
  const events = assertValidResponsesStream(encodeEvents(responseToEvents(mixed)));
  const created = asObject(events[0]?.['response']);
  const completed = asObject(events.at(-1)?.['response']);
  assert.equal(events.at(-1)?.type, 'response.completed');
  assert.equal(created['status'], 'in_progress');
  assert.deepEqual(created['output'], []);
  assert.equal(created['usage'], null);
  assert.equal(completed['id'], created['id']);
  const output = completed['output'] as Array<Record<string, unknown>>;
  assert.deepEqual(output.map((item) => item['type']), ['reasoning', 'message', 'function_call', 'function_call']);
  assert.equal(output[0]?.['encrypted_content'], 'gAAAA-encrypted');
  const done = events.filter((event) => event.type === 'response.output_item.done').map((event) => event.item);
  assert.deepEqual(done, output, 'the final output repeats the items as they were finished');
  assert.deepEqual(asObject(completed['usage'])['input_tokens_details'], { cached_tokens: 100 });
});

test('interleaved parallel tool calls come out one item at a time, arguments intact', () => {
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'chatcmpl-1', model: 'm' },
    { type: 'tool-call-start', id: 'call_a', name: 'add' },
    { type: 'tool-call-start', id: 'call_b', name: 'multiply' },
    { type: 'tool-call-delta', id: 'call_a', delta: '{"a":' },
    { type: 'tool-call-delta', id: 'call_b', delta: '{"b":' },
    { type: 'tool-call-delta', id: 'call_b', delta: '2}' },
    { type: 'tool-call-end', id: 'call_b' },
    { type: 'tool-call-delta', id: 'call_a', delta: '1}' },
    { type: 'tool-call-end', id: 'call_a' },
    { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: {} },
  ];
  const folded = roundTrip(events);
  assert.deepEqual(partFacts(folded), [
    ['tool-call', 'call_a', 'add', '{"a":1}'],
    ['tool-call', 'call_b', 'multiply', '{"b":2}'],
  ]);
  assert.match(folded.id, /^resp_/, 'a chat completion id becomes a Responses id');
});

test('text cut by a tool call continues in a new message item', () => {
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'resp_1', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Before ' },
    { type: 'tool-call-start', id: 'call_1', name: 'f' },
    { type: 'text-delta', id: 't', delta: 'after.' },
    { type: 'tool-call-delta', id: 'call_1', delta: '{}' },
    { type: 'tool-call-end', id: 'call_1' },
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: {} },
  ];
  const folded = roundTrip(events);
  assert.deepEqual(partFacts(folded), [['text', 'Before '], ['tool-call', 'call_1', 'f', '{}'], ['text', 'after.']]);
});

test('another vendor’s reasoning is shown as a summary without its signature; empty blocks write nothing', () => {
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'msg_01', model: 'claude' },
    { type: 'reasoning-start', id: 'r', signatureOrigin: 'anthropic' },
    { type: 'reasoning-delta', id: 'r', delta: 'Hmm.' },
    { type: 'reasoning-signature', id: 'r', signature: 'anthropic-sig' },
    { type: 'reasoning-end', id: 'r' },
    { type: 'reasoning-start', id: 'redacted', signatureOrigin: 'anthropic' },
    { type: 'reasoning-redacted', id: 'redacted', data: 'opaque' },
    { type: 'reasoning-end', id: 'redacted' },
    { type: 'text-start', id: 'empty' },
    { type: 'text-end', id: 'empty' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Answer.' },
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' }, usage: { inputTokens: 1, outputTokens: 2 } },
  ];
  const text = encodeEvents(events);
  const wire = assertValidResponsesStream(text);
  assert.equal(wire.filter((event) => event.type === 'response.output_item.added').length, 2);
  assert.equal(text.includes('anthropic-sig'), false);
  const folded = foldStream(decodeFrames(sseFrames(text)));
  assert.deepEqual(partFacts(folded), [['reasoning', 'Hmm.', undefined], ['text', 'Answer.']]);
});

test('OpenAI reasoning with no summary still carries its encrypted content', () => {
  const events: StreamEvent[] = [
    { type: 'reasoning-start', id: 'r', signatureOrigin: 'openai-responses' },
    { type: 'reasoning-signature', id: 'r', signature: 'gAAAA' },
    { type: 'reasoning-end', id: 'r' },
    { type: 'finish', finishReason: { unified: 'stop' }, usage: {} },
  ];
  const wire = assertValidResponsesStream(encodeEvents(events));
  const done = wire.find((event) => event.type === 'response.output_item.done');
  assert.deepEqual({ ...done?.item, id: 'rs' }, { id: 'rs', type: 'reasoning', summary: [], encrypted_content: 'gAAAA' });
});

test('a cut-off answer ends with response.incomplete and max_output_tokens (as dd-response_stream_incomplete.response.sse)', () => {
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'resp_1', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'In the bustling city' },
    { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' }, usage: { inputTokens: 5, outputTokens: 16 } },
  ];
  const wire = assertValidResponsesStream(encodeEvents(events));
  const last = wire.at(-1);
  assert.equal(last?.type, 'response.incomplete');
  const response = asObject(last?.['response']);
  assert.deepEqual(response['incomplete_details'], { reason: 'max_output_tokens' });
  assert.equal(asObject((response['output'] as unknown[])[0])['status'], 'incomplete');
  assert.equal(foldStream(decodeFrames(sseFrames(encodeEvents(events)))).finishReason.unified, 'length');
});

test('text an upstream ended before saying the answer was cut off is an incomplete item too, as OpenAI marks it', () => {
  // Anthropic and Gemini close their text block, then give the stop reason (and usage) after it.
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'resp_1', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'In the bustling city' },
    { type: 'text-end', id: 't' },
    { type: 'usage', usage: { outputTokens: 16 } },
    { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' }, usage: {} },
  ];
  const wire = assertValidResponsesStream(encodeEvents(events));
  const done = wire.find((event) => event.type === 'response.output_item.done');
  assert.equal(asObject(done?.item)['status'], 'incomplete');
  assert.deepEqual(wire.slice(-2).map((event) => event.type), ['response.output_item.done', 'response.incomplete']);
  assert.equal(asObject((asObject(wire.at(-1)?.['response'])['output'] as unknown[])[0])['status'], 'incomplete');
});

test('text ended before a tool call or a clean finish is a completed item, in its place', () => {
  const wire = assertValidResponsesStream(
    encodeEvents([
      { type: 'response-start', id: 'resp_1', model: 'm' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Let me look.' },
      { type: 'text-end', id: 't' },
      { type: 'tool-call-start', id: 'c', name: 'look' },
      { type: 'tool-call-delta', id: 'c', delta: '{}' },
      { type: 'tool-call-end', id: 'c' },
      { type: 'text-start', id: 'u' },
      { type: 'text-delta', id: 'u', delta: 'Done.' },
      { type: 'text-end', id: 'u' },
      { type: 'finish', finishReason: { unified: 'stop' }, usage: {} },
    ]),
  );
  const items = wire.filter((event) => event.type === 'response.output_item.done').map((event) => asObject(event.item));
  assert.deepEqual(items.map((item) => [item['type'], item['status']]), [['message', 'completed'], ['function_call', 'completed'], ['message', 'completed']]);
  assert.equal(wire.at(-1)?.type, 'response.completed');
});

test('an error mid-stream is an error event then response.failed, as OpenAI ends a failed stream', () => {
  const text = encodeEvents([
    { type: 'response-start', id: 'resp_1', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Partial' },
    { type: 'error', error: new InterlinguaError('rate_limited', 'Slow down.') },
    { type: 'text-delta', id: 't', delta: 'ignored' },
  ]);
  const wire = assertValidResponsesStream(text);
  assert.deepEqual(wire.slice(-4).map((event) => event.type), ['response.content_part.done', 'response.output_item.done', 'error', 'response.failed']);
  assert.equal(asObject(wire.at(-3)?.item)['status'], 'incomplete', 'the open item is closed, as cut off');
  const errorEvent = wire.at(-2);
  assert.equal(errorEvent?.['code'], 'rate_limit_exceeded');
  assert.equal(errorEvent?.['message'], 'Slow down.');
  assert.deepEqual(errorEvent?.['error'], { message: 'Slow down.', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' });
  assert.deepEqual(asObject(wire.at(-1)?.['response'])['error'], { code: 'rate_limit_exceeded', message: 'Slow down.' });
  const decoded = decodeFrames(sseFrames(text));
  const last = decoded.at(-1);
  assert.ok(last?.type === 'error' && last.error.code === 'rate_limited' && last.error.message === 'Slow down.');
});

test('an error before anything else still opens the response first', () => {
  const wire = assertValidResponsesStream(encodeEvents([{ type: 'error', error: new InterlinguaError('upstream_timeout', 'Too slow.') }]));
  assert.deepEqual(wire.map((event) => event.type), ['response.created', 'response.in_progress', 'error', 'response.failed']);
});

test('nothing is written after the finish', () => {
  const text = encodeEvents([
    { type: 'finish', finishReason: { unified: 'stop' }, usage: {} },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'late' },
  ]);
  const wire = assertValidResponsesStream(text);
  assert.deepEqual(wire.map((event) => event.type), ['response.created', 'response.in_progress', 'response.completed']);
});

const recorded = streamFixtures.flatMap((path) => splitStreams(readStreamFrames(path)).map((frames, index) => ({ name: `${path} #${index + 1}`, frames })));

for (const { name, frames } of recorded) {
  test(`re-encoding a recorded stream keeps what it says: ${name}`, () => {
    const events = decodeFrames(frames);
    const last = events.at(-1);
    const text = encodeEvents(events);
    assertValidResponsesStream(text);
    const again = decodeFrames(sseFrames(text));
    if (last?.type === 'error') {
      const end = again.at(-1);
      assert.ok(end?.type === 'error');
      assert.equal(end.error.message, last.error.message);
      return;
    }
    // A reasoning item with neither summary nor encrypted content (gpt-5 with store off) says
    // nothing a caller could use or send back, and an empty block writes nothing.
    const said = (response: ChatResponse) => partFacts(response).filter((facts) => !(facts[0] === 'reasoning' && facts[1] === '' && facts[2] === undefined));
    const original = foldStream(events);
    const folded = foldStream(again);
    assert.deepEqual(said(folded), said(original));
    assert.deepEqual(folded.finishReason.unified, original.finishReason.unified);
    assert.equal(folded.usage.outputTokens, original.usage.outputTokens);
  });
}

test('a Responses upstream’s own response fields reach a Responses caller’s stream (fixtures/openai-responses/fantasy-gpt5-simple_streaming.response.sse)', () => {
  const events = decodeFrames(readStreamFrames('openai-responses/fantasy-gpt5-simple_streaming.response.sse'));
  const wire = assertValidResponsesStream(encodeEvents(events));
  const created = asObject(wire[0]?.['response']);
  assert.equal(created['prompt_cache_retention'], 'in_memory');
  assert.deepEqual(created['reasoning'], { context: 'current_turn', effort: 'medium', summary: null });
  assert.deepEqual(created['text'], { format: { type: 'text' }, verbosity: 'medium' });
  assert.equal(created['max_output_tokens'], 4000);
  assert.equal('completed_at' in created, false, 'unknown until the end, so not repeated');
});
