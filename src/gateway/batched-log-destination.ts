import { pino, type DestinationStream } from 'pino';

/** Lines wait until this many characters are gathered... */
const batchCharacters = 16 * 1024;
/** ...or this long after the first of them, whichever comes first. */
const batchMs = 100;

/**
 * Standard error, written in batches: one `write(2)` per line cost about 4 µs (measured with the
 * 'request served' line, twice what making the line costs), and every request writes one. Lines
 * are gathered in a string of up to 16 Ki characters and handed to the file at most 100 ms after
 * the first of them.
 *
 * The lines are joined here, not in pino's destination (sonic-boom): its `write` costs about
 * 3.5 µs a line even when it only buffers (200,000 'request served' lines to /dev/null: 4.6 µs a
 * line through it against 1.8 µs joined here and handed over per batch; making the line is 1.1).
 * The destination still does the writing: a full pipe is retried, a closed one stops logging.
 *
 * Each batch is written synchronously, one `write(2)` per batch. An asynchronous write waits for
 * a thread of libuv's pool, and a process that exits meanwhile loses it (sonic-boom's exit flush
 * writes what waits behind a write in flight, not that write): with the pool busy, a process that
 * logged 1,000 lines and exited wrote only the last 808, to a file and to a pipe alike. Node
 * writes `process.stderr` to files and terminals synchronously too, and to pipes asynchronously
 * (https://nodejs.org/api/process.html#a-note-on-process-io); here a pipe whose reader falls
 * behind holds the gateway back, once per batch, instead of lines piling up in memory unbounded.
 *
 * When the process ends, a crash included, what waits here is written first, so only a SIGKILL
 * can lose the last 100 ms.
 */
export function batchedStandardError(): DestinationStream {
  const batch = new LineBatch();
  // Registered before the destination exists, so that it runs before pino's own exit flush of it.
  flushOnExit(batch);
  batch.stream = pino.destination({ dest: 2, sync: true, minLength: 0 });
  return batch;
}

class LineBatch implements DestinationStream {
  stream: ReturnType<typeof pino.destination> | undefined;
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  write(line: string): void {
    this.pending += line;
    if (this.pending.length >= batchCharacters) this.handOver();
    else this.timer ??= setTimeout(() => this.handOver(), batchMs).unref();
  }

  /** Gives what waits to the destination, which writes it as soon as its previous write is done. */
  handOver(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending === '' || this.stream === undefined) return;
    const lines = this.pending;
    this.pending = '';
    this.stream.write(lines);
  }
}

/** Batches to hand over at exit. Weakly held: a logger that is gone has nothing left to say. */
const exiting = new Set<WeakRef<LineBatch>>();
let exitHooked = false;

function flushOnExit(batch: LineBatch): void {
  // Loggers are made once per gateway: forgetting those collected keeps the set as small.
  for (const reference of exiting) if (reference.deref() === undefined) exiting.delete(reference);
  exiting.add(new WeakRef(batch));
  if (exitHooked) return;
  exitHooked = true;
  const handOverAll = () => {
    for (const reference of exiting) reference.deref()?.handOver();
  };
  // pino ends its destination at `beforeExit` (when the loop runs dry) and flushes it at `exit`.
  process.on('beforeExit', handOverAll);
  process.on('exit', handOverAll);
}
