import type { Store } from '../store/open-store.js';
import { delay, isLockHeldElsewhere, LockWait, sqliteBusyTimeoutMs, writeWithoutWaiting } from '../store/sqlite-lock-wait.js';
import type { UsageRecordsTable } from '../store/tables.js';
import { toRow, valuesOf } from './usage-row.js';
import type { Logger } from '../gateway/logger.js';
import type { UsageRecord } from './usage-record.js';
import type { Transaction } from 'better-sqlite3';
import { defaultMaxSpillBytes, UsageSpill } from './usage-spill.js';
import { UsageDrops, type UsageDropMetrics } from './usage-drops.js';
import type { StoreAvailability } from '../store/store-availability.js';
import { isStoreOutage } from '../store/store-outage.js';
import { writeAgainOnConnectionLoss } from '../store/connection-loss-retry.js';
import { isRefusedForItsData } from '../store/refused-data.js';
import { addingToDay, daySpendOf, dayValues, insertingWithDays } from './key-spend-days.js';

/**
 * The gateway's metrics of the records the writer holds: they read `waiting` when scraped, so
 * that queuing a record (once per request) touches no metric; and of those it had to drop.
 */
export interface UsageBufferMetrics extends UsageDropMetrics {
  watchWaiting(waiting: () => { buffered: number; spilled: number }): void;
}

export interface UsageWriterOptions {
  /** Flush when this many records wait. */
  batchSize: number;
  /**
   * At most this many rows per SQLite transaction, the event loop turning between two: better-sqlite3
   * runs on the event loop, and a flush of `batchSize` rows at once held every request in flight
   * for 2–6 ms (one insert costs 4–6 µs there under load).
   */
  sqliteTransactionRows: number;
  /** Flush at least this often while records wait. */
  intervalMs: number;
  /**
   * How long a batch keeps trying an SQLite file whose write lock another process holds before
   * the file counts as unavailable (as a statement waiting `busy_timeout` would).
   */
  sqliteLockWaitMs: number;
  /**
   * Records kept in memory while the database is away; beyond them, records go to `spillFile`.
   * A bound whatever happens: when the spill file cannot take them (none configured, a full or
   * unwritable disk, the file at `maxSpillBytes`), the oldest in memory are dropped and counted.
   */
  maxBuffered: number;
  /** Where records wait when memory is full or the gateway stops during an outage. */
  spillFile?: string;
  /** The most the spill file may hold (with one being replayed); records beyond it are dropped and counted. */
  maxSpillBytes: number;
  /** How long `close` keeps trying the database before spilling what waits. */
  closeWaitMs: number;
  /** Told of outages seen here, and asked whether to try at all. */
  availability?: StoreAvailability;
  metrics?: UsageBufferMetrics;
}

/**
 * 100 rows a transaction: about 0.4–0.6 ms on the event loop; each row then costs about 0.7 µs
 * more than in a 500-row transaction (better-sqlite3 on a WAL file, one commit per transaction).
 * A flush as soon as 100 wait: under load records are written within milliseconds of their
 * request, before most of them outlive a young-generation collection. Held for 500, every record
 * was copied by the collector and moved to the old generation, to die there (the bench's
 * scavenges took about a quarter less time per request with 100).
 */
/**
 * Rows one INSERT statement binds (of `sqliteTransactionRows` in a transaction). Ten rows a
 * statement cost about a fifth less a row than a statement a row (100-row transactions into a WAL
 * file with the gateway's indexes: 4.6–5.2 µs a row against 5.7–6.4); twenty or a hundred a statement
 * were no cheaper than ten.
 */
const rowsPerInsert = 10;

const defaults: UsageWriterOptions = { batchSize: 100, sqliteTransactionRows: 100, intervalMs: 1000, sqliteLockWaitMs: sqliteBusyTimeoutMs, maxBuffered: 10_000, maxSpillBytes: defaultMaxSpillBytes, closeWaitMs: 3_000 };

/** After the spill file failed to take records (or was full), memory keeps them this long before it is tried again. */
const spillRetryMs = 10_000;

