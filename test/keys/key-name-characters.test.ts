/**
 * A key's name is printed as it is by `keys list`, `usage` and the logs: one with a line break,
 * tab or terminal escape (ESC [ … m) is refused when the key is made, by the CLI and the admin API
 * alike (both go through parseKeySpec).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKeySpec } from '../../src/keys/key-spec.js';

test('a name with a control character or a line separator is refused, naming the field', () => {
  for (const name of ['two\nlines', 'cr\r', 'tab\there', '\u001b[31mred\u001b[0m', 'nul\u0000', 'del\u007f', 'c1\u009b31m', 'ls\u2028', 'ps\u2029']) {
    assert.throws(() => parseKeySpec({ name }), { message: 'name: may not contain control characters (a line break, tab or terminal escape)' }, JSON.stringify(name));
  }
});

test('names with spaces, punctuation and letters beyond ASCII are kept', () => {
  for (const name of ['search team', 'ci-bot_2 (prod)', 'équipe', '検索', 'a👩‍💻b']) assert.equal(parseKeySpec({ name }).name, name);
});
