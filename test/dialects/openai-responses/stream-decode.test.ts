/**
 * Every recorded Responses stream (test/fixtures/recorded/openai-responses: `.sse` bodies and
 * `.data.ndjson` payload lines; see MANIFEST.md) replayed through the decoder and folded,
 * checked against what the recording itself says: its `output_item.done` items, its deltas and
 * its terminal `response` object.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStream } from '../../../src/core/fold-stream.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { readFixtureText } from '../../support/fixtures.js';
import { asObject, assertWellFormed, decodeFrames, readStreamFrames, splitStreams, streamFixtures, type Json } from './helpers.js';

interface Recorded {
  id: string;
  status: string;
  texts: string[];
  deltaText: string;
  calls: Array<[string, string, string]>;
  reasoning: Array<[string, string | undefined]>;
  usage: Record<string, Json> | undefined;
  terminal: Record<string, Json> | undefined;
}

/** What a recording says, read straight from its JSON events with no decoder involved. */
function recordingFacts(frames: readonly StreamFrame[]): Recorded {
  const facts: Recorded = { id: '', status: '', texts: [], deltaText: '', calls: [], reasoning: [], usage: undefined, terminal: undefined };
  const done = new Map<number, Record<string, Json>>();
  for (const frame of frames) {
    const event = asObject(JSON.parse(frame.data));
    if (event['type'] === 'response.created') facts.id = String(asObject(event['response'])['id']);
    if (event['type'] === 'response.output_text.delta') facts.deltaText += String(event['delta']);
    if (event['type'] === 'response.output_item.done') done.set(Number(event['output_index']), asObject(event['item']));
    if (event['type'] === 'response.completed' || event['type'] === 'response.incomplete') {
      const response = asObject(event['response']);
      facts.terminal = response;
      facts.status = String(response['status']);
      facts.usage = asObject(response['usage']);
    }
  }
  for (const [, item] of [...done.entries()].sort(([a], [b]) => a - b)) {
    if (item['type'] === 'message') for (const part of (item['content'] as Json[]).map(asObject)) facts.texts.push(String(part['text'] ?? part['refusal']));
    if (item['type'] === 'function_call') facts.calls.push([String(item['call_id']), String(item['name']), String(item['arguments'])]);
    // A custom tool's call is the call of the one-string-argument function it travels as.
    if (item['type'] === 'custom_tool_call') facts.calls.push([String(item['call_id']), String(item['name']), JSON.stringify({ input: item['input'] })]);
    if (item['type'] === 'reasoning') {
      const summary = ((item['summary'] as Json[] | undefined) ?? []).map((part) => String(asObject(part)['text']));
      facts.reasoning.push([summary.join('\n\n'), typeof item['encrypted_content'] === 'string' ? item['encrypted_content'] : undefined]);
    }
  }
  return facts;
}

function partFacts(response: ChatResponse) {
  return {
    texts: response.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])),
    calls: response.content.flatMap((part) => (part.type === 'tool-call' ? [[part.id, part.name, part.arguments]] : [])),
    reasoning: response.content.flatMap((part) => (part.type === 'reasoning' ? [[part.text, part.signature]] : [])),
  };
}

const streams = streamFixtures.flatMap((path) => splitStreams(readStreamFrames(path)).map((frames, index, all) => ({ name: all.length > 1 ? `${path} #${index + 1}` : path, frames })));
const finishing = streams.filter(({ frames }) => recordingFacts(frames).terminal !== undefined);

test('there are streams to replay', () => {
  assert.ok(finishing.length >= 20, `only ${finishing.length} finished streams found`);
});

for (const { name, frames } of finishing) {
  test(`stream replay: ${name}`, () => {
    const recorded = recordingFacts(frames);
    const events = decodeFrames(frames);
    assertWellFormed(events);
    const folded = foldStream(events);
    assert.equal(folded.id, recorded.id);
    assert.deepEqual(partFacts(folded), { texts: recorded.texts, calls: recorded.calls, reasoning: recorded.reasoning });
    assert.ok(recorded.texts.join('').startsWith(recorded.deltaText.slice(0, 1)), 'the recording’s deltas begin its text');
    for (const part of folded.content) if (part.type === 'reasoning') assert.equal(part.signatureOrigin, 'openai-responses');
    const expectedFinish = recorded.status === 'incomplete' ? 'length' : recorded.calls.length > 0 ? 'tool-calls' : 'stop';
    assert.equal(folded.finishReason.unified, expectedFinish);
    assert.equal(folded.usage.inputTokens, recorded.usage?.['input_tokens']);
    assert.equal(folded.usage.outputTokens, recorded.usage?.['output_tokens']);
    assert.equal(folded.usage.totalTokens, recorded.usage?.['total_tokens']);
    assert.equal(folded.usage.reasoningTokens, asObject(recorded.usage?.['output_tokens_details'])['reasoning_tokens']);
    // The folded stream says what the same response, unstreamed, says. Only the encrypted
    // reasoning differs: OpenAI encrypts it afresh for each event that carries it (`.added`,
    // `.done` and the terminal response all differ in fantasy-o4mini-summary-thinking-streaming.i0),
    // and the decoder takes `.done`'s, compared above.
    const whole = openaiResponsesDialect.parseResponse(recorded.terminal);
    const unsigned = (facts: ReturnType<typeof partFacts>) => ({ ...facts, reasoning: facts.reasoning.map(([text]) => text) });
    assert.deepEqual(unsigned(partFacts(folded)), unsigned(partFacts(whole)));
    assert.deepEqual(folded.finishReason, whole.finishReason);
  });
}

