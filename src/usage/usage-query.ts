import type { Store } from '../store/open-store.js';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { StoreTables, UsageRecordsTable } from '../store/tables.js';
import type { UsageRecord } from './usage-record.js';
import { attemptsFromColumn } from './usage-attempts.js';
import { keySpendSince } from './key-spend.js';
import { readAgainOnConnectionLoss } from '../store/connection-loss-retry.js';

export interface UsageFilter {
  keyName?: string;
  keyId?: string;
  model?: string;
  /** Epoch milliseconds, inclusive. */
  since?: number;
  /** Epoch milliseconds, exclusive. */
  until?: number;
  /** Only the newest this many records (still returned oldest first); all of them when absent. */
  last?: number;
}

/** Counts and sums over every record a filter matches. */
export interface FilteredUsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Dollars of the priced requests. */
  cost: number;
  /** Requests whose model had no price: not counted in `cost`. */
  unpricedRequests: number;
}

/**
 * Usage records, oldest first, by key, model and period. This and the other reports here are read
 * again on a connection ended under the gateway (connection-loss-retry.ts).
 */
export async function queryUsage(store: Store, filter: UsageFilter): Promise<UsageRecord[]> {
  const query = filtered(store.db.selectFrom('usage_records').selectAll(), filter);
  const { last } = filter;
  if (last !== undefined) {
    const newest = await readAgainOnConnectionLoss(() => query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(last).execute());
    return newest.reverse().map(fromUsageRow);
  }
  return (await readAgainOnConnectionLoss(() => query.orderBy('created_at').orderBy('id').execute())).map(fromUsageRow);
}

/** `GET /admin/usage`: records a page when no `limit` is given, and the most one page may hold. */
export const usagePageDefault = 1000;
export const usagePageMax = 10_000;

/** A page of usage records, oldest first, and whether any record after it matches. */
export interface UsagePage {
  records: UsageRecord[];
  hasMore: boolean;
}

/**
 * Up to `limit` records a filter matches after the record `afterId`, or from the first when it is
 * absent; undefined when no record has that id. The next page starts after this one's last record.
 *
 * Records are written in batches after their answers, and while the database is away they wait
 * and land late, carrying the time of their request. Paged by time, a reader already past that
 * time never sees them; paged in the order they were stored, it does.
 *  - SQLite (the default, one process): stored order, by rowid. One writer at a time, and a new
 *    row gets one more than the largest rowid (https://www.sqlite.org/autoinc.html), so rows are
 *    numbered in the order they commit and a reader that keeps calling with `after=<last_id>` sees
 *    each record once, whatever its time. A cursor taken while pages still went by time may meet
 *    a record twice, or miss one, near it.
 *  - PostgreSQL: time, then id. Replicas commit in any order, so a record written late can land
 *    behind a cursor already past its time; reading that span again with `since` finds it.
 */
export async function queryUsagePage(store: Store, filter: UsageFilter, afterId: string | undefined, limit: number): Promise<UsagePage | undefined> {
  const rows = await readAgainOnConnectionLoss(() => (store.kind === 'postgres' ? postgresPage(store, filter, afterId, limit) : sqlitePage(store, filter, afterId, limit)));
  if (rows === undefined) return undefined;
  return { records: rows.slice(0, limit).map(fromUsageRow), hasMore: rows.length > limit };
}

/**
 * The page by rowid. Each condition on a column is written `+column`, which keeps SQLite off that
 * column's index (https://www.sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_):
 * given `since` and `until`, it read the window by the time index and sorted all of it for every
 * page; by rowid it reads on from the cursor. The first page with `since` starts at the least
 * rowid from `since` on, found on the time index, rather than scanning the older rows.
 */
async function sqlitePage(store: Store, filter: UsageFilter, afterId: string | undefined, limit: number): Promise<UsageRecordsTable[] | undefined> {
  let query = store.db.selectFrom('usage_records').selectAll();
  const column = (name: 'key_name' | 'key_id' | 'model' | 'created_at') => sql<string | number>`+${sql.ref(name)}`;
  if (filter.keyName !== undefined) query = query.where(column('key_name'), '=', filter.keyName);
  if (filter.keyId !== undefined) query = query.where(column('key_id'), '=', filter.keyId);
  if (filter.model !== undefined) query = query.where(column('model'), '=', filter.model);
  if (filter.since !== undefined) query = query.where(column('created_at'), '>=', filter.since);
  if (filter.until !== undefined) query = query.where(column('created_at'), '<', filter.until);
  const rowid = sql<number>`rowid`;
  if (afterId !== undefined) {
    const anchor = await store.db.selectFrom('usage_records').select(rowid.as('position')).where('id', '=', afterId).executeTakeFirst();
    if (anchor === undefined) return undefined;
    query = query.where(rowid, '>', anchor.position);
  } else if (filter.since !== undefined) {
    const since = filter.since;
    query = query.where(rowid, '>=', (select) => select.selectFrom('usage_records').select(sql<number>`min(rowid)`.as('first')).where('created_at', '>=', since));
  }
  return query.orderBy(rowid).limit(limit + 1).execute();
}

