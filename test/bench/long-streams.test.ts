/** The bench's long streams: the recorded stream stretched to an exact number of events, same head and tail. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stretchFrames } from '../../bench/long-streams.js';

const frame = (type: string, text = '') => Buffer.from(`event: ${type}\ndata: {"type":"${type}"${text === '' ? '' : `,"delta":{"text":"${text}"}`}}\n\n`);
const recorded = [
  frame('message_start'),
  frame('content_block_start'),
  frame('content_block_delta', 'a'),
  frame('content_block_delta', 'b'),
  frame('content_block_stop'),
  frame('message_delta'),
  frame('message_stop'),
];

test('a stream stretched to N events has N frames: the head, the deltas repeated in order, the tail', () => {
  const stretched = stretchFrames(recorded, 10).map(String);
  assert.equal(stretched.length, 10);
  assert.deepEqual(stretched.slice(0, 2), recorded.slice(0, 2).map(String));
  assert.deepEqual(stretched.slice(-3), recorded.slice(-3).map(String));
  const deltas = stretched.slice(2, -3).map((text) => /"text":"(\w)"/.exec(text)?.[1]);
  assert.deepEqual(deltas, ['a', 'b', 'a', 'b', 'a']);
});

test('a length shorter than head and tail keeps one delta', () => {
  const stretched = stretchFrames(recorded, 2).map(String);
  assert.equal(stretched.length, 6);
  assert.equal(stretched.filter((text) => text.includes('content_block_delta')).length, 1);
});

test('a stream without deltas cannot be stretched', () => {
  assert.throws(() => stretchFrames([frame('message_start'), frame('message_stop')], 10), /no content_block_delta/);
});
