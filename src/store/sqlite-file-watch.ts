import { statSync, unlinkSync } from 'node:fs';

/** How often the path of an open SQLite file is checked for being deleted or replaced. */
export const fileCheckIntervalMs = 1_000;

/** Which file a path names: its device and inode; undefined when nothing is there. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function fileIdentity(path: string): FileIdentity | undefined {
  try {
    const { dev, ino } = statSync(path);
    return { dev, ino };
  } catch {
    return undefined;
  }
}

/**
 * Watches the path of an open SQLite file for the file being deleted or replaced (`rm`, or a
 * backup restored with `mv`). An open connection keeps using the file it opened, which is then
 * no longer the one at the path: every later write went to an unlinked file and was lost when the
 * process ended, and what another process (`interlingua keys`) wrote at the path was never seen.
 * SQLite refuses writes to a moved file only in rollback-journal mode (SQLITE_READONLY_DBMOVED,
 * https://www.sqlite.org/rescode.html#readonly_dbmoved; sqlite's test/pager4.test); in WAL mode the
 * writes went on, to a file nobody would read again.
 * A `stat` a second costs a few microseconds.
 */
export class SqliteFileWatch {
  private readonly timer: NodeJS.Timeout;
  /** The write-ahead log and its index beside the file, as they were when it was opened. */
  private readonly companions: Array<{ path: string; opened: FileIdentity | undefined }>;

  /** `changed` is called once, with what the path holds now (undefined: nothing). */
  constructor(
    readonly path: string,
    private readonly opened: FileIdentity,
    changed: (now: FileIdentity | undefined) => void,
    intervalMs = fileCheckIntervalMs,
  ) {
    this.companions = ['-wal', '-shm'].map((suffix) => ({ path: `${path}${suffix}`, opened: fileIdentity(`${path}${suffix}`) }));
    this.timer = setInterval(() => {
      const now = fileIdentity(path);
      if (now !== undefined && now.dev === this.opened.dev && now.ino === this.opened.ino) return;
      this.stop();
      changed(now);
    }, intervalMs);
    // It never keeps a process alive that has nothing else to do.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Deletes the write-ahead log and its index that belonged to the file opened, once that file
   * is gone from the path, before its connections close; returns the paths deleted. SQLite
   * neither checkpoints nor deletes the log of a moved file when its last connection closes
   * (sqlite src/pager.c `sqlite3PagerClose`: no checkpoint unless `databaseIsUnmoved`, and
   * `sqlite3WalClose` deletes the log only after one), so it stayed beside the path, and the file
   * opened there next was read through it, and checkpointed into it: a restored backup lost its
   * keys to the old file's pages. A log already replaced by the new file's own (another inode) is
   * left alone.
   */
  removeLeftovers(): string[] {
    const removed: string[] = [];
    for (const companion of this.companions) {
      const now = fileIdentity(companion.path);
      if (companion.opened === undefined || now === undefined || now.dev !== companion.opened.dev || now.ino !== companion.opened.ino) continue;
      try {
        unlinkSync(companion.path);
        removed.push(companion.path);
      } catch {
        // Gone meanwhile: nothing left to pair with.
      }
    }
    return removed;
  }
}