/**
 * Writes usage records in batches, off the request's path: `record` only queues. While the
 * database is away records wait in memory up to `maxBuffered`, then in a local spill file, and
 * are written when it returns; `close` writes whatever waits, or, if the database is still away,
 * spills it, to be written at the next start (`replaySpill`). Rows are inserted keyed by the
 * record's id, skipping ids already stored, so a batch retried after a lost reply, or a record
 * both written and spilled at a shutdown, is stored once. Both bounds hold whatever fails: what
 * neither memory nor the spill file can take is dropped, counted and logged (usage-drops.ts).
 */
export class UsageWriter {
  private queue: UsageRecord[] = [];
  /** The batch being written now; spilled too if the gateway stops before it is confirmed. */
  private inFlight: UsageRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  /** After the spill file failed to take records, memory keeps them for a while before it is tried again. */
  private spillRetryAt = 0;
  private readonly options: UsageWriterOptions;
  private readonly spill: UsageSpill | undefined;
  private readonly drops: UsageDrops;
  /**
   * Records still being completed (tokens being estimated), each recorded when it settles, with
   * how to record it as seen so far should a shutdown not wait for it.
   */
  private readonly later = new Map<Promise<void>, () => void>();

  constructor(
    private readonly store: () => Promise<Store>,
    private readonly logger: Logger,
    options: Partial<UsageWriterOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
    this.spill = this.options.spillFile === undefined ? undefined : new UsageSpill(this.options.spillFile, this.options.maxSpillBytes);
    this.drops = new UsageDrops(logger, this.options.metrics);
    this.options.metrics?.watchWaiting(() => this.waiting);
    this.options.availability?.listen({ changed: (_store, away) => (away ? undefined : void this.flushQueued()) });
  }

  record(record: UsageRecord): void {
    if (this.closed) {
      this.recordAfterClose(record);
      return;
    }
    this.queue.push(record);
    if (this.queue.length + this.inFlight.length >= this.options.maxBuffered) {
      if (this.spill !== undefined && Date.now() >= this.spillRetryAt) this.spillQueued();
      this.keepWithinBound();
    }
    if (this.options.availability?.away === true) this.timer ??= setTimeout(() => void this.flushQueued(), this.options.intervalMs).unref();
    else if (this.queue.length >= this.options.batchSize) void this.flushQueued();
    else this.timer ??= setTimeout(() => void this.flushQueued(), this.options.intervalMs).unref();
  }

  /**
   * A record that is recorded (with `record`) once `completing` settles: `flush` and `close` wait
   * for it first, so a record still being completed is written like one queued. Should `close`
   * stop waiting, it calls `asSeen` instead, which must record it as it stands, once (whoever
   * records it second must not).
   */
  recordLater(completing: Promise<void>, asSeen: () => void): void {
    const tracked: Promise<void> = completing
      .catch((error: unknown) => this.logger.error('a usage record could not be completed', { error: String(error) }))
      .finally(() => this.later.delete(tracked));
    this.later.set(tracked, asSeen);
  }

  /** Records waiting to be written: in memory and in the spill file. */
  get waiting(): { buffered: number; spilled: number } {
    return { buffered: this.queue.length + this.inFlight.length, spilled: this.spill?.count ?? 0 };
  }

  /**
   * Writes every queued record (those still being completed once they are), then any spilled;
   * resolves when they are in the database (or failed and kept).
   */
  async flush(): Promise<void> {
    if (this.later.size > 0) await Promise.allSettled([...this.later.keys()]);
    return this.flushQueued();
  }

  private flushQueued(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(() => this.writeWaiting());
    return this.writing;
  }

  /** Writes what an earlier run spilled (at start, once the store is open). */
  replaySpill(): Promise<void> {
    return this.flush();
  }

