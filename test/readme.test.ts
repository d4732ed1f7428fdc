import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { errorTable } from '../src/interlingua/error.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('every error code is documented in the README with its status and meaning', () => {
  for (const [code, entry] of Object.entries(errorTable)) {
    assert.ok(readme.includes(`| \`${code}\` | ${entry.status} | ${entry.meaning} |`), `README documents ${code}`);
  }
});

test('the README names the set-up and test commands', () => {
  for (const command of ['npm install', 'npx interlingua serve', 'npm test']) assert.ok(readme.includes(command), command);
});
