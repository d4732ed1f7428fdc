import type { UsageRecordsTable } from '../store/tables.js';
import type { UsageRecord } from './usage-record.js';
import { withoutNul } from '../store/nul-text.js';

/** The values of `count` rows from `start`, row after row, each in `columns` order: a multi-row insert's parameters. */
export function valuesOf(rows: readonly UsageRecordsTable[], start: number, count: number, columns: ReadonlyArray<keyof UsageRecordsTable>): Array<UsageRecordsTable[keyof UsageRecordsTable]> {
  const values: Array<UsageRecordsTable[keyof UsageRecordsTable]> = [];
  for (let index = start; index < start + count; index++) {
    const row = rows[index]!;
    for (const column of columns) values.push(row[column]);
  }
  return values;
}

/**
 * A usage record as the `usage_records` row it is stored as. Its text may hold what a caller sent
 * (the model it asked for, a path's deployment, an error message echoing either): a NUL there
 * made PostgreSQL refuse the whole batch (nul-text.ts), so each text field goes without one.
 * `attempts` needs nothing: JSON.stringify writes a NUL as the escape `\u0000`.
 */
export function toRow(record: UsageRecord): UsageRecordsTable {
  return {
    id: withoutNul(record.id),
    created_at: record.createdAt,
    key_id: optionalText(record.keyId),
    key_name: optionalText(record.keyName),
    model: withoutNul(record.model),
    deployment: optionalText(record.deployment),
    caller: withoutNul(record.caller),
    stream: record.stream ? 1 : 0,
    status: record.status,
    error_code: optionalText(record.errorCode),
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cached_tokens: record.cachedTokens,
    reasoning_tokens: record.reasoningTokens,
    // A request with no price keeps the dollars of its priced part here, beside `no_price`, so
    // that spend totals and budgets read back from the store (key-spend.ts) count them.
    cost: record.cost ?? record.knownCost ?? 0,
    no_price: record.cost === null ? 1 : null,
    latency_ms: record.latencyMs,
    ttft_ms: record.ttftMs ?? null,
    request_id: optionalText(record.requestId),
    error_message: optionalText(record.errorMessage),
    attempts: record.attempts === undefined || record.attempts.length === 0 ? null : JSON.stringify(record.attempts),
    usage_estimated: record.estimated === true ? 1 : null,
  };
}

function optionalText(text: string | undefined): string | null {
  return text === undefined ? null : withoutNul(text);
}
