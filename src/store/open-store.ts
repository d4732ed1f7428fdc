import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { PoolClient } from 'pg';
import type { StoreAvailability } from './store-availability.js';
import { isStoreOutage } from './store-outage.js';
import type { DatabaseLocation } from './database-url.js';
import { migrations } from './migrations.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { PostgresSockets, postgresCloseMs } from './postgres-sockets.js';
import { sqliteBusyTimeoutMs } from './sqlite-lock-wait.js';
import type { StoreTables } from './tables.js';

/** The gateway's database, migrated to the current schema. */
export interface Store {
  readonly kind: DatabaseLocation['kind'];
  readonly db: Kysely<StoreTables>;
  /**
   * The SQLite connection itself, for the one write that runs thousands of times a second
   * (usage records): a statement Kysely compiled once, prepared once and run in a transaction.
   */
  readonly sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

const int8 = 20;
/** SQLite's own default (https://www.sqlite.org/pragma.html#pragma_wal_autocheckpoint), restored if the checkpointing thread ends. */
const defaultWalAutocheckpoint = 1000;
/** How long a new PostgreSQL connection may take before the attempt counts as an outage. */
const connectTimeoutMs = 2_000;
/**
 * A query not done this long after it was sent is taken to be on a stalled connection, which is
 * then destroyed (`discardedOnFailure`). Long, as the usage writer's batches and the admin API's
 * reports may take their time; a caller waits on the database for far less (store-deadline.ts).
 */
const queryTimeoutMs = 30_000;
/**
 * An idle connection is probed after this long without traffic (then every second, ten times:
 * Node's `socket.setKeepAlive`, https://nodejs.org/api/net.html#socketsetkeepaliveenable-initialdelay),
 * so one a failover left half-open is found dead within about 20 s rather than the kernel's two
 * hours. node-postgres passes it to the socket (pg 8.23 lib/connection.js, `keepAliveInitialDelayMillis`).
 */
const keepAliveDelayMs = 10_000;

/** What a caller may set about the connections; the tests shorten the read timeout. */
export interface StoreOptions {
  /** PostgreSQL: a query not done this long after it was sent fails, and its connection is destroyed. */
  queryTimeoutMs?: number;
  /**
   * SQLite: open only a file that is already there, rather than create it (and its folders). A
   * command that only reads must not answer "nothing" from a database a mistyped path just made.
   */
  existingOnly?: boolean;
}

/** An SQLite file asked for with `existingOnly` is not there. */
export class MissingDatabaseError extends Error {
  constructor(readonly path: string) {
    super(`there is no SQLite database at ${path}`);
  }
}

/**
 * Opens the database and runs pending migrations before anything reads it. SQLite runs in WAL
 * mode so readers never wait for the writer; PostgreSQL's 64-bit integers come back as numbers
 * (every one the store keeps — epoch milliseconds, token counts — fits a double exactly).
 */
export async function openStore(location: DatabaseLocation, availability?: StoreAvailability, options: StoreOptions = {}): Promise<Store> {
  const sqlite = location.kind === 'sqlite' ? openSqlite(location.path, options.existingOnly === true) : undefined;
  const checkpointer = sqlite !== undefined && location.kind === 'sqlite' ? checkpointerFor(location.path, sqlite) : undefined;
  const db = new Kysely<StoreTables>({ dialect: sqlite !== undefined ? new SqliteDialect({ database: sqlite }) : await postgresDialect((location as { url: string }).url, availability, options) });
  try {
    // Kysely looks for its own tables in every schema it can see; naming ours keeps several
    // gateways (or test runs) in schemas of one PostgreSQL database apart.
    const schema = location.kind === 'postgres' ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name : undefined;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema !== undefined ? { migrationTableSchema: schema } : {}) });
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((result) => result.status === 'Error')?.migrationName;
      throw new Error(`The database migration${failed === undefined ? '' : ` ${failed}`} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  } catch (caught) {
    await checkpointer?.stop();
    await db.destroy();
    throw explainedStartFailure(caught, location);
  }
  const close = async () => {
    await checkpointer?.stop();
    await db.destroy();
  };
  return { kind: location.kind, db, ...(sqlite !== undefined ? { sqlite } : {}), close };
}

/** The thread that checkpoints a file's log (wal-checkpointer.ts); an in-memory database has none. */
function checkpointerFor(path: string, sqlite: SqliteDatabase.Database): WalCheckpointer | undefined {
  if (path === ':memory:') return undefined;
  return new WalCheckpointer(path, () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${defaultWalAutocheckpoint}`);
  });
}