test('GitHub Copilot’s rotating item ids do not split items (fixtures/openai-responses/stream-copilot-item-id-rotation.data.ndjson)', () => {
  const events = decodeFrames(readStreamFrames('openai-responses/stream-copilot-item-id-rotation.data.ndjson'));
  assert.equal(events.filter((event) => event.type === 'text-start').length, 1);
  assert.equal(events.filter((event) => event.type === 'reasoning-start').length, 1);
  assert.equal(foldStream(events).usage.cacheWriteTokens, 0);
});

/** A synthetic event, shaped as node_modules/openai/resources/responses/responses.d.ts types it. */
function frame(payload: Record<string, unknown>): StreamFrame {
  return { event: String(payload['type']), data: JSON.stringify(payload) };
}

test('summary parts are one reasoning block, a blank line apart, as parseResponse joins them', () => {
  // No recording has two summary parts in one stream; the events follow fantasy-o4mini-summary-thinking-streaming.i1.response.sse.
  const item = { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: '**One**\n\nFirst.' }, { type: 'summary_text', text: '**Two**\n\nSecond.' }], encrypted_content: 'enc' };
  const events = decodeFrames([
    frame({ type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } }),
    frame({ type: 'response.output_item.added', output_index: 0, item: { ...item, summary: [], encrypted_content: 'enc-added' } }),
    ...item.summary.flatMap((part, index) => [
      frame({ type: 'response.reasoning_summary_part.added', output_index: 0, item_id: 'rs_1', summary_index: index, part: { type: 'summary_text', text: '' } }),
      frame({ type: 'response.reasoning_summary_text.delta', output_index: 0, item_id: 'rs_1', summary_index: index, delta: part.text.slice(0, 4) }),
      frame({ type: 'response.reasoning_summary_text.delta', output_index: 0, item_id: 'rs_1', summary_index: index, delta: part.text.slice(4) }),
      frame({ type: 'response.reasoning_summary_text.done', output_index: 0, item_id: 'rs_1', summary_index: index, text: part.text }),
      frame({ type: 'response.reasoning_summary_part.done', output_index: 0, item_id: 'rs_1', summary_index: index, part }),
    ]),
    frame({ type: 'response.output_item.done', output_index: 0, item }),
    frame({ type: 'response.completed', response: { id: 'resp_1', status: 'completed', output: [item], usage: null } }),
  ]);
  assertWellFormed(events);
  assert.equal(events.filter((event) => event.type === 'reasoning-start').length, 1);
  const folded = foldStream(events);
  const whole = openaiResponsesDialect.parseResponse({ id: 'resp_1', status: 'completed', output: [item] });
  assert.deepEqual(partFacts(folded), partFacts(whole));
  assert.deepEqual(partFacts(folded).reasoning, [['**One**\n\nFirst.\n\n**Two**\n\nSecond.', 'enc']]);
});

test('the encrypted content comes from output_item.done, which can differ from .added (stream-reasoning-summary-function-calls-4-turns.data.ndjson)', () => {
  const [first] = splitStreams(readStreamFrames('openai-responses/stream-reasoning-summary-function-calls-4-turns.data.ndjson'));
  assert.ok(first !== undefined);
  const items = first.map((frame) => asObject(JSON.parse(frame.data))).filter((event) => String(event['type']).startsWith('response.output_item.') && asObject(event['item'])['type'] === 'reasoning');
  const [added, done] = items.map((event) => asObject(event['item'])['encrypted_content']);
  assert.notEqual(added, done);
  const signatures = decodeFrames(first).filter((event) => event.type === 'reasoning-signature');
  assert.deepEqual(signatures.map((event) => (event.type === 'reasoning-signature' ? event.signature : '')), [done]);
});