  async close(): Promise<void> {
    await this.completeOrRecordAsSeen();
    const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), this.options.closeWaitMs).unref());
    const finished = await Promise.race([this.flushQueued().then(() => 'done' as const), deadline]);
    this.closed = true;
    const left = [...this.inFlight, ...this.queue];
    if (left.length > 0) {
      if (finished === 'late') this.logger.warn('the database did not confirm the last usage records in time', { records: left.length });
      this.spillAtClose(left);
    }
    this.drops.flush();
  }

  /** What the database did not take before the shutdown goes to the spill file, or is dropped and said so. */
  private spillAtClose(left: UsageRecord[]): void {
    if (this.spill === undefined) {
      this.drops.dropped(left.length, 'no_spill_file');
      return;
    }
    let spilled: number;
    try {
      spilled = this.spill.append(left);
    } catch (error) {
      this.drops.dropped(left.length, 'spill_failed', { file: this.spill.path, error: String(error) });
      return;
    }
    this.queue = [];
    if (spilled > 0) this.logger.warn('the database is unavailable: usage records spilled, to be written at the next start', { records: spilled, file: this.spill.path });
    this.drops.dropped(left.length - spilled, 'spill_full', { file: this.spill.path, maxBytes: this.spill.maxBytes });
  }

  /**
   * Waits up to `closeWaitMs` for the records still being completed, then records the rest as
   * seen so far. An estimate is local work, but the tokenizer's thread takes half a second of a
   * core to start, and on a loaded host it outlasted the wait: those records were lost, with them
   * the streams a shutdown had cut. The database then gets a wait of its own.
   */
  private async completeOrRecordAsSeen(): Promise<void> {
    if (this.later.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.closeWaitMs)));
    await Promise.race([Promise.allSettled([...this.later.keys()]), late]);
    clearTimeout(timer);
    if (this.later.size === 0) return;
    const unfinished = [...this.later.values()];
    this.later.clear();
    this.logger.warn('usage records written without the token estimates that did not finish before shutdown', { records: unfinished.length });
    for (const asSeen of unfinished) {
      try {
        asSeen();
      } catch (error) {
        this.logger.error('a usage record could not be recorded', { error: String(error) });
      }
    }
  }

  /**
   * A record that comes after `close` (a request that outlived the shutdown's grace): the
   * database is gone, so it goes to the spill file, for the next start; without one it is lost,
   * and said so.
   */
  private recordAfterClose(record: UsageRecord): void {
    const metrics = this.options.metrics;
    if (this.spill === undefined) {
      metrics?.dropped(1, 'no_spill_file');
      this.logger.error('a usage record came after shutdown and is lost: no spill file is configured (database.spillFile)', { id: record.id });
      return;
    }
    try {
      if (this.spill.append([record]) === 1) {
        this.logger.warn('a usage record came after shutdown: spilled, to be written at the next start', { id: record.id, file: this.spill.path });
        return;
      }
      metrics?.dropped(1, 'spill_full');
      this.logger.error('a usage record came after shutdown and is lost: the spill file is at its size limit', { id: record.id, file: this.spill.path });
    } catch (error) {
      metrics?.dropped(1, 'spill_failed');
      this.logger.error('a usage record came after shutdown and could not be spilled', { id: record.id, file: this.spill.path, error: String(error) });
    }
  }

  /**
   * Moves what waits in memory to the spill file, as much as it takes; what it cannot take (the
   * file unwritable, or at its size limit) stays in memory, and the file is tried again later.
   */
  private spillQueued(): void {
    const spill = this.spill;
    if (spill === undefined) return;
    let spilled: number;
    try {
      spilled = spill.append(this.queue);
    } catch (error) {
      this.logger.error('usage records could not be spilled; they stay in memory', { records: this.queue.length, file: spill.path, error: String(error) });
      this.spillRetryAt = Date.now() + spillRetryMs;
      return;
    }
    if (spilled < this.queue.length) this.spillRetryAt = Date.now() + spillRetryMs;
    if (spilled === 0) return;
    this.queue = spilled === this.queue.length ? [] : this.queue.slice(spilled);
    this.logger.warn('usage records spilled to disk while the database is unavailable', { records: spilled, file: spill.path });
  }

  /**
   * Drops the oldest records waiting in memory beyond `maxBuffered`, once the spill file has not
   * taken them: on a full disk the database and the spill file fail together, and memory grew
   * without end (108,000 records, 140 MB more in a minute) until the process had to be stopped.
   * A hundredth of the bound goes at a time, so that at the bound a request does not pay for
   * moving the whole queue (a 10,000-record array shifted by one a request).
   */
  private keepWithinBound(): void {
    const excess = this.queue.length + this.inFlight.length - this.options.maxBuffered;
    if (excess <= 0) return;
    const dropped = Math.min(this.queue.length, excess + Math.floor(this.options.maxBuffered / 100));
    this.queue = this.queue.slice(dropped);
    const fields = this.spill === undefined ? { maxBuffered: this.options.maxBuffered } : { maxBuffered: this.options.maxBuffered, file: this.spill.path };
    this.drops.dropped(dropped, 'buffer_full', fields);
  }

  private sqliteInsert: { connection: NonNullable<Store['sqlite']>; run: Transaction<(rows: UsageRecordsTable[], oneByOne: boolean) => void> } | undefined;

  /**
   * Prepared statements run in one transaction: one that inserts `rowsPerInsert` rows at a time,
   * and one for a single row for the rest of the batch. Each `run` crosses from JavaScript into
   * better-sqlite3 and SQLite's statement machinery once, whatever the rows it binds.
   * The transaction takes the file's write lock at once or fails with SQLITE_BUSY, never waiting for it:
   * SQLite's busy handler sleeps on the event loop (1, 2, 5 ms and longer) while another process
   * commits, and the workers of `serve --workers` writing one file stood still for each other's
   * batches, every request in them with it. writeWaiting tries a busy batch again a moment later.
   * The rows stored are added to their keys' days (key-spend-days.ts) in the same transaction. A
   * multi-row statement says how many rows it stored, not which: when a batch stored fewer than
   * it holds (an id already there, as after a shutdown that both wrote and spilled it), it is
   * rolled back and written again a row at a time, each row's own count telling whether it counts.
   */
  private insertIntoSqlite(store: Store, sqlite: NonNullable<Store['sqlite']>, batch: UsageRecord[]): void {
    if (this.sqliteInsert?.connection !== sqlite) {
      const first = batch[0];
      if (first === undefined) return;
      const prepare = (rows: number) => sqlite.prepare(store.db.insertInto('usage_records').values(Array.from({ length: rows }, () => toRow(first))).onConflict((conflict) => conflict.column('id').doNothing()).compile().sql);
      const single = prepare(1);
      const several = prepare(rowsPerInsert);
      const columns = Object.keys(toRow(first)) as Array<keyof UsageRecordsTable>;
      // The values go as arguments, not as one array: better-sqlite3 reads an array's elements one
      // property lookup at a time, and that was 0.7 µs of a row's 7.2 (100,000 rows into a WAL file).
      const addToDay = sqlite.prepare(addingToDay(store.db).compile().sql);
      const run = sqlite.transaction((rows: UsageRecordsTable[], oneByOne: boolean) => {
        let stored = rows;
        if (oneByOne) stored = rows.filter((_, index) => single.run(...valuesOf(rows, index, 1, columns)).changes === 1);
        else {
          let next = 0;
          let changes = 0;
          for (; next + rowsPerInsert <= rows.length; next += rowsPerInsert) changes += several.run(...valuesOf(rows, next, rowsPerInsert, columns)).changes;
          for (; next < rows.length; next++) changes += single.run(...valuesOf(rows, next, 1, columns)).changes;
          if (changes < rows.length) throw new SomeRowsAlreadyStored();
        }
        for (const day of daySpendOf(stored)) addToDay.run(...dayValues(day));
      });
      this.sqliteInsert = { connection: sqlite, run };
    }
    const { run } = this.sqliteInsert;
    const rows = batch.map(toRow);
    writeWithoutWaiting(sqlite, () => {
      try {
        run.immediate(rows, false);
      } catch (error) {
        if (!(error instanceof SomeRowsAlreadyStored)) throw error;
        run.immediate(rows, true);
      }
    });
  }

  private async insert(batch: UsageRecord[]): Promise<void> {
    const store = await this.store();
    if (store.sqlite !== undefined) this.insertIntoSqlite(store, store.sqlite, batch);
    // Tried again on a connection ended under the gateway (connection-loss-retry.ts): the
    // statement skips ids already stored and adds to the day table only the rows it
    // stored (key-spend-days.ts), so a batch that did commit before the end is stored once. Left
    // to the next flush instead, it waited a second, and a shutdown spilled or dropped it.
    else await writeAgainOnConnectionLoss(() => insertingWithDays(store.db, batch.map(toRow)).execute());
    // A written batch is what proves an SQLite file writable again (store-handle.ts).
    this.options.availability?.succeeded();
  }

  /**
   * Inserts a batch; one the database refuses for what a record holds, rather than for being away,
   * is written record by record, and a record still refused is dropped and counted: retried as a
   * batch, it was refused every second while every later record of every key queued behind it.
   * On any other failure midway, what was settled (written or dropped) is taken out of `batch`
   * before the error goes on, so the caller queues again only the rest.
   */
  private async insertRefusingRows(batch: UsageRecord[]): Promise<void> {
    try {
      await this.insert(batch);
      return;
    } catch (error) {
      if (!isRefusedForItsData(error)) throw error;
    }
    let settled = 0;
    try {
      for (const record of batch) {
        try {
          await this.insert([record]);
        } catch (error) {
          if (!isRefusedForItsData(error)) throw error;
          this.drops.dropped(1, 'refused', { id: record.id, error: String(error) });
        }
        settled++;
      }
    } catch (error) {
      batch.splice(0, settled);
      throw error;
    }
  }

  private async writeWaiting(): Promise<void> {
    if (this.closed) return;
    let first = true;
    const lock = new LockWait(this.options.sqliteLockWaitMs);
    while (this.queue.length > 0) {
      let onEventLoop: boolean;
      try {
        onEventLoop = (await this.store()).sqlite !== undefined;
      } catch (error) {
        this.failed(error, this.queue.length);
        return;
      }
      // Requests that came in meanwhile are answered before the next transaction holds the loop.
      if (onEventLoop && !first) await turnOfEventLoop();
      if (this.closed) return;
      first = false;
      const batch = this.queue.splice(0, onEventLoop ? this.options.sqliteTransactionRows : this.options.batchSize);
      this.inFlight = batch;
      try {
        await this.insertRefusingRows(batch);
        lock.taken();
      } catch (error) {
        if (!this.closed) {
          this.inFlight = [];
          this.queue.unshift(...batch);
          this.keepWithinBound();
        }
        const pause = isLockHeldElsewhere(error) ? lock.pause() : undefined;
        if (pause === undefined) {
          this.failed(error, batch.length);
          return;
        }
        await delay(pause);
        first = true;
      } finally {
        this.inFlight = [];
      }
    }
    if (this.spill === undefined || this.spill.count === 0) return;
    try {
      const { written, skipped } = await this.spill.replay(this.options.batchSize, (batch) => this.insertRefusingRows(batch));
      if (written > 0) this.logger.info('spilled usage records written', { records: written });
      if (skipped > 0) this.logger.warn('lines of the spill file held no usage record (cut short or malformed) and were skipped', { lines: skipped, file: this.spill.path });
    } catch (error) {
      this.failed(error, this.spill.count);
    }
  }

  private failed(error: unknown, records: number): void {
    if (isStoreOutage(error)) this.options.availability?.failed(error);
    // An outage is logged once, by the store's availability (a warning when it starts, an info when it
    // ends: store-availability.ts); each retry within it is only a debug line, not an error every second.
    const outageLogged = isStoreOutage(error) && this.options.availability !== undefined;
    this.logger[outageLogged ? 'debug' : 'error']('writing usage records failed; they stay queued', { records, error: String(error) });
    if (!this.closed) this.timer ??= setTimeout(() => void this.flushQueued(), this.options.intervalMs).unref();
  }
}

/** A batch of which the database already held some rows: rolled back, to be written a row at a time. */
class SomeRowsAlreadyStored extends Error {}

function turnOfEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
