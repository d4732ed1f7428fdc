import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutEchoedPrefix } from '../../src/core/echoed-prefix.js';
import type { ChatResponse } from '../../src/interlingua/response.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';

const answer = (text: string): ChatResponse => ({ id: 'r', model: 'm', content: [{ type: 'text', text }], finishReason: { unified: 'stop' }, usage: {} });
const deltas = (...pieces: string[]): StreamEvent[] => pieces.map((delta) => ({ type: 'text-delta', id: 't', delta }));
const texts = (events: StreamEvent[]) => events.map((event) => (event.type === 'text-delta' ? event.delta : `<${event.type}>`));

test('a whole answer loses the prefill it begins with, and keeps one that does not', () => {
  assert.deepEqual(withoutEchoedPrefix('The capital of France is').response(answer('The capital of France is **Paris**.')).content, [{ type: 'text', text: ' **Paris**.' }]);
  assert.deepEqual(withoutEchoedPrefix('{').response(answer('Sure: {}')).content, [{ type: 'text', text: 'Sure: {}' }]);
});

test('a stream loses the prefill across its deltas and batches', () => {
  const restore = withoutEchoedPrefix('The capital of France is');
  assert.deepEqual(texts(restore.events([{ type: 'text-start', id: 't' }, ...deltas('The capital', ' of Fr')])), ['<text-start>']);
  assert.deepEqual(texts(restore.events(deltas('ance is **Pa', 'ris**.'))), [' **Pa', 'ris**.']);
});

test('a stream that turns out not to repeat it gets back what was held', () => {
  const restore = withoutEchoedPrefix('The capital');
  assert.deepEqual(texts(restore.events(deltas('The ', 'answer'))), ['The answer']);
});

/** `pieces` as deltas each marked with its place, as a decoder marks what the vendor said of its chunk (Azure's filter results). */
const markedDeltas = (...pieces: string[]): StreamEvent[] => pieces.map((delta, position) => ({ type: 'text-delta', id: 't', delta, vendor: { upstream: { position } } }));
const marks = (events: StreamEvent[]) => events.map((event) => (event.type === 'text-delta' ? [event.delta, event.vendor?.['upstream']?.['position']] : event.type));

test('each delta’s vendor data stays with what is left of it, or with an empty delta where all of it was the prefill', () => {
  const restore = withoutEchoedPrefix('The capital of France is');
  assert.deepEqual(marks(restore.events(markedDeltas('The capital', ' of France is', ' **Paris**.'))), [
    ['', 0],
    ['', 1],
    [' **Paris**.', 2],
  ]);
  const notRepeated = withoutEchoedPrefix('The capital');
  assert.deepEqual(marks(notRepeated.events(markedDeltas('The ', 'answer'))), [
    ['', 0],
    ['The answer', 1],
  ]);
});
