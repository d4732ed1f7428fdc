import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Versioned schema changes, applied in name order at start and recorded by Kysely's migrator.
 * Each is written once for both databases; a released migration is never edited, only followed.
 */
export const migrations: Record<string, Migration> = {
  '0001_responses': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('responses')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('model', 'text', (column) => column.notNull())
        .addColumn('previous_response_id', 'text')
        .addColumn('turn', 'text', (column) => column.notNull())
        .addColumn('body', 'text', (column) => column.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('responses').execute();
    },
  },
  '0002_gateway_keys': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('gateway_keys')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull().unique())
        .addColumn('hash', 'text', (column) => column.notNull().unique())
        .addColumn('prefix', 'text', (column) => column.notNull())
        .addColumn('models', 'text')
        .addColumn('rpm', 'integer')
        .addColumn('tpm', 'integer')
        .addColumn('budget', 'double precision')
        .addColumn('budget_period', 'text')
        .addColumn('expires_at', 'bigint')
        .addColumn('metadata', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('gateway_keys').execute();
    },
  },
  '0003_usage_records': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('usage_records')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('key_id', 'text')
        .addColumn('key_name', 'text')
        .addColumn('model', 'text', (column) => column.notNull())
        .addColumn('deployment', 'text')
        .addColumn('caller', 'text', (column) => column.notNull())
        .addColumn('stream', 'integer', (column) => column.notNull())
        .addColumn('status', 'integer', (column) => column.notNull())
        .addColumn('error_code', 'text')
        .addColumn('input_tokens', 'integer', (column) => column.notNull())
        .addColumn('output_tokens', 'integer', (column) => column.notNull())
        .addColumn('cached_tokens', 'integer', (column) => column.notNull())
        .addColumn('reasoning_tokens', 'integer', (column) => column.notNull())
        .addColumn('cost', 'double precision', (column) => column.notNull())
        .addColumn('latency_ms', 'integer', (column) => column.notNull())
        .addColumn('ttft_ms', 'integer')
        .execute();
      await db.schema.createIndex('usage_records_by_time').on('usage_records').column('created_at').execute();
      await db.schema.createIndex('usage_records_by_key_time').on('usage_records').columns(['key_id', 'created_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('usage_records').execute();
    },
  },
  /**
   * Each stored response names the gateway key that made it (src/conversations/response-owner.ts).
   * Rows from before this migration carry no owner. A database that never held a gateway key
   * could only have been used anonymously, so its rows stay with anonymous callers (a single-user
   * gateway keeps its conversations). Where keys exist, a row may belong to any of them or to
   * an anonymous caller: it is given to nobody rather than guessed, and answers as not found.
   * The two names are written out here, not imported, so this migration never changes.
   */
  '0004_response_owner': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('responses')
        .addColumn('owner', 'text', (column) => column.notNull().defaultTo('(unknown)'))
        .execute();
      await sql`update responses set owner = '(anonymous)' where not exists (select 1 from gateway_keys)`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('responses').dropColumn('owner').execute();
    },
  },
  /**
   * A request to a model without a price has no known cost. SQLite cannot drop the NOT NULL of
   * `cost` without rebuilding the table, so such a row keeps `cost` 0 (sums stay the priced
   * total) and says `no_price` 1; rows from before this migration are as they were recorded.
   */
  '0005_usage_no_price': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('usage_records').addColumn('no_price', 'integer').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('usage_records').dropColumn('no_price').execute();
    },
  },
  /**
   * Which deployment every attempt of a request went to and how it ended (a JSON array, read
   * whole with its row, never queried inside), the request's `x-request-id` and the error
   * message the caller got: so failed attempts are tied to their deployment and a row can be
   * investigated. Rows from before it have none of these.
   */
  '0006_usage_attempts': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('usage_records').addColumn('request_id', 'text').execute();
      await db.schema.alterTable('usage_records').addColumn('error_message', 'text').execute();
      await db.schema.alterTable('usage_records').addColumn('attempts', 'text').execute();
      await db.schema.createIndex('usage_records_by_request_id').on('usage_records').column('request_id').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('usage_records_by_request_id').execute();
      await db.schema.alterTable('usage_records').dropColumn('attempts').execute();
      await db.schema.alterTable('usage_records').dropColumn('error_message').execute();
      await db.schema.alterTable('usage_records').dropColumn('request_id').execute();
    },
  },
  /**
   * No query reads usage by request id, and the index cost every insert the most of any: request
   * ids are random UUIDs, so each lands on a random page of the index, and the cost grows with the
   * table (in-memory SQLite, 500-row batches: about 7 µs a row with it, 2 µs without, at 200,000
   * rows). An operator looking up one id scans the table, which an investigation can afford and
   * the request path cannot.
   */
  '0007_usage_request_id_unindexed': {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('usage_records_by_request_id').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.createIndex('usage_records_by_request_id').on('usage_records').column('request_id').execute();
    },
  },
  /** Which records carry token counts the gateway estimated (src/gateway/usage-estimate.ts). */
  '0008_usage_estimated': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('usage_records').addColumn('usage_estimated', 'integer').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('usage_records').dropColumn('usage_estimated').execute();
    },
  },
  /**
   * A running total of each key's spend by UTC day, so a budget check reads a few day rows instead
   * of summing every usage row of the key (1.5 million rows took 3.2 s on the event loop). Filled
   * once here from the rows already recorded; from then on the usage writer adds each batch to it
   * in the batch's own transaction (src/usage/key-spend-days.ts). `created_at - created_at %
   * 86400000` is the UTC day start in both databases (epoch milliseconds have no leap seconds).
   */
  '0009_key_spend_days': {
    async up(db: Kysely<unknown>) {
      // SQLite runs no migration in a transaction (Kysely: supportsTransactionalDdl is false there),
      // so a start stopped during the fill leaves the table made and the migration not done: the
      // next start makes it again only if missing, and fills it from nothing.
      await db.schema
        .createTable('key_spend_days')
        .ifNotExists()
        .addColumn('key_id', 'text', (column) => column.notNull())
        .addColumn('day_start', 'bigint', (column) => column.notNull())
        .addColumn('cost', 'double precision', (column) => column.notNull())
        .addColumn('unpriced_requests', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('key_spend_days_pkey', ['key_id', 'day_start'])
        .execute();
      await sql`delete from key_spend_days`.execute(db);
      await sql`insert into key_spend_days (key_id, day_start, cost, unpriced_requests)
        select key_id, created_at - created_at % 86400000, coalesce(sum(cost), 0), coalesce(sum(no_price), 0)
        from usage_records where key_id is not null
        group by key_id, created_at - created_at % 86400000`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('key_spend_days').execute();
    },
  },
  /**
   * PostgreSQL's `integer` stops at 2^31 - 1, and what these columns hold may not: an upstream
   * reporting 3,000,000,000 prompt tokens (src/wire/token-count.ts keeps any safe integer) had its
   * row refused (SQLSTATE 22003), and the request's cost and its day's spend were lost with it; an
   * admin asking for a key limit past it got a 500. `bigint` holds every safe integer, and comes
   * back as a number (open-store.ts parses int8). On PostgreSQL this rewrites `usage_records`,
   * holding its writes meanwhile. SQLite's INTEGER is 64 bits already, and SQLite cannot change a
   * column's type in place: nothing to do there.
   */
  '0010_wide_counts': {
    async up(db: Kysely<unknown>) {
      if (!isPostgres(db)) return;
      await sql`alter table usage_records
        alter column input_tokens type bigint, alter column output_tokens type bigint,
        alter column cached_tokens type bigint, alter column reasoning_tokens type bigint,
        alter column latency_ms type bigint, alter column ttft_ms type bigint`.execute(db);
      await sql`alter table gateway_keys alter column rpm type bigint, alter column tpm type bigint`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      if (!isPostgres(db)) return;
      await sql`alter table gateway_keys alter column rpm type integer, alter column tpm type integer`.execute(db);
      await sql`alter table usage_records
        alter column input_tokens type integer, alter column output_tokens type integer,
        alter column cached_tokens type integer, alter column reasoning_tokens type integer,
        alter column latency_ms type integer, alter column ttft_ms type integer`.execute(db);
    },
  },
};

/** Whether a migration runs on PostgreSQL, for the few changes SQLite neither needs nor can make. */
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
