/**
 * The configuration file's watch: a change to the file, a file replaced by an editor and a
 * Kubernetes ConfigMap update (its `..data` symlink swapped to a new directory) each reload once;
 * writes to other files beside it (the default SQLite database and its log live there) do not.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchFile } from '../../src/cli/config-file-watch.js';

const root = mkdtempSync(join(tmpdir(), 'interlingua-config-watch-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Past one look at the file (1 s) and the settling pause (0.2 s), with room for a loaded machine. */
const longEnoughMs = 2_500;

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Watches `file` and counts the reloads. */
function counted(file: string): { reloads: () => number; close: () => void } {
  let reloads = 0;
  const watch = watchFile(file, () => reloads++);
  return { reloads: () => reloads, close: () => watch.close() };
}

test('a change to the file reloads once; writes to other files beside it do not', async () => {
  const directory = join(root, 'plain');
  mkdirSync(directory);
  const file = join(directory, 'interlingua.yaml');
  writeFileSync(file, 'providers: {}\n');
  const watch = counted(file);
  try {
    for (let write = 0; write < 20; write++) {
      writeFileSync(join(directory, 'interlingua.db-wal'), `frame ${write}\n`, { flag: 'a' });
      await sleep(50);
    }
    await sleep(longEnoughMs - 1_000);
    assert.equal(watch.reloads(), 0, 'the database beside it is not the configuration');
    writeFileSync(file, 'providers: {}\nretry: { attempts: 1 }\n');
    await sleep(longEnoughMs);
    assert.equal(watch.reloads(), 1);
  } finally {
    watch.close();
  }
});

test('a file an editor replaces (written aside, renamed over) reloads', async () => {
  const directory = join(root, 'editor');
  mkdirSync(directory);
  const file = join(directory, 'interlingua.yaml');
  writeFileSync(file, 'providers: {}\n');
  const watch = counted(file);
  try {
    await sleep(100);
    writeFileSync(join(directory, '.interlingua.yaml.swp'), 'providers: {}\n');
    renameSync(join(directory, '.interlingua.yaml.swp'), file);
    await sleep(longEnoughMs);
    assert.equal(watch.reloads(), 1);
  } finally {
    watch.close();
  }
});

test('a ConfigMap update, its ..data symlink swapped to a new directory, reloads', async () => {
  const directory = join(root, 'configmap');
  mkdirSync(join(directory, '..2026_12_01'), { recursive: true });
  writeFileSync(join(directory, '..2026_12_01', 'interlingua.yaml'), 'providers: {}\n');
  symlinkSync('..2026_12_01', join(directory, '..data'));
  symlinkSync(join('..data', 'interlingua.yaml'), join(directory, 'interlingua.yaml'));
  const watch = counted(join(directory, 'interlingua.yaml'));
  try {
    await sleep(100);
    // As the kubelet does it: the new version in a directory of its own, then the link swapped by a rename.
    mkdirSync(join(directory, '..2026_12_02'));
    writeFileSync(join(directory, '..2026_12_02', 'interlingua.yaml'), 'providers: {}\nretry: { attempts: 2 }\n');
    symlinkSync('..2026_12_02', join(directory, '..data_tmp'));
    renameSync(join(directory, '..data_tmp'), join(directory, '..data'));
    rmSync(join(directory, '..2026_12_01'), { recursive: true });
    await sleep(longEnoughMs);
    assert.equal(watch.reloads(), 1);
  } finally {
    watch.close();
  }
});