/**
 * SQLite's own messages ("unable to open database file", "disk I/O error", "file is not a
 * database") name no file, and a gateway that does not start must say which one it could not use.
 * The cause keeps SQLite's code (store-outage.ts reads it there).
 */
function namingFile(error: unknown, path: string): unknown {
  if (path === ':memory:' || !(error instanceof Error) || error.message.includes(path)) return error;
  if (sqliteCode(error)?.startsWith('SQLITE_BUSY') === true) return new Error(`The SQLite database ${path} could not be opened: another process holds its write lock (${sqliteMessage(error)})`, { cause: error });
  return new Error(`The SQLite database ${path} could not be opened: ${error.message.replace(/^The /, 'the ')}`, { cause: error });
}

/** The SQLite result code of an error or of one of its causes (the migrator wraps them). */
function sqliteCode(error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause === cause ? undefined : cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return undefined;
}

/** SQLite's own message beneath the migrator's wrapping. */
function sqliteMessage(error: Error): string {
  let innermost = error;
  while (innermost.cause instanceof Error && innermost.cause !== innermost) innermost = innermost.cause;
  return innermost.message;
}

/**
 * A start that failed on what the database holds, said as what to do about it. Kysely's migrator
 * refuses a database that records a migration this version does not have ("corrupted migrations:
 * previously executed migration X is missing", kysely 0.28 src/migration/migrator.ts
 * `#ensureNoMissingMigrations`): a newer interlingua wrote it. SQLITE_CORRUPT and SQLITE_NOTADB
 * mean the file is damaged, or is no database (https://sqlite.org/rescode.html#corrupt,
 * https://sqlite.org/rescode.html#notadb). The cause keeps the original error and its code.
 */
function explainedStartFailure(error: unknown, location: DatabaseLocation): unknown {
  if (!(error instanceof Error)) return error;
  const what = location.kind === 'sqlite' ? `The SQLite database ${location.path}` : 'The PostgreSQL database';
  const missing = /previously executed migration (\S+) is missing/.exec(sqliteMessage(error));
  if (missing !== null) return new Error(`${what} was written by a newer interlingua (unknown migration ${missing[1]}): upgrade, or restore a backup`, { cause: error });
  const code = sqliteCode(error);
  if (location.kind === 'sqlite' && location.path !== ':memory:' && (code?.startsWith('SQLITE_CORRUPT') === true || code?.startsWith('SQLITE_NOTADB') === true)) {
    return new Error(`${what} is damaged or is not an interlingua database (${sqliteMessage(error)}): restore a backup, or move the file away to start with an empty one`, { cause: error });
  }
  return location.kind === 'sqlite' ? namingFile(error, location.path) : error;
}

function openSqlite(path: string, existingOnly: boolean): SqliteDatabase.Database {
  if (existingOnly && path !== ':memory:' && !existsSync(path)) throw new MissingDatabaseError(path);
  try {
    return openSqliteFile(path, existingOnly);
  } catch (error) {
    throw explainedStartFailure(error, { kind: 'sqlite', path });
  }
}

function openSqliteFile(path: string, existingOnly: boolean): SqliteDatabase.Database {
  if (path !== ':memory:' && !existingOnly) mkdirSync(dirname(path), { recursive: true });
  // `fileMustExist` closes the gap between the check above and the open
  // (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#new-databasepath-options).
  const database = new SqliteDatabase(path, existingOnly ? { fileMustExist: true } : {});
  database.pragma('journal_mode = WAL');
  // Writes run on the event loop (better-sqlite3 is synchronous), and the default FULL syncs the
  // WAL on every commit: a usage batch or a stored response then held every request for 0.3–5 ms
  // (46 ms at worst) on this project's machines, 0.04 ms with NORMAL. In WAL mode NORMAL keeps
  // the database consistent and commits durable across a crash of the process; only an OS crash
  // or power loss may roll back the last commits (https://www.sqlite.org/pragma.html#pragma_synchronous,
  // "the NORMAL setting is a good choice for most applications running in WAL mode").
  database.pragma('synchronous = NORMAL');
  // A thread of its own checkpoints the log of a file (wal-checkpointer.ts).
  if (path !== ':memory:') database.pragma('wal_autocheckpoint = 0');
  database.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
  return database;
}

