/**
 * tools/bundle-tests.mjs, run by `npm test` after the build: each compiled test becomes one bundle
 * that still behaves as the compiled files did. A module's `import.meta.url` names its own file (the
 * gateway finds proto files, console assets and workers beside it), a module two tests import is
 * shared rather than copied, and packages outside the bundled few stay imports resolved at run time.
 * Tests then share processes in groups, each file's hooks still its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
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

test('tests share a process in groups, each file a suite whose hooks stay its own; a test that awaits at its top level runs alone', () => {
  const root = mkdtempSync(join(tmpdir(), 'interlingua-groups-'));
  try {
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('build/src/lib/counter.js', 'export const seen = [];\n');
    // Each file's top-level hook must run for its own tests only, as it did in a process of its own.
    for (const name of ['one', 'two']) {
      write(
        `build/test/gateway/${name}.test.js`,
        `import { test, beforeEach } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { seen } from '../../src/lib/counter.js';\n` +
          `let own = 0;\nbeforeEach(() => { own++; seen.push('${name}'); });\n` +
          `test('${name} a', () => assert.equal(own, 1));\ntest('${name} b', () => assert.equal(own, 2));\n`,
      );
    }
    write('build/test/gateway/late.test.js', "import { test } from 'node:test';\nawait Promise.resolve();\ntest('declared after an await', () => {});\n");
    write('build/test/cli/spawns.test.js', "import { test } from 'node:test';\ntest('a process of its own', () => {});\n");

    execFileSync(process.execPath, [script, root]);

    const runList = readFileSync(join(root, 'build', 'test-bundle', 'run-list.txt'), 'utf8').trim().split('\n');
    assert.deepEqual(runList, ['build/test-groups/gateway-1.test.js', 'build/test-bundle/cli/spawns.test.js', 'build/test-bundle/gateway/late.test.js']);
    // A runner started inside a test would report to this one in its binary form.
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...runList], { cwd: root, encoding: 'utf8', env });
    assert.equal(run.status, 0, run.stdout);
    for (const name of ['gateway/one.test.js', 'gateway/two.test.js', 'one a', 'one b', 'two a', 'two b', 'declared after an await', 'a process of its own']) {
      assert.match(run.stdout, new RegExp(`^\\s*ok \\d+ - ${name.replace('.', '\\.')}$`, 'm'), name);
    }
    assert.match(run.stdout, /^# pass 6$/m);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
