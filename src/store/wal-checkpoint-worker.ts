/**
 * The thread that checkpoints an SQLite file's write-ahead log (wal-checkpointer.ts): a connection
 * of its own, asked every `intervalMs` to copy the log into the database (PASSIVE: it never waits
 * on the gateway's connection, and a checkpoint that finds it busy is simply tried again later).
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const database = new SqliteDatabase(path);
database.pragma('busy_timeout = 0');

function checkpoint(): void {
  try {
    database.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked: the next turn tries again; the gateway's writes never wait on this thread.
  }
}

const timer = setInterval(checkpoint, intervalMs);
parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  database.close();
  parentPort?.close();
});