/** Connections a gateway keeps to PostgreSQL at most. */
export const postgresPoolSize = 10;

/**
 * A pool that survives its server going away. node-postgres emits `error` on an idle client
 * (through the pool) and on a checked-out one between queries; an `error` event nobody listens
 * to ends the process, so both are listened to, and every client is dropped from the pool once
 * it has failed (`discardedOnFailure`). Connecting gives up after a few seconds, so nothing
 * waits long on a server that stalls, closing included; the pool reconnects by itself on the next use once the
 * server is back. The database counts as back once a query succeeds: a connection taken from
 * the pool may be one a failover left half-open, so having one proves nothing.
 * Reference: https://node-postgres.com/apis/pool ("error" event, `release`), https://node-postgres.com/apis/client
 * node-postgres is loaded here, when a PostgreSQL URL is configured: a gateway or `interlingua keys`
 * on SQLite does not pay for loading it.
 */
async function postgresDialect(url: string, availability: StoreAvailability | undefined, options: StoreOptions): Promise<PostgresDialect> {
  const { default: pg } = await import('pg');
  const sockets = new PostgresSockets();
  const pool = new pg.Pool({
    connectionString: url,
    max: postgresPoolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    query_timeout: options.queryTimeoutMs ?? queryTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: keepAliveDelayMs,
    stream: sockets.factory,
    types: { getTypeParser: (oid: number, format?: string) => (oid === int8 ? Number : pg.types.getTypeParser(oid, format as 'text')) },
  });
  const failed = (error: unknown) => availability?.failed(error);
  pool.on('error', failed);
  pool.on('connect', (client) => client.on('error', failed));
  const watched: PostgresPool = {
    async connect() {
      try {
        return discardedOnFailure(await pool.connect(), availability);
      } catch (error) {
        if (isStoreOutage(error)) failed(error);
        throw error;
      }
    },
    // Closing does not wait on a query stuck behind a silent server (postgres-sockets.ts).
    end: () => sockets.endWithin(() => pool.end(), postgresCloseMs),
  };
  return new PostgresDialect({ pool: watched });
}

/**
 * A checked-out client as Kysely uses it, which remembers whether one of its queries failed for
 * want of the server (store-outage.ts), a read timeout included, and is then handed back with
 * that error. Kysely releases a client without one (kysely 0.28 postgres-driver.js,
 * `client.release()`), and pg-pool keeps such a client idle for the next caller; given an error,
 * it removes the client instead (pg-pool 3.14 index.js `_release`: `if (err || ...) return
 * this._remove(client)`), and `client.end()` destroys the socket of a client whose query is still
 * running (pg 8.23 lib/client.js `end`: "a hung query could block end forever — force
 * disconnect"). This matters for a query that timed out: node-postgres answers its caller with
 * "Query read timeout" but keeps it as the connection's active query (lib/client.js, `query_timeout`),
 * so a client put back in the pool queued every later query behind one that never ends, and on a
 * connection a failover left half-open the gateway never recovered.
 */
function discardedOnFailure(client: PoolClient, availability: StoreAvailability | undefined): PostgresPoolClient {
  let failure: Error | undefined;
  const query = async (text: string, parameters: readonly unknown[]) => {
    try {
      const result = await client.query(text, [...parameters]);
      availability?.succeeded();
      return result;
    } catch (error) {
      if (isStoreOutage(error)) failure ??= error as Error;
      throw error;
    }
  };
  // Kysely calls only the (sql, parameters) form: no cursor is configured.
  return { query: query as unknown as PostgresPoolClient['query'], release: () => client.release(failure) };
}
