/**
 * Another process writing the same SQLite file, as a worker of `serve --workers` would: a thread
 * with a connection of its own that takes the write lock and holds it. And a watch on the event
 * loop, to see whether a write waited for that lock asleep on it.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const requireHere = createRequire(import.meta.url);

/** A thread that takes the file's write lock, says so (`taken`), and commits after `holdMs` (`released`). */
export function holdWriteLock(path: string, holdMs: number): { taken: Promise<void>; released: Promise<void> } {
  const worker = new Worker(
    `
    const { workerData, parentPort } = require('node:worker_threads');
    const Database = require(workerData.module);
    const database = new Database(workerData.path);
    database.exec('BEGIN IMMEDIATE');
    parentPort.postMessage('taken');
    const until = Date.now() + workerData.holdMs;
    while (Date.now() < until) {}
    database.exec('COMMIT');
    database.close();
    `,
    { eval: true, workerData: { path, holdMs, module: requireHere.resolve('better-sqlite3') } },
  );
  const taken = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  const released = new Promise<void>((resolve, reject) => {
    worker.once('exit', () => resolve());
    worker.once('error', reject);
  });
  return { taken, released };
}

/** The longest the event loop went without running a 5 ms interval, while `during` runs. */
export async function longestStall(during: Promise<unknown>): Promise<number> {
  let last = Date.now();
  let longest = 0;
  const beat = setInterval(() => {
    const now = Date.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await during;
  } finally {
    clearInterval(beat);
  }
  return Math.max(longest, Date.now() - last);
}
