/**
 * Removes what an earlier build compiled from a TypeScript file that is gone. tsc's incremental
 * build writes outputs and never deletes them, so a test deleted or renamed in the sources would
 * still run (`npm test` runs every compiled test) and a deleted module would still be packed
 * (package.json `files` holds build/src). Run before tsc; `node tools/prune-build.mjs [root]`.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What tsc writes for `name.ts`: the module, its declarations, and their source maps. */
const output = /^(.+)\.(?:js|d\.ts)(?:\.map)?$/;

function pruneBuild(root) {
  const removed = [];
  for (const folder of ['src', 'test', 'bench']) {
    const built = join(root, 'build', folder);
    if (!existsSync(built)) continue;
    for (const entry of readdirSync(built, { recursive: true, withFileTypes: true })) {
      const match = entry.isFile() ? output.exec(entry.name) : null;
      if (match === null) continue;
      const directory = entry.parentPath ?? entry.path;
      if (existsSync(join(root, folder, relative(built, directory), `${match[1]}.ts`))) continue;
      rmSync(join(directory, entry.name));
      removed.push(relative(root, join(directory, entry.name)));
    }
  }
  return removed;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
  const removed = pruneBuild(root);
  if (removed.length > 0) console.log(`removed ${removed.length} compiled file(s) whose source is gone: ${removed.join(', ')}`);
}
