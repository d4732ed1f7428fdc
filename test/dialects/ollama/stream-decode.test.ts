/**
 * Ollama NDJSON streams replayed through the decoder (framed by src/wire/ndjson-parser.ts in
 * small chunks, as the gateway reads them) and folded with `foldStream`, checked against what
 * the lines themselves say. Sources: the `/api/chat` doc examples (first and final line,
 * fixtures/ollama/chat-stream*.doc-example.first-and-final.json) and the recorded `/api/generate`
 * streams re-shaped as chat lines (helpers.ts `generateLinesAsChat`: fixtures/ollama has no
 * recorded chat stream).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStream } from '../../../src/core/fold-stream.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { readFixtureText } from '../../support/fixtures.js';
import { assertWellFormed, decodeFrames, docExampleAsNdjson, generateLinesAsChat, ndjsonFrames, readOllamaFixture, type Json } from './helpers.js';

interface Line {
  model?: string;
  message?: { content?: string; thinking?: string; tool_calls?: Array<{ function: { name: string; arguments: Json } }> };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

/** What the lines say, read straight from their JSON with no decoder involved. */
function lineFacts(ndjson: string) {
  const lines = ndjson.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Line);
  const final = lines.find((line) => line.done === true);
  return {
    text: lines.map((line) => line.message?.content ?? '').join(''),
    thinking: lines.map((line) => line.message?.thinking ?? '').join(''),
    calls: lines.flatMap((line) => line.message?.tool_calls ?? []).map((call) => ({ name: call.function.name, arguments: call.function.arguments })),
    final,
    model: lines[0]?.model,
  };
}

const streams: Record<string, string> = {
  'ollama/chat-stream.doc-example.first-and-final.json': docExampleAsNdjson('ollama/chat-stream.doc-example.first-and-final.json'),
  'ollama/chat-stream-tools.doc-example.first-and-final.json': docExampleAsNdjson('ollama/chat-stream-tools.doc-example.first-and-final.json'),
  'ollama/generate-stream.ndjson (as chat)': generateLinesAsChat(readFixtureText('ollama/generate-stream.ndjson')),
  'ollama/generate-stream-gpt-oss-thinking.ndjson (as chat)': generateLinesAsChat(readFixtureText('ollama/generate-stream-gpt-oss-thinking.ndjson')),
  'ollama/generate-stream.ndjson-doc-example.first-and-final.json (as chat)': generateLinesAsChat(docExampleAsNdjson('ollama/generate-stream.ndjson-doc-example.first-and-final.json')),
};

for (const [name, ndjson] of Object.entries(streams)) {
  test(`stream replay: ${name}`, () => {
    const facts = lineFacts(ndjson);
    for (const chunkSize of [1, 7, ndjson.length]) {
      const events = decodeFrames(ndjsonFrames(ndjson, chunkSize));
      assertWellFormed(events);
      const folded = foldStream(events);
      const text = folded.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
      const thinking = folded.content.flatMap((part) => (part.type === 'reasoning' ? [part.text] : [])).join('');
      const calls = folded.content.flatMap((part) => (part.type === 'tool-call' ? [{ name: part.name, arguments: JSON.parse(part.arguments) as Json }] : []));
      assert.equal(text, facts.text);
      assert.equal(thinking, facts.thinking);
      assert.deepEqual(calls, facts.calls);
      assert.equal(folded.finishReason.unified, facts.calls.length > 0 ? 'tool-calls' : 'stop');
      assert.equal(folded.finishReason.raw, facts.final?.done_reason);
      assert.equal(folded.usage.inputTokens, facts.final?.prompt_eval_count);
      assert.equal(folded.usage.outputTokens, facts.final?.eval_count);
      assert.equal(folded.model, facts.model);
    }
  });
}

