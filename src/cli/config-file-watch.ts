import { unwatchFile, watchFile as pollFile, type Stats } from 'node:fs';
import { resolve } from 'node:path';

/** How often the file is looked at; a change is applied within about this long. */
const pollIntervalMs = 1_000;
/** Editors write a file in several steps: changes are gathered for this long before a reload. */
const settleMs = 200;

/**
 * Reloads after the file changes. The file is looked at (a stat, once a second) rather than its
 * directory watched: a directory watch woke the process for every write to every file beside the
 * configuration, and the default SQLite database and its write-ahead log live there, so each
 * usage batch's writes woke `serve` (or the primary of `serve --workers`) dozens of times, about
 * 5 µs of CPU per request. A stat follows symlinks and sees another inode as a change, so a file
 * replaced by an editor or a Kubernetes ConfigMap update (a swapped `..data` symlink) is seen too.
 */
export function watchFile(file: string, reload: () => void): { close(): void } {
  const path = resolve(file);
  let timer: NodeJS.Timeout | undefined;
  const changed = (current: Stats, previous: Stats) => {
    if (current.ino === previous.ino && current.mtimeMs === previous.mtimeMs && current.ctimeMs === previous.ctimeMs && current.size === previous.size) return;
    clearTimeout(timer);
    timer = setTimeout(reload, settleMs);
    timer.unref();
  };
  pollFile(path, { interval: pollIntervalMs, persistent: false }, changed);
  return {
    close() {
      clearTimeout(timer);
      unwatchFile(path, changed);
    },
  };
}
