import { sql, type Kysely } from 'kysely';
import type { KeySpendDaysTable, StoreTables, UsageRecordsTable } from '../store/tables.js';

/**
 * The `key_spend_days` table (src/store/tables.ts) is kept by the usage writer alone: it is the
 * only code that inserts usage rows, and it adds each batch's rows to their days in the batch's
 * own transaction, counting only the rows the insert stored (an id already there is skipped by
 * the insert, so it must be skipped here too). Nothing in the gateway deletes or rewrites usage
 * rows (keys are revoked, never deleted, and there is no pruning); whatever comes to delete them
 * must take their cost off their days in the same transaction, or the budgets read from here
 * would no longer match the usage table.
 */

/** Milliseconds in a UTC day: epoch time has no leap seconds, so every UTC day is this long. */
export const dayMs = 86_400_000;

/**
 * The UTC midnight a moment's day starts at: the same arithmetic as migration 0009's backfill
 * (`created_at - created_at % 86400000`), so rows written before and after it share their days.
 */
export function utcDayStart(ms: number): number {
  return ms - (ms % dayMs);
}

/**
 * The first UTC midnight at or after `since`; 0 for a moment at or before the epoch, where no
 * request is ever recorded (`total` budgets start at 0).
 */
export function firstWholeDay(since: number): number {
  if (since <= 0) return 0;
  const into = since % dayMs;
  return into === 0 ? since : since - into + dayMs;
}

/** What stored rows add to the day table: one entry per key and day; rows without a key add nothing. */
export function daySpendOf(rows: readonly UsageRecordsTable[]): KeySpendDaysTable[] {
  const days = new Map<string, KeySpendDaysTable>();
  for (const row of rows) {
    if (row.key_id === null) continue;
    const dayStart = utcDayStart(row.created_at);
    // The day first: a number has no space, so no two keys and days share a slot.
    const slot = `${dayStart} ${row.key_id}`;
    const day = days.get(slot);
    if (day === undefined) days.set(slot, { key_id: row.key_id, day_start: dayStart, cost: row.cost, unpriced_requests: row.no_price ?? 0 });
    else {
      day.cost += row.cost;
      day.unpriced_requests += row.no_price ?? 0;
    }
  }
  return [...days.values()];
}

/** The columns of one day's row in the order `addingToDay` binds them. */
export function dayValues(day: KeySpendDaysTable): [string, number, number, number] {
  return [day.key_id, day.day_start, day.cost, day.unpriced_requests];
}

/** An UPSERT adding one day's spend to what its row holds (SQLite's prepared statement; bind `dayValues`). */
export function addingToDay(db: Kysely<StoreTables>) {
  return db
    .insertInto('key_spend_days')
    .values({ key_id: '', day_start: 0, cost: 0, unpriced_requests: 0 })
    .onConflict((conflict) =>
      conflict.columns(['key_id', 'day_start']).doUpdateSet({
        cost: sql`key_spend_days.cost + excluded.cost`,
        unpriced_requests: sql`key_spend_days.unpriced_requests + excluded.unpriced_requests`,
      }),
    );
}

/**
 * PostgreSQL: one statement that inserts the rows, skipping ids already stored, and adds the
 * ones it stored to their days. A data-modifying WITH returns only the rows it inserted
 * (https://www.postgresql.org/docs/current/sql-insert.html, "only rows that were successfully
 * inserted or updated will be returned"), and one statement is one transaction, so replicas
 * writing at once never count a row twice nor leave one uncounted. The GROUP BY gives each day
 * one row, as ON CONFLICT DO UPDATE may touch a row only once a statement.
 */
export function insertingWithDays(db: Kysely<StoreTables>, rows: UsageRecordsTable[]) {
  const dayStart = sql<number>`created_at - created_at % ${sql.lit(dayMs)}`;
  return db
    .with('stored', (query) =>
      query
        .insertInto('usage_records')
        .values(rows)
        .onConflict((conflict) => conflict.column('id').doNothing())
        .returning(['key_id', 'created_at', 'cost', 'no_price']),
    )
    .insertInto('key_spend_days')
    .columns(['key_id', 'day_start', 'cost', 'unpriced_requests'])
    .expression((query) =>
      query
        .selectFrom('stored')
        .select((select) => [
          sql<string>`key_id`.as('key_id'),
          dayStart.as('day_start'),
          select.fn.sum<number>('cost').as('cost'),
          sql<number>`coalesce(sum(no_price), 0)`.as('unpriced_requests'),
        ])
        .where('key_id', 'is not', null)
        .groupBy(['key_id', dayStart])
        // Day rows taken in one order by every replica: two batches locking them in opposite orders deadlock.
        .orderBy('key_id')
        .orderBy(dayStart),
    )
    .onConflict((conflict) =>
      conflict.columns(['key_id', 'day_start']).doUpdateSet({
        cost: sql`key_spend_days.cost + excluded.cost`,
        unpriced_requests: sql`key_spend_days.unpriced_requests + excluded.unpriced_requests`,
      }),
    );
}
