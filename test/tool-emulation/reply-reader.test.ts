/**
 * The reader over every format: a reply split at every character boundary reads exactly as the
 * whole reply does, ordinary text is never held back longer than a possible marker, and any
 * text gives pieces rather than a crash (fast-check).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toolFormats } from '../../src/tool-emulation/format-registry.js';
import { ReplyReader } from '../../src/tool-emulation/reply-reader.js';
import { readSplit, readWhole, summary, tools } from './support.js';

const samples: Record<string, string> = {
  json: 'Let me compute both.\n```json\n{"tool_calls": [{"name": "add", "arguments": {"a": 2, "b": 3}}, {"name": "multiply", "arguments": {"a": 4, "b": 5}}]}\n```\nDone.',
  hermes: 'Sure.\n<tool_call>\n{"name": "add", "arguments": {"a": 2, "b": 3}}\n</tool_call>\n<tool_call>\n{"name": "multiply", "arguments": {"a": 4, "b": 5}}\n</tool_call>',
  react: 'Thought: I need both results.\nAction: add\nAction Input: {"a": 2, "b": 3}\nAction: multiply\nAction Input: {"a": 4, "b": 5}\n',
  chatglm3: 'Okay, let me calculate.\nadd\n```python\ntool_call(a=2, b=3)\n```\nmultiply\n```python\ntool_call(a=4, b=5)\n```',
};

for (const [name, format] of Object.entries(toolFormats)) {
  const sample = samples[name]!;

  test(`${name}: the sample reply gives two parallel calls`, () => {
    const calls = summary(readWhole(sample, format)).filter((piece) => piece.startsWith('add(') || piece.startsWith('multiply('));
    assert.deepEqual(calls, ['add({"a":2,"b":3})', 'multiply({"a":4,"b":5})']);
  });

  test(`${name}: split at every character boundary, the reply reads as the whole`, () => {
    const whole = readWhole(sample, format);
    for (let at = 0; at <= sample.length; at++) assert.deepEqual(readSplit([sample.slice(0, at), sample.slice(at)], format), whole, `split at ${at}`);
    assert.deepEqual(readSplit([...sample], format), whole, 'one character at a time');
  });

  test(`${name}: any split of any text reads as the whole, without a crash`, () => {
    const alphabet = fc.constantFrom('a', ' ', '\n', '{', '}', '"', '`', '<', '>', '/', ':', 'A', 'tool_call', 'Action:', 'Action Input:', 'add', 'name', '(', ')', '=', ',');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.array(fc.nat(60), { maxLength: 4 }), (tokens, cuts) => {
        const text = tokens.join('');
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((left, right) => left - right);
        const parts: string[] = [];
        let from = 0;
        for (const point of points) {
          parts.push(text.slice(from, point));
          from = point;
        }
        parts.push(text.slice(from));
        assert.deepEqual(readSplit(parts, format), readWhole(text, format));
      }),
    );
  });

  test(`${name}: a plain answer streams at once and comes back unchanged`, () => {
    const reader = new ReplyReader(format, tools);
    assert.deepEqual(summary(reader.push('The answer is 42. ')), ['The answer is 42.']);
    assert.deepEqual(summary([...reader.push('Nothing else'), ...reader.end()]), [' Nothing else']);
  });
}

/** Replies whose segment ends hide in strings, escapes, backticks and tags split between pieces. */
const trickySamples: Record<string, string[]> = {
  json: [
    'Ok. {"name": "google", "arguments": {"keyword": "a \\"}\\" {[ b"}} then { not json } and {"city": "Paris"}.',
    '[{"name": "add", "arguments": {"a": 1, "b": 2}}] {"tool_calls": [{"name": "multiply", "arguments": "{\\"a\\": 4, \\"b\\": 5}"}]}',
  ],
  hermes: ['A <tool_call>{"name": "google", "arguments": {"keyword": "</tool_ x"}}</tool_call>B<tool_call>\n```json\n{"name": "add", "arguments": {"a": 1, "b": 2}}\n```\n</tool_call>'],
  react: [
    'Action: google\nAction Input: ``x``\nAction: add\nAction Input:\n```json\n{"a": 1, "b": 2}\n```\nThen.',
    'Action: multiply\nAction Input:   {"a": 4, "b": "}{"}\nThought: done\nFinal Answer: 20',
  ],
  chatglm3: ['<|assistant|>google\n```python\ntool_call(keyword="x``y")\n```\nok\nadd\n```\n{"a": 1, "b": 2}\n```'],
};

for (const [name, format] of Object.entries(toolFormats)) {
  for (const sample of trickySamples[name]!) {
    test(`${name}: split at every pair of boundaries, ${JSON.stringify(sample.slice(0, 30))}… reads as the whole`, () => {
      const whole = readWhole(sample, format);
      assert.ok(summary(whole).some((piece) => /^(add|multiply|google)\(/.test(piece)), JSON.stringify(summary(whole)));
      for (let first = 0; first <= sample.length; first++) {
        for (let second = first; second <= sample.length; second += 3) {
          const parts = [sample.slice(0, first), sample.slice(first, second), sample.slice(second)];
          assert.deepEqual(readSplit(parts, format), whole, `split at ${first}, ${second}`);
        }
      }
      assert.deepEqual(readSplit([...sample], format), whole, 'one character at a time');
    });
  }
}

test('a possible marker is held back only until it can no longer be one', () => {
  const reader = new ReplyReader(toolFormats.hermes, tools);
  assert.deepEqual(summary(reader.push('Hi <tool_')), ['Hi']);
  assert.deepEqual(summary(reader.push('tip> there')), [' <tool_tip> there']);
});
