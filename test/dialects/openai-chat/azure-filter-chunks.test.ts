/**
 * Azure's content-filter chunks through the Chat codec (src/dialects/openai-chat/azure-filter-chunks.ts):
 * decoded into `vendor-output` events in their place, written back by the Chat encoder as they came,
 * listed once on `finish` for callers of other dialects; Azure's stream finishes at `[DONE]`, so an
 * annotation after the usage chunk is still read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureOpenaiDialect } from '../../../src/dialects/openai-chat/azure-platform.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { listedUnportedOutput } from '../../../src/core/unported-output.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import { decodeFrames, readStreamFrames } from './helpers.js';

const recording = 'azure-openai/fantasy-gpt5mini-chat-stream.response.sse';

test('the recorded prompt_filter_results chunk goes out on the response’s start and comes back first, byte for byte', () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse: its first chunk has choices [] and prompt_filter_results.
  const frames = readStreamFrames(recording);
  const events = decodeFrames(frames, azureOpenaiDialect.createStreamDecoder());
  const start = events[0];
  assert.ok(start?.type === 'response-start');
  assert.deepEqual(start.vendor?.['openai-chat']?.['azureFilterChunks'], [JSON.parse(frames[0]!.data) as unknown]);
  assert.equal(foldStream(events).content.map((part) => (part.type === 'text' ? part.text : '')).join(''), 'Olá!');
  const encoder = openaiChatDialect.createStreamEncoder({ requestedModel: 'smart', request: { model: 'smart', system: [], messages: [], sampling: {}, stream: true } });
  const written = events.map((event) => encoder.encode(event)).join('');
  assert.equal(written.split('\n\n')[0], `data: ${frames[0]!.data}`);
});

test('finish lists the filter annotations once, for callers of other dialects', () => {
  const events = decodeFrames(readStreamFrames(recording), azureOpenaiDialect.createStreamDecoder());
  const finish = events.at(-1);
  assert.ok(finish?.type === 'finish');
  assert.deepEqual(listedUnportedOutput(finish.vendor?.['openai-chat']).map((entry) => entry.feature), ['output.azure_content_filter']);
});

// The asynchronous filter's annotation chunk, and one after the finish chunk, as in the sample streams of
// https://learn.microsoft.com/azure/foundry/openai/concepts/content-streaming.
const frame = (body: unknown): StreamFrame => ({ data: JSON.stringify(body) });
const common = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1692913344, model: 'gpt-35-turbo' };
const annotation = (end: number) => ({ id: '', object: '', created: 0, model: '', choices: [{ index: 0, finish_reason: null, content_filter_results: { hate: { filtered: false, severity: 'safe' } }, content_filter_offsets: { check_offset: 44, start_offset: 44, end_offset: end } }], usage: null });

test('an annotation after the usage chunk is read before Azure’s stream finishes at [DONE]', () => {
  const frames = [
    frame({ ...common, choices: [{ index: 0, finish_reason: null, delta: { role: 'assistant', content: 'Color' } }] }),
    frame(annotation(198)),
    frame({ ...common, choices: [{ index: 0, finish_reason: 'stop', delta: {} }] }),
    frame({ ...common, choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } }),
    frame(annotation(571)),
    { data: '[DONE]' },
  ];
  const decoder = azureOpenaiDialect.createStreamDecoder();
  const events = frames.flatMap((each) => decoder.push(each));
  const carried = events.flatMap((event) => (event.type === 'vendor-output' ? [event.vendor['openai-chat']?.['azureFilterChunk']] : []));
  assert.deepEqual(carried, [annotation(198), annotation(571)]);
  assert.equal(events.at(-1)?.type, 'finish');
  assert.equal(events.filter((event) => event.type === 'finish').length, 1);
});

test('OpenAI’s own streams still finish at the usage chunk', () => {
  const decoder = openaiChatDialect.createStreamDecoder();
  decoder.push(frame({ ...common, choices: [{ index: 0, finish_reason: 'stop', delta: { content: 'Hi' } }] }));
  const atUsage = decoder.push(frame({ ...common, choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } }));
  assert.equal(atUsage.at(-1)?.type, 'finish');
});
