/**
 * tools/bundle-tests.mjs, run by `npm test` after the build: each compiled test becomes one bundle
 * that still behaves as the compiled files did. A module's `import.meta.url` names its own file (the
 * gateway finds proto files, console assets and workers beside it), a module two tests import is
 * shared rather than copied, and packages outside the bundled few stay imports resolved at run time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const script = fileURLToPath(new URL('../../../tools/bundle-tests.mjs', import.meta.url));

test('each test is bundled with its modules, which keep their own import.meta.url; other packages stay imports', () => {
  const root = mkdtempSync(join(tmpdir(), 'interlingua-bundle-'));
  try {
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('build/src/lib/where.js', "export const here = import.meta.url;\nexport const words = 'import.meta.url';\nexport const loaded = [];\n");
    write('build/test/a/first.test.js', "import { here, words, loaded } from '../../src/lib/where.js';\nloaded.push('first');\nconsole.log(JSON.stringify({ here, words, loaded }));\n");
    write('build/test/second.test.js', "import { loaded } from '../src/lib/where.js';\nimport { randomUUID } from 'node:crypto';\nimport 'some-runtime-package';\nloaded.push(randomUUID());\n");
    write('build/test/a/helper.js', 'export const notATest = true;\n');

    execFileSync(process.execPath, [script, root]);

    const bundles = join(root, 'build', 'test-bundle');
    const printed = JSON.parse(execFileSync(process.execPath, [join(bundles, 'a', 'first.test.js')], { encoding: 'utf8' })) as { here: string; words: string; loaded: string[] };
    assert.equal(printed.here, pathToFileURL(join(root, 'build', 'src', 'lib', 'where.js')).href, "the module's URL is its compiled file's");
    assert.equal(printed.words, 'import.meta.url', 'the same words in a string stay as they are');
    assert.deepEqual(printed.loaded, ['first']);

    const second = readFileSync(join(bundles, 'second.test.js'), 'utf8');
    assert.match(second, /from "some-runtime-package"|import "some-runtime-package"/, 'a package not bundled stays an import');
    const chunks = readdirSync(bundles).filter((name) => name.startsWith('chunk-'));
    assert.equal(chunks.length, 1, 'the module both tests import is one shared chunk');
    assert.deepEqual(readdirSync(join(bundles, 'a')), ['first.test.js'], 'only tests are entry points');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
