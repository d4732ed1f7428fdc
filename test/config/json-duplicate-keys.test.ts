/**
 * A `.json` configuration that gives a key twice in one object is refused, as a YAML one is:
 * `JSON.parse` alone would keep the last without a word (RFC 8259 §4: "The names within an object
 * SHOULD be unique", https://www.rfc-editor.org/rfc/rfc8259#section-4).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../../src/config/load.js';
import { duplicateJsonKeys } from '../../src/config/json-duplicate-keys.js';

function writeTemporary(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'interlingua-json-')), name);
  writeFileSync(path, text);
  return path;
}

const provider = '"providers":{"fake":{"dialect":"openai-chat","baseUrl":"http://127.0.0.1:9/v1","apiKey":"x"}}';

test('a model given twice in a JSON configuration is refused, naming its place', () => {
  const file = writeTemporary('gateway.json', `{${provider},\n"models":{"smart":[{"provider":"fake","model":"gpt-4o"}],"smart":[{"provider":"fake","model":"gpt-4.1"}]}}`);
  assert.throws(() => loadConfigFile(file, {}), { message: `${file}: models.smart: given twice in one object (the second would replace the first)` });
});

test('the same name in different objects, and strings that look like keys, are not repeats', () => {
  const file = writeTemporary('gateway.json', `{${provider},"models":{"a":[{"provider":"fake","model":"m"}],"b":[{"provider":"fake","model":"\\"a\\": {"}]}}`);
  assert.deepEqual([...loadConfigFile(file, {}).models.keys()], ['a', 'b']);
});

test('repeats are found at any depth, inside lists and with escaped names', () => {
  assert.deepEqual(duplicateJsonKeys('{"a":1,"a":2}'), ['a']);
  assert.deepEqual(duplicateJsonKeys('{"x":[{"k":1},{"k":1,"k":2}],"y":{"z":{"q\\"":1,"q\\u0022":2}}}'), ['x[1].k', 'y.z.q"']);
  assert.deepEqual(duplicateJsonKeys('{"a":{},"b":[],"c":[[{"a":1}],{"a":2}],"d":"a,a"}'), []);
});
