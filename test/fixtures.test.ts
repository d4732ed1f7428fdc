/**
 * A fresh clone tests itself: every fixture a test reads is in the repository, with its source and
 * licence written down, and nothing in the tests or the bench reaches for files beside the clone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fixtureNames, fixturePath } from './support/fixtures.js';
import { repositoryRoot as findRepositoryRoot } from './support/repository-root.js';


const repositoryRoot = findRepositoryRoot();
const ownRoot = join(repositoryRoot, 'test', 'fixtures');
const recordedRoot = join(ownRoot, 'recorded');
const manifestPath = join(recordedRoot, 'MANIFEST.md');
/** Folders under test/fixtures/ that hold no vendor fixtures of their own kind (each has its own README). */
const notFixtureFolders = new Set(['recorded', 'chat-templates']);

function filesIn(directory: string): string[] {
  return existsSync(directory) ? readdirSync(directory).filter((name) => statSync(join(directory, name)).isFile()) : [];
}

function foldersIn(directory: string): string[] {
  return existsSync(directory) ? readdirSync(directory).filter((name) => statSync(join(directory, name)).isDirectory()) : [];
}

/** `- \`folder/name\` (size) — source — … License: X. note` lines of the MANIFEST, by name. */
function manifestEntries(): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of readFileSync(manifestPath, 'utf8').split('\n')) {
    const match = /^- `([a-z0-9-]+\/[^`/]+)` \(/.exec(line);
    if (match?.[1] === undefined) continue;
    assert.equal(entries.has(match[1]), false, `${match[1]} is listed twice`);
    entries.set(match[1], line);
  }
  return entries;
}

test('fixtures resolve inside the repository, never beside it', () => {
  for (const name of ['MANIFEST.md', 'anthropic/fantasy-sonnet4-simple.response.json', 'anthropic/error-429-rate-limit.json']) {
    const path = relative(repositoryRoot, fixturePath(name));
    assert.ok(!path.startsWith('..') && path.startsWith(`test${sep}fixtures${sep}`), `${name} resolved to ${fixturePath(name)}`);
    assert.ok(existsSync(fixturePath(name)), name);
  }
});

test('every recorded fixture has one MANIFEST line, and every MANIFEST line a file', () => {
  const entries = manifestEntries();
  const files = foldersIn(recordedRoot)
    .filter((folder) => folder !== 'LICENSES')
    .flatMap((folder) => filesIn(join(recordedRoot, folder)).map((name) => `${folder}/${name}`));
  assert.ok(files.length > 0, 'no recorded fixtures');
  assert.deepEqual(files.filter((name) => !entries.has(name)), [], 'files without a MANIFEST line');
  assert.deepEqual([...entries.keys()].filter((name) => !files.includes(name)), [], 'MANIFEST lines without a file');
});

test('every recorded fixture comes from a source whose licence lets it be redistributed', () => {
  /** The sources' licences (MANIFEST.md, "Licenses of source repositories"; texts in LICENSES/). */
  const redistributable = new Set(['Apache-2.0', 'MIT', 'EPL-2.0', 'Apache-2.0 OR BSD-3-Clause', 'GitHub issue content (user-pasted real API error)']);
  for (const [name, line] of manifestEntries()) {
    const licence = /\. License: (.+?)\. /.exec(line)?.[1];
    assert.ok(licence !== undefined && redistributable.has(licence), `${name}: licence ${licence ?? '(none)'}`);
  }
});

test('every fixture written here is named in test/fixtures/README.md, and no name is in both places', () => {
  const readme = readFileSync(join(ownRoot, 'README.md'), 'utf8');
  const own = foldersIn(ownRoot)
    .filter((folder) => !notFixtureFolders.has(folder))
    .flatMap((folder) => filesIn(join(ownRoot, folder)).map((name) => `${folder}/${name}`));
  assert.ok(own.length > 0, 'no fixtures of our own');
  for (const name of own) {
    assert.ok(readme.includes(`\`${name}\``), `${name} is not described in test/fixtures/README.md`);
    assert.equal(existsSync(join(recordedRoot, name)), false, `${name} is both recorded and written here`);
    const [folder] = name.split('/');
    assert.ok(fixtureNames(folder ?? '').includes(name.slice(name.indexOf('/') + 1)), `${name} is listed with its folder`);
  }
});

test('no test, bench or source file reads fixtures from outside the repository', () => {
  // A relative reach out of the clone, or the machine's own copy of the recordings by its absolute path.
  const outside = [['..', 'shared'].join('/'), ['', 'shared', 'fixtures', ''].join('/')];
  const offenders: string[] = [];
  const visit = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (path === ownRoot) continue;
      if (statSync(path).isDirectory()) visit(path);
      else if (outside.some((text) => readFileSync(path, 'utf8').includes(text))) offenders.push(relative(repositoryRoot, path));
    }
  };
  for (const folder of ['test', 'bench', 'src', 'bin', '.ci']) if (existsSync(join(repositoryRoot, folder))) visit(join(repositoryRoot, folder));
  assert.deepEqual(offenders, []);
});
