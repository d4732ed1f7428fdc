import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { parseDatabaseUrl, type DatabaseLocation } from '../../src/store/database-url.js';
import { createTestDatabase } from './postgres-database.js';

/** An empty database for a migration test: where the store opens it, and a raw handle to set up what came before. */
export interface Scratch {
  location: DatabaseLocation;
  /** The database as it is, before the migration under test. */
  before(): Kysely<unknown>;
  drop(): Promise<void>;
}

/** Both databases the store runs on: a new SQLite file, and a new PostgreSQL database at 127.0.0.1. */
export const scratchDatabases: Array<{ name: string; create: () => Promise<Scratch> }> = [
  {
    name: 'SQLite',
    create: async () => {
      const directory = mkdtempSync(join(tmpdir(), 'interlingua-migration-'));
      const path = join(directory, 'state.db');
      return {
        location: { kind: 'sqlite', path },
        before: () => new Kysely({ dialect: new SqliteDialect({ database: new SqliteDatabase(path) }) }),
        drop: async () => rmSync(directory, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    create: async () => {
      const database = await createTestDatabase();
      return {
        location: parseDatabaseUrl(database.url, '.'),
        before: () => new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }) }),
        drop: () => database.drop(),
      };
    },
  },
];
