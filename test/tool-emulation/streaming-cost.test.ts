/**
 * A long streamed reply costs work in proportion to its length: the text held while a call may
 * be open is not looked at again on every piece. The work is counted (characters handed to the
 * format, characters searched), never timed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toolFormats } from '../../src/tool-emulation/format-registry.js';
import { ReplyReader, joinTexts } from '../../src/tool-emulation/reply-reader.js';
import { JsonEndScanner, NeedleFinder } from '../../src/tool-emulation/segment-scanners.js';
import type { ToolFormat } from '../../src/tool-emulation/tool-format.js';
import { summary, tools } from './support.js';

const pieceCount = 20_000;

/** The format, counting the characters of every string handed to it or to the objects it returns. */
function counting<T extends object>(target: T, counter: { characters: number }): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key);
      if (typeof value !== 'function') return value;
      return (...values: unknown[]) => {
        for (const given of values) if (typeof given === 'string') counter.characters += given.length;
        const result: unknown = Reflect.apply(value, object, values);
        return typeof result === 'object' && result !== null && !Array.isArray(result) ? counting(result, counter) : result;
      };
    },
  });
}

/** Replies that open a call (or a JSON answer) and then go on for many small pieces. */
const longReplies: Record<string, { opening: string; piece: (index: number) => string; closing: string }> = {
  json: { opening: 'Rows: {"data": [', piece: (index) => (index % 2 ? '"a\\"}", ' : '{"k": 1}, '), closing: '0]}' },
  hermes: { opening: 'Sure. <tool_call>{"name": "google", "arguments": {"keyword": "', piece: () => 'ab </tool ', closing: '"}}</tool_call>' },
  react: { opening: 'Action: google\nAction Input: {"keyword": "', piece: () => 'ab {[ ', closing: '"}\n' },
  chatglm3: { opening: 'google\n```python\ntool_call(keyword="', piece: () => 'ab `` ', closing: '")\n```' },
};

for (const [name, reply] of Object.entries(longReplies)) {
  test(`${name}: ${pieceCount} streamed pieces are each handed to the format once`, () => {
    const counter = { characters: 0 };
    const reader = new ReplyReader(counting(toolFormats[name as keyof typeof toolFormats] as ToolFormat, counter), tools);
    let length = 0;
    const pieces = [];
    for (const text of [reply.opening, ...Array.from({ length: pieceCount }, (_, index) => reply.piece(index)), reply.closing]) {
      length += text.length;
      pieces.push(...reader.push(text));
    }
    pieces.push(...reader.end());
    assert.ok(pieces.length > 0);
    // Each character once while scanning, once more when the finished segment is read.
    assert.ok(counter.characters <= 3 * length, `${counter.characters} characters handed over for a reply of ${length}`);
  });
}

test('a fenced block streamed in many pieces is searched once for its closing fence', () => {
  const indexOf = String.prototype.indexOf;
  let searched = 0;
  String.prototype.indexOf = function (this: string, search: string, position?: number): number {
    searched += Math.max(0, this.length - (position ?? 0));
    return indexOf.call(this, search, position);
  };
  let length = 0;
  try {
    const reader = new ReplyReader(toolFormats.hermes, tools);
    for (const text of ['Here:\n```js\n', ...Array.from({ length: pieceCount }, () => 'let a = `x`;\n'), '```\nDone.']) {
      length += text.length;
      reader.push(text);
    }
    reader.end();
  } finally {
    String.prototype.indexOf = indexOf;
  }
  assert.ok(searched <= 10 * length, `${searched} characters searched for a reply of ${length}`);
});

test('the scanners look at each character of a long stream a bounded number of times', () => {
  const finder = new NeedleFinder('</tool_call>', 11);
  const object = new JsonEndScanner();
  let length = 0;
  let end: number | undefined;
  assert.equal(object.scan('{"a": ['), undefined);
  for (let index = 0; index < pieceCount; index++) {
    const text = index % 2 ? '"\\"]}", ' : '{"b": [1]}, ';
    assert.equal(finder.scan(text), undefined);
    assert.equal(object.scan(text), undefined);
    length += text.length;
  }
  assert.ok(finder.scanned <= length + pieceCount * ('</tool_call>'.length - 1), `${finder.scanned} for ${length}`);
  assert.ok(object.scanned <= length + 7, `${object.scanned} for ${length}`);
  end = object.scan('0]} tail');
  assert.equal(end, 7 + length + 3);
  end = finder.scan('x</tool_');
  assert.equal(end, undefined);
  assert.equal(finder.scan('call> rest'), length + 'x</tool_call>'.length);
});

test('a needle that straddles pieces is found, and never before the offset it is searched from', () => {
  const text = '```js\nlet a = 1;\n```\nafter';
  for (let at = 0; at <= text.length; at++) {
    for (let second = at; second <= text.length; second++) {
      const finder = new NeedleFinder('```', 3);
      const ends = [text.slice(0, at), text.slice(at, second), text.slice(second)].map((part) => (part === '' ? undefined : finder.scan(part)));
      assert.equal(ends.find((end) => end !== undefined), text.indexOf('```', 3) + 3, `split at ${at}, ${second}`);
    }
  }
});

test('json: a brace that opens no JSON object is let go at once, so prose and code keep streaming', () => {
  const reader = new ReplyReader(toolFormats.json, tools);
  assert.deepEqual(summary(joinTexts(reader.push('The set {a, b'))), ['The set {a, b']);
  assert.deepEqual(summary(reader.push(' is small.')), [' is small.']);
  const code = new ReplyReader(toolFormats.json, tools);
  assert.deepEqual(summary(joinTexts(code.push('function a() {\n  return 1;'))), ['function a() {\n  return 1;']);
});
