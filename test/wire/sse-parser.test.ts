import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SseParser, formatSseFrame } from '../../src/wire/sse-parser.js';
import { readFixtureSseFrames, readFixtureText } from '../support/fixtures.js';

test('parses event and multi-line data, ignoring comments and id/retry', () => {
  const parser = new SseParser();
  const frames = parser.push(': ping\nevent: message_start\nid: 7\ndata: {"a":\ndata: 1}\n\ndata: x\n\n');
  assert.deepEqual(frames, [{ event: 'message_start', data: '{"a":\n1}' }, { data: 'x' }]);
});

test('CRLF split across chunks yields the same frames as one chunk', () => {
  const text = 'event: a\r\ndata: 1\r\n\r\ndata: 2\r\n\r\n';
  const whole = new SseParser().push(text);
  const parser = new SseParser();
  const pieces = [...text].flatMap((character) => parser.push(character));
  assert.deepEqual(pieces, whole);
  assert.deepEqual(whole, [{ event: 'a', data: '1' }, { data: '2' }]);
});

test('a final frame without its blank line is delivered at end', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push('data: tail'), []);
  assert.deepEqual(parser.end(), [{ data: 'tail' }]);
});

test('recorded Anthropic stream (fixtures/anthropic/fantasy-sonnet4-simple_streaming.response.sse) frames every event', () => {
  const frames = readFixtureSseFrames('anthropic/fantasy-sonnet4-simple_streaming.response.sse');
  const eventLines = readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse')
    .split(/\r?\n/)
    .filter((line) => line.startsWith('event:')).length;
  assert.equal(frames.length, eventLines);
  assert.equal(frames[0]?.event, 'message_start');
  assert.equal(frames.at(-1)?.event, 'message_stop');
});

test('any chunking of formatted frames parses back to the same frames', () => {
  const frameArbitrary = fc.record({
    data: fc.string().filter((value) => !/[\r\n]/.test(value)),
    event: fc.option(fc.stringMatching(/^[a-z_]{1,12}$/), { nil: undefined }),
  });
  fc.assert(
    fc.property(fc.array(frameArbitrary, { maxLength: 8 }), fc.array(fc.nat(40), { maxLength: 10 }), (frames, cuts) => {
      const text = frames.map((frame) => formatSseFrame(frame.data, frame.event)).join('');
      const parser = new SseParser();
      const output = [];
      let position = 0;
      for (const cut of cuts) {
        const next = Math.min(text.length, position + cut);
        output.push(...parser.push(text.slice(position, next)));
        position = next;
      }
      output.push(...parser.push(text.slice(position)), ...parser.end());
      const expected = frames.map((frame) => (frame.event === undefined ? { data: frame.data } : { event: frame.event, data: frame.data }));
      assert.deepEqual(output, expected);
    }),
  );
});