test('an error event ends the stream with an error (fixtures/openai-responses/stream-error-insufficient-quota.data.ndjson)', () => {
  const events = decodeFrames(readStreamFrames('openai-responses/stream-error-insufficient-quota.data.ndjson'));
  assertWellFormed(events);
  const last = events.at(-1);
  assert.ok(last?.type === 'error');
  assert.equal(last.error.code, 'rate_limited');
  assert.equal(last.error.vendorType, 'insufficient_quota');
  assert.match(last.error.message, /exceeded your current quota/);
  assert.equal(events.filter((event) => event.type === 'error').length, 1, 'the response.failed after it adds nothing');
});

test('response.failed alone is an error event (fixtures/openai-responses/stream-response-failed-rate-limit.data.json)', () => {
  const data = readFixtureText('openai-responses/stream-response-failed-rate-limit.data.json');
  const events = decodeFrames([{ event: 'response.failed', data }]);
  assert.equal(events.length, 1);
  const [only] = events;
  assert.ok(only?.type === 'error');
  assert.equal(only.error.code, 'rate_limited');
  assert.match(only.error.message, /Rate limit reached for gpt-5/);
});

test('the error event’s flat form (the SDK’s ResponseErrorEvent type) is read too', () => {
  const data = JSON.stringify({ type: 'error', sequence_number: 3, code: 'server_error', message: 'Boom', param: null });
  const [event] = decodeFrames([{ event: 'error', data }]);
  assert.ok(event?.type === 'error');
  assert.equal(event.error.code, 'upstream_error');
  assert.equal(event.error.message, 'Boom');
});

for (const { name, frames } of finishing.slice(0, 8)) {
  test(`a cut stream is never a clean finish: ${name}`, () => {
    const events = decodeFrames(frames.slice(0, -1));
    assertWellFormed(events);
    const last = events.at(-1);
    assert.ok(last?.type === 'error');
    assert.equal(last.error.code, 'stream_interrupted');
    assert.equal(events.some((event) => event.type === 'finish'), false);
  });
}

test('a .done event adds what the deltas did not carry (the recording stream-text-two-message-items-phase.data.ndjson keeps only a few deltas)', () => {
  const frames = readStreamFrames('openai-responses/stream-text-two-message-items-phase.data.ndjson');
  const deltas = frames.filter((candidate) => candidate.event === 'response.output_text.delta').map((candidate) => String(asObject(JSON.parse(candidate.data))['delta']));
  assert.deepEqual(deltas, ['Got', ' it', 'Here are a', ' few **AI']);
  const texts = partFacts(foldStream(decodeFrames(frames))).texts;
  assert.equal(texts.length, 2, 'two message items (phase commentary and final_answer), no more');
  assert.ok(texts[0]?.startsWith('Got it — I’ll quickly check'));
  assert.ok(texts[1]?.endsWith('investor-grade morning brief with timestamps.'));
});

test('a proxy that sends only the terminal event still yields its items', () => {
  const events = decodeFrames([
    frame({ type: 'response.created', sequence_number: 0, response: { id: 'resp_1', created_at: 5, model: 'gpt', status: 'in_progress', output: [] } }),
    frame({ type: 'keepalive', sequence_number: 1 }),
    frame({
      type: 'response.completed',
      response: {
        id: 'resp_1',
        status: 'completed',
        output: [
          { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [] }] },
          { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'f', arguments: '{"a":1}' },
        ],
        usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
      },
    }),
  ]);
  assertWellFormed(events);
  const folded = foldStream(events);
  assert.deepEqual(partFacts(folded), { texts: ['Hello'], calls: [['call_1', 'f', '{"a":1}']], reasoning: [] });
  assert.equal(folded.finishReason.unified, 'tool-calls');
  assert.equal(folded.created, 5);
});

test('malformed events are upstream errors; [DONE] and unknown event types are ignored', () => {
  const decoder = openaiResponsesDialect.createStreamDecoder();
  assert.deepEqual(decoder.push({ data: '[DONE]' }), []);
  assert.throws(() => decoder.push({ data: '{not json' }), (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error');
  assert.throws(
    () => decoder.push({ data: JSON.stringify({ type: 'response.output_text.delta', output_index: 'zero', delta: 'x' }) }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error',
  );
  const events: StreamEvent[] = decoder.push({ event: 'response.web_search_call.searching', data: JSON.stringify({ type: 'response.web_search_call.searching', output_index: 0, item_id: 'ws_1' }) });
  assert.deepEqual(events.map((event) => event.type), ['response-start']);
  const [error] = decoder.push({ data: JSON.stringify({ error: { message: 'Overloaded', type: 'server_error', code: null } }) });
  assert.ok(error?.type === 'error' && error.error.message === 'Overloaded');
  assert.deepEqual(decoder.end(), [], 'nothing after the error');
});
