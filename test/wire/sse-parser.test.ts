import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SseParser, formatSseFrame } from '../../src/wire/sse-parser.js';
import type { StreamFrame } from '../../src/interlingua/dialect.js';
import { readFixtureSseFrames, readFixtureText } from '../support/fixtures.js';

/** The frames of `text` pushed in pieces of the given lengths, the rest at once, then the end. */
function parsedInChunks(text: string, cuts: readonly number[]): StreamFrame[] {
  const parser = new SseParser();
  const output: StreamFrame[] = [];
  let position = 0;
  for (const cut of cuts) {
    const next = Math.min(text.length, position + cut);
    output.push(...parser.push(text.slice(position, next)));
    position = next;
  }
  output.push(...parser.push(text.slice(position)), ...parser.end());
  return output;
}

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

test('an empty chunk between a CR and its LF keeps them one line end', () => {
  const parser = new SseParser();
  const frames = [...parser.push('data: a\r'), ...parser.push(''), ...parser.push('\ndata: b\n\n')];
  assert.deepEqual(frames, [{ data: 'a\nb' }]);
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
      const output = parsedInChunks(text, cuts);
      const expected = frames.map((frame) => (frame.event === undefined ? { data: frame.data } : { event: frame.event, data: frame.data }));
      assert.deepEqual(output, expected);
    }),
  );
});

/** The spec's algorithm on a whole text, line by line (html.spec.whatwg.org, "Interpreting an event stream"), minus `id`/`retry`. */
function referenceFrames(text: string): Array<{ data: string; event?: string }> {
  const frames: Array<{ data: string; event?: string }> = [];
  let data: string[] = [];
  let event: string | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  // A last line without its line end counts at the end of the stream, as a line.
  for (const line of lines) {
    if (line === '') {
      if (data.length > 0) frames.push(event === undefined || event === '' ? { data: data.join('\n') } : { event, data: data.join('\n') });
      data = [];
      event = undefined;
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
  }
  if (data.length > 0) frames.push(event === undefined || event === '' ? { data: data.join('\n') } : { event, data: data.join('\n') });
  return frames;
}

test('any text of field lines, odd lines and mixed line ends, in any chunks, parses as the spec reads it', () => {
  const line = fc.oneof(
    fc.string({ maxLength: 12 }).map((value) => `data: ${value}`),
    fc.string({ maxLength: 12 }).map((value) => `data:${value}`),
    fc.constant('data'),
    fc.constant('data:'),
    fc.stringMatching(/^[a-z_]{0,8}$/).map((value) => `event: ${value}`),
    fc.constant('event'),
    fc.constant(': comment'),
    fc.constant('id: 3'),
    fc.constant('dataX: not data'),
    fc.constant(' data: leading space'),
    fc.constant('x'),
    fc.constant(''),
  );
  const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
  fc.assert(
    fc.property(fc.array(fc.tuple(line.map((value) => value.replace(/[\r\n]/g, '')), lineEnd), { maxLength: 20 }), fc.array(fc.nat(30), { maxLength: 10 }), (lines, cuts) => {
      const text = lines.map(([value, end]) => value + end).join('');
      assert.deepEqual(parsedInChunks(text, cuts), referenceFrames(text));
    }),
    { numRuns: 2000 },
  );
});
