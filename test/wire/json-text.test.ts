import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { depthLimitOffset, maxJsonDepth, parseJsonText } from '../../src/wire/json-text.js';
import { jsonSyntaxErrorOffset, lineAndColumn } from '../../src/wire/json-syntax-error.js';

test('valid JSON parses as JSON.parse parses it', () => {
  const text = '{"a":[1,-2.5e+3,"x\\"]",{"b":null}],"c":true}';
  assert.deepEqual(parseJsonText(text), { ok: true, value: JSON.parse(text) });
});

test('nesting past the limit is refused with its place, before JSON.parse', () => {
  const deep = '{"tools":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}';
  const result = parseJsonText(deep);
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.problem : '', new RegExp(`^nests deeper than ${maxJsonDepth} levels at line 1, column ${9 + maxJsonDepth} \\(character ${8 + maxJsonDepth}\\)$`));
  // Exactly at the limit is fine.
  const atLimit = '['.repeat(maxJsonDepth - 1) + '{}' + ']'.repeat(maxJsonDepth - 1);
  assert.equal(parseJsonText(atLimit).ok, true);
  // More brackets than the limit, side by side or in strings, is not nesting.
  const wide = JSON.stringify({ items: Array.from({ length: 3 * maxJsonDepth }, () => ({ list: [] })), text: '{['.repeat(maxJsonDepth) });
  assert.equal(parseJsonText(wide).ok, true);
  const justPast = '['.repeat(maxJsonDepth) + '{}' + ']'.repeat(maxJsonDepth);
  assert.equal(parseJsonText(justPast).ok, false);
});

test('brackets inside strings do not count, escaped quotes do not end a string', () => {
  assert.equal(depthLimitOffset(JSON.stringify({ text: '[[[[[[{{{{', quoted: 'a\\"[[[[' }), 3), undefined);
  // The string holds one escaped backslash; the fourth level opens at offset 9.
  assert.equal(depthLimitOffset('["\\\\", [[[]]]]', 3), 9);
});

test('a syntax error names line and column but never quotes the text', () => {
  const secret = 'sk-live-0123456789abcdef';
  for (const text of [`{"key": ${secret}}`, `{"key": "${secret}"`, `{"key": "${secret}" "more": 1}`, `{"a":1}\n{"key":"${secret}"} x`]) {
    const result = parseJsonText(text);
    assert.equal(result.ok, false);
    const problem = result.ok ? '' : result.problem;
    assert.match(problem, /^is not valid JSON at line \d+, column \d+ \(character \d+\)$/);
    assert.ok(!problem.includes(secret) && !problem.includes('sk-'), problem);
  }
  assert.deepEqual(parseJsonText('{"a": 1,\n  "b": x}'), { ok: false, kind: 'not-json', problem: 'is not valid JSON at line 2, column 8 (character 16)' });
});

test('lineAndColumn counts from one', () => {
  assert.deepEqual(lineAndColumn('ab\ncd', 4), { line: 2, column: 2 });
  assert.deepEqual(lineAndColumn('abc', 0), { line: 1, column: 1 });
});

test('the syntax scanner agrees with JSON.parse on any text', () => {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  const jsonish = fc.stringMatching(/^[\s{}[\]",:0-9.eE+\-tfrunlsa\\/bu]{0,40}$/);
  const nearlyJson = fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 3 })).map(([text, at, insert]) => {
    const index = at % (text.length + 1);
    return text.slice(0, index) + insert + text.slice(index + 1);
  });
  fc.assert(
    fc.property(fc.oneof(jsonish, nearlyJson, fc.json(), fc.string()), (text) => {
      assert.equal(jsonSyntaxErrorOffset(text) === undefined, parses(text), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
});
