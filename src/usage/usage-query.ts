import type { Store } from '../store/open-store.js';
import type { UsageRecordsTable } from '../store/tables.js';
import type { UsageRecord } from './usage-record.js';

export interface UsageFilter {
  keyName?: string;
  keyId?: string;
  model?: string;
  /** Epoch milliseconds, inclusive. */
  since?: number;
  /** Epoch milliseconds, exclusive. */
  until?: number;
  limit?: number;
}

/** Usage records, oldest first, by key, model and period. */
export async function queryUsage(store: Store, filter: UsageFilter): Promise<UsageRecord[]> {
  let query = store.db.selectFrom('usage_records').selectAll();
  if (filter.keyName !== undefined) query = query.where('key_name', '=', filter.keyName);
  if (filter.keyId !== undefined) query = query.where('key_id', '=', filter.keyId);
  if (filter.model !== undefined) query = query.where('model', '=', filter.model);
  if (filter.since !== undefined) query = query.where('created_at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('created_at', '<', filter.until);
  query = query.orderBy('created_at').orderBy('id');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return (await query.execute()).map(fromUsageRow);
}

/** Dollars a key spent since a moment, as recorded. */
export async function spentSince(store: Store, keyId: string, since: number): Promise<number> {
  const row = await store.db
    .selectFrom('usage_records')
    .select((select) => select.fn.sum<number | string | null>('cost').as('spent'))
    .where('key_id', '=', keyId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.spent ?? 0);
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
  return record;
}
