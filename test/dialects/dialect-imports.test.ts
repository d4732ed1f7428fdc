/**
 * No dialect imports another (GUIDE.md, "The shape of the house"): each folder under src/dialects/
 * is one wire format, and what two wire formats share lives in a `<family>-family` folder that
 * both import (openai-family, ollama-family, bedrock-family, claude-family). A family folder is
 * held to the same rule, since a family that imported a dialect would hand that dialect to every
 * member of the family. Files beside the folders (registry.ts, which wires every dialect up) are
 * not dialects and are not checked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { repositoryRoot } from '../support/repository-root.js';


const dialectsRoot = join(repositoryRoot(), 'src', 'dialects');

function typescriptFilesIn(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return typescriptFilesIn(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The folder directly under src/dialects/ that holds `path`, or undefined for a path outside them (or a file beside them). */
function dialectFolderOf(path: string): string | undefined {
  const inside = relative(dialectsRoot, path);
  if (inside.startsWith('..')) return undefined;
  const segments = inside.split(sep);
  return segments.length > 1 ? segments[0] : undefined;
}

function isFamily(folder: string): boolean {
  return folder.endsWith('-family');
}

/**
 * Every import of another dialect's folder, as `<file>: <specifier>`. Specifiers are read by
 * TypeScript's own scanner (static and dynamic imports, `export … from`, `import type`, never a
 * comment) and resolved against the importing file, so `../anthropic/x.js` and
 * `../../dialects/anthropic/x.js` are both caught.
 */
function crossDialectImports(): string[] {
  const offenders: string[] = [];
  for (const file of typescriptFilesIn(dialectsRoot)) {
    const own = dialectFolderOf(file);
    if (own === undefined) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const target = dialectFolderOf(resolve(dirname(file), specifier));
      if (target === undefined || target === own || isFamily(target)) continue;
      offenders.push(`${relative(dialectsRoot, file).split(sep).join('/')}: ${specifier}`);
    }
  }
  return offenders;
}

test('the dialect folders are found', () => {
  const folders = readdirSync(dialectsRoot).filter((name) => statSync(join(dialectsRoot, name)).isDirectory());
  for (const dialect of ['anthropic', 'bedrock', 'gemini', 'openai-chat']) assert.ok(folders.includes(dialect), dialect);
  assert.ok(typescriptFilesIn(dialectsRoot).length > 100);
});

test('no dialect imports another dialect; shared pieces come from a family folder', () => {
  const offenders = crossDialectImports();
  assert.deepEqual(offenders, [], `files under src/dialects/ importing another dialect's folder:\n  ${offenders.join('\n  ')}`);
});