test('the doc stream with a tool call folds to its non-streamed twin (fixtures/ollama/chat-response-nonstream-tools.json)', () => {
  const folded = foldStream(decodeFrames(ndjsonFrames(streams['ollama/chat-stream-tools.doc-example.first-and-final.json'] ?? '')));
  const whole = ollamaDialect.parseResponse(readOllamaFixture('ollama/chat-response-nonstream-tools.json'));
  const shape = (content: typeof whole.content) => content.map((part) => (part.type === 'tool-call' ? { ...part, id: '' } : part));
  assert.deepEqual(shape(folded.content), shape(whole.content));
  assert.deepEqual(folded.finishReason, whole.finishReason);
  assert.equal(folded.model, whole.model);
  assert.equal(folded.created, Math.floor(Date.parse('2025-07-07T20:22:19.184789Z') / 1000));
});

test('thinking then content opens a reasoning block, then a text block (gpt-oss recording)', () => {
  const events = decodeFrames(ndjsonFrames(streams['ollama/generate-stream-gpt-oss-thinking.ndjson (as chat)'] ?? ''));
  const starts = events.filter((event) => event.type.endsWith('-start')).map((event) => event.type);
  assert.deepEqual(starts, ['response-start', 'reasoning-start', 'text-start']);
  assert.equal(events[0]?.type === 'response-start' ? events[0].model : '', 'gpt-oss:120b');
});

test('a stream cut before its done line ends in stream_interrupted, never a clean finish', () => {
  for (const ndjson of Object.values(streams)) {
    const lines = ndjson.split('\n').filter((line) => line !== '');
    const truncated = lines.slice(0, -1).map((line) => `${line}\n`).join('');
    const events = decodeFrames(ndjsonFrames(truncated));
    const last = events.at(-1);
    assert.ok(last?.type === 'error' && last.error.code === 'stream_interrupted', JSON.stringify(last));
    assert.equal(events.some((event) => event.type === 'finish'), false);
    assert.throws(() => foldStream(events), (error: unknown) => error instanceof InterlinguaError && error.code === 'stream_interrupted');
  }
  const nothing = decodeFrames([]);
  assert.equal(nothing.length, 1);
  assert.equal(nothing[0]?.type === 'error' ? nothing[0].error.code : '', 'stream_interrupted');
});

test('an error line mid-stream is an error event after the text before it (fixtures/ollama/generate-stream-midstream-error.ndjson)', () => {
  const events = decodeFrames(ndjsonFrames(generateLinesAsChat(readFixtureText('ollama/generate-stream-midstream-error.ndjson'))));
  assertWellFormed(events);
  const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : [])).join('');
  assert.equal(text, ' Yes.Ican');
  const last = events.at(-1);
  assert.ok(last?.type === 'error');
  assert.equal(last.error.code, 'upstream_error');
  assert.equal(last.error.message, 'an error was encountered while running the model');
  assert.equal(events.filter((event) => event.type === 'error').length, 1, 'end() adds nothing after the error');
});

test('an error line before anything else is the only event', () => {
  const decoder = ollamaDialect.createStreamDecoder();
  const events: StreamEvent[] = [...decoder.push({ data: '{"error":"model \\"nope\\" not found, try pulling it first"}' }), ...decoder.end()];
  assert.equal(events.length, 1);
  assert.match(events[0]?.type === 'error' ? events[0].error.message : '', /not found/);
});

test('a final line that carries the last token keeps it (fixtures/ollama/generate-stream.ndjson, last line)', () => {
  const events = decodeFrames(ndjsonFrames(streams['ollama/generate-stream.ndjson (as chat)'] ?? ''));
  const lastDelta = events.filter((event) => event.type === 'text-delta').at(-1);
  assert.equal(lastDelta?.type === 'text-delta' ? lastDelta.delta : '', '!');
});

test('lines after done are ignored; a line that is not JSON or not an object is an upstream_error', () => {
  const decoder = ollamaDialect.createStreamDecoder();
  decoder.push({ data: '{"model":"m","message":{"role":"assistant","content":"a"},"done":true,"done_reason":"stop"}' });
  assert.deepEqual(decoder.push({ data: '{"model":"m","message":{"role":"assistant","content":"late"},"done":false}' }), []);
  assert.deepEqual(decoder.end(), []);
  for (const data of ['{"model":', '[1,2]', '{"message":{"content":5}}', '{"done":"yes"}']) {
    assert.throws(
      () => ollamaDialect.createStreamDecoder().push({ data }),
      (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error',
      data,
    );
  }
});
