import type { Store } from '../store/open-store.js';
import { firstWholeDay } from './key-spend-days.js';
import { readAgainOnConnectionLoss } from '../store/connection-loss-retry.js';

/** What one key has used, over its whole life. */
export interface KeySpend {
  keyId: string;
  requests: number;
  /** Dollars of the priced requests. */
  cost: number;
  /** Requests whose model had no price: not counted in `cost`, which is then no price rather than $0. */
  unpricedRequests: number;
  inputTokens: number;
  outputTokens: number;
  /** Epoch milliseconds of its latest request. */
  lastUsedAt: number;
}

/** What one key spent from a moment on: the dollars of its priced requests, and how many had no price. */
export interface PeriodSpend {
  cost: number;
  unpricedRequests: number;
}

/** Each key's use over its whole life (the console's key list); read again on a connection ended under the gateway (connection-loss-retry.ts). */
export async function spendByKey(store: Store): Promise<KeySpend[]> {
  const rows = await readAgainOnConnectionLoss(() =>
    store.db
      .selectFrom('usage_records')
      .select((select) => [
        'key_id',
        select.fn.countAll<number | string>().as('requests'),
        select.fn.sum<number | string | null>('cost').as('cost'),
        select.fn.sum<number | string | null>('no_price').as('unpriced'),
        select.fn.sum<number | string | null>('input_tokens').as('input_tokens'),
        select.fn.sum<number | string | null>('output_tokens').as('output_tokens'),
        select.fn.max('created_at').as('last_used_at'),
      ])
      .where('key_id', 'is not', null)
      .groupBy('key_id')
      .execute(),
  );
  return rows.map((row) => ({
    keyId: String(row.key_id),
    requests: Number(row.requests),
    cost: Number(row.cost ?? 0),
    unpricedRequests: Number(row.unpriced ?? 0),
    inputTokens: Number(row.input_tokens ?? 0),
    outputTokens: Number(row.output_tokens ?? 0),
    lastUsedAt: Number(row.last_used_at),
  }));
}

/**
 * A key's spend since a moment (its budget period), as recorded: from its days in
 * `key_spend_days`, a few rows however many requests it made (key-spend-days.ts). Every budget
 * period starts at a UTC midnight (src/keys/budget-period.ts); any other moment also reads the
 * usage rows of the part of its day after it, through the index on key and time. Read again on
 * a connection ended under the gateway (connection-loss-retry.ts): a budgeted key's first
 * request of a period waits on this read.
 */
export function keySpendSince(store: Store, keyId: string, since: number): Promise<PeriodSpend> {
  return readAgainOnConnectionLoss(() => readSpendSince(store, keyId, since));
}

async function readSpendSince(store: Store, keyId: string, since: number): Promise<PeriodSpend> {
  const wholeDays = firstWholeDay(since);
  const days = await store.db
    .selectFrom('key_spend_days')
    .select((select) => [select.fn.sum<number | string | null>('cost').as('cost'), select.fn.sum<number | string | null>('unpriced_requests').as('unpriced')])
    .where('key_id', '=', keyId)
    .where('day_start', '>=', wholeDays)
    .executeTakeFirst();
  const spend = { cost: Number(days?.cost ?? 0), unpricedRequests: Number(days?.unpriced ?? 0) };
  if (since >= wholeDays) return spend;
  const partDay = await store.db
    .selectFrom('usage_records')
    .select((select) => [select.fn.sum<number | string | null>('cost').as('cost'), select.fn.sum<number | string | null>('no_price').as('unpriced')])
    .where('key_id', '=', keyId)
    .where('created_at', '>=', since)
    .where('created_at', '<', wholeDays)
    .executeTakeFirst();
  return { cost: spend.cost + Number(partDay?.cost ?? 0), unpricedRequests: spend.unpricedRequests + Number(partDay?.unpriced ?? 0) };
}
