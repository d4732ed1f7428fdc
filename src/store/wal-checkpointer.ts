import { Worker } from 'node:worker_threads';

/** How often the write-ahead log is copied into the database file. */
const checkpointIntervalMs = 1_000;

/**
 * Checkpoints an SQLite file's write-ahead log on a thread of its own. SQLite does it in the
 * connection that commits once the log passes 1,000 pages, and a checkpoint syncs the database
 * file (https://www.sqlite.org/wal.html, "Automatic Checkpoint"; https://www.sqlite.org/pragma.html#pragma_wal_checkpoint):
 * on the gateway's connection, which runs on the event loop, that held every request for 15–35 ms
 * now and then under load (7–9 ms at most without it). So the gateway's connection turns
 * `wal_autocheckpoint` off and this thread checkpoints instead, while the log stays small.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopping = false;

  /** `fallback` gives checkpoints back to the gateway's connection if this thread ends early. */
  constructor(path: string, fallback: () => void) {
    this.worker = new Worker(new URL('./wal-checkpoint-worker.js', import.meta.url), { workerData: { path, intervalMs: checkpointIntervalMs } });
    // It never keeps a process alive that has nothing else to do.
    this.worker.unref();
    // A thread that fails (a file it cannot open) must not leave the log to grow without end.
    this.worker.on('error', () => {});
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        if (!this.stopping) fallback();
        resolve();
      }),
    );
  }

  /** Checkpoints once more and ends the thread. */
  stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      // Held until it has ended, so a process that is closing waits for the last checkpoint.
      this.worker.ref();
      this.worker.postMessage('stop');
    }
    return this.exited;
  }
}