/** The page by time, then id, found through the index on time however far in the cursor is. */
async function postgresPage(store: Store, filter: UsageFilter, afterId: string | undefined, limit: number): Promise<UsageRecordsTable[] | undefined> {
  let query = filtered(store.db.selectFrom('usage_records').selectAll(), filter);
  if (afterId !== undefined) {
    const anchor = await store.db.selectFrom('usage_records').select('created_at').where('id', '=', afterId).executeTakeFirst();
    if (anchor === undefined) return undefined;
    const createdAt = Number(anchor.created_at);
    // One range on time and a tie-break, so the query keeps to the index (see usage-log.ts `usageLogPage`).
    query = query.where('created_at', '>=', createdAt).where((where) => where.or([where('created_at', '>', createdAt), where('id', '>', afterId)]));
  }
  return query.orderBy('created_at').orderBy('id').limit(limit + 1).execute();
}

/** How many records a filter matches and what they add up to, without reading them. */
export async function usageTotals(store: Store, filter: UsageFilter): Promise<FilteredUsageTotals> {
  const row = await readAgainOnConnectionLoss(() =>
    filtered(
      store.db.selectFrom('usage_records').select((select) => [
        select.fn.countAll<number | string>().as('requests'),
        select.fn.sum<number | string | null>('input_tokens').as('input'),
        select.fn.sum<number | string | null>('output_tokens').as('output'),
        select.fn.sum<number | string | null>('cost').as('cost'),
        select.fn.sum<number | string | null>('no_price').as('unpriced'),
      ]),
      filter,
    ).executeTakeFirst(),
  );
  return { requests: Number(row?.requests ?? 0), inputTokens: Number(row?.input ?? 0), outputTokens: Number(row?.output ?? 0), cost: Number(row?.cost ?? 0), unpricedRequests: Number(row?.unpriced ?? 0) };
}

/** The filter's conditions on any select from usage_records. */
function filtered<Row>(query: SelectQueryBuilder<StoreTables, 'usage_records', Row>, filter: UsageFilter): SelectQueryBuilder<StoreTables, 'usage_records', Row> {
  let narrowed = query;
  if (filter.keyName !== undefined) narrowed = narrowed.where('key_name', '=', filter.keyName);
  if (filter.keyId !== undefined) narrowed = narrowed.where('key_id', '=', filter.keyId);
  if (filter.model !== undefined) narrowed = narrowed.where('model', '=', filter.model);
  if (filter.since !== undefined) narrowed = narrowed.where('created_at', '>=', filter.since);
  if (filter.until !== undefined) narrowed = narrowed.where('created_at', '<', filter.until);
  return narrowed;
}

/** Dollars a key spent since a moment, as recorded: read from its days, not its every request (key-spend.ts). */
export async function spentSince(store: Store, keyId: string, since: number): Promise<number> {
  return (await keySpendSince(store, keyId, since)).cost;
}

export function fromUsageRow(row: UsageRecordsTable): UsageRecord {
  const record: UsageRecord = {
    id: row.id,
    createdAt: Number(row.created_at),
    model: row.model,
    caller: row.caller,
    stream: Number(row.stream) === 1,
    status: row.status,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedTokens: row.cached_tokens,
    reasoningTokens: row.reasoning_tokens,
    cost: Number(row.no_price) === 1 ? null : Number(row.cost),
    latencyMs: row.latency_ms,
  };
  if (row.key_id !== null) record.keyId = row.key_id;
  if (row.key_name !== null) record.keyName = row.key_name;
  if (row.deployment !== null) record.deployment = row.deployment;
  if (row.error_code !== null) record.errorCode = row.error_code;
  if (row.ttft_ms !== null) record.ttftMs = row.ttft_ms;
  if (row.request_id !== null) record.requestId = row.request_id;
  if (row.error_message !== null) record.errorMessage = row.error_message;
  if (Number(row.usage_estimated) === 1) record.estimated = true;
  if (record.cost === null && Number(row.cost) > 0) record.knownCost = Number(row.cost);
  const attempts = attemptsFromColumn(row.attempts);
  if (attempts !== undefined) record.attempts = attempts;
  return record;
}
