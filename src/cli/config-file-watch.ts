import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/**
 * Reloads after the file changes. Editors write a file in several steps (or replace it), so
 * changes are gathered for a moment, and the directory is watched so that a replaced file
 * (a Kubernetes ConfigMap swaps a symlink) is still seen.
 */
export function watchFile(file: string, reload: () => void): FSWatcher | undefined {
  let timer: NodeJS.Timeout | undefined;
  const name = basename(file);
  try {
    const watcher = watch(dirname(resolve(file)), (_event, changed) => {
      if (changed !== null && changed !== name && !changed.startsWith('..')) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 200);
      timer.unref();
    });
    watcher.unref();
    return watcher;
  } catch {
    return undefined;
  }
}
