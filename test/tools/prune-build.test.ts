/**
 * tools/prune-build.mjs, run before every build: compiled files whose TypeScript source is gone
 * are removed (a deleted test would otherwise still run), and nothing else is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../../tools/prune-build.mjs', import.meta.url));

test('outputs of a source that is gone are removed; outputs of one still there, and other files, stay', () => {
  const root = mkdtempSync(join(tmpdir(), 'interlingua-prune-'));
  try {
    const write = (path: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), '');
    };
    write('test/usage/kept.test.ts');
    write('src/store/kept.ts');
    const kept = ['build/test/usage/kept.test.js', 'build/test/usage/kept.test.d.ts', 'build/test/usage/kept.test.js.map', 'build/src/store/kept.js', 'build/.tsbuildinfo', 'build/console/index.js'];
    const gone = ['build/test/usage/gone.test.js', 'build/test/usage/gone.test.d.ts', 'build/test/usage/gone.test.js.map', 'build/src/store/gone.js', 'build/bench/gone.js'];
    for (const path of [...kept, ...gone]) write(path);
    const said = execFileSync(process.execPath, [script, root], { encoding: 'utf8' });
    assert.deepEqual(
      gone.filter((path) => existsSync(join(root, path))),
      [],
      'every output of a missing source is removed',
    );
    assert.deepEqual(
      kept.filter((path) => !existsSync(join(root, path))),
      [],
      'nothing else is touched',
    );
    assert.match(said, /removed 5 compiled file\(s\)/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
