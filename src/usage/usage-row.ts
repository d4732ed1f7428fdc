import type { UsageRecordsTable } from '../store/tables.js';
import type { UsageRecord } from './usage-record.js';

/** The values of `count` rows from `start`, row after row, each in `columns` order: a multi-row insert's parameters. */
export function valuesOf(rows: readonly UsageRecordsTable[], start: number, count: number, columns: ReadonlyArray<keyof UsageRecordsTable>): Array<UsageRecordsTable[keyof UsageRecordsTable]> {
  const values: Array<UsageRecordsTable[keyof UsageRecordsTable]> = [];
  for (let index = start; index < start + count; index++) {
    const row = rows[index]!;
    for (const column of columns) values.push(row[column]);
  }
  return values;
}

/** A usage record as the `usage_records` row it is stored as. */
export function toRow(record: UsageRecord): UsageRecordsTable {
  return {
    id: record.id,
    created_at: record.createdAt,
    key_id: record.keyId ?? null,
    key_name: record.keyName ?? null,
    model: record.model,
    deployment: record.deployment ?? null,
    caller: record.caller,
    stream: record.stream ? 1 : 0,
    status: record.status,
    error_code: record.errorCode ?? null,
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cached_tokens: record.cachedTokens,
    reasoning_tokens: record.reasoningTokens,
    cost: record.cost ?? 0,
    no_price: record.cost === null ? 1 : null,
    latency_ms: record.latencyMs,
    ttft_ms: record.ttftMs ?? null,
    request_id: record.requestId ?? null,
    error_message: record.errorMessage ?? null,
    attempts: record.attempts === undefined || record.attempts.length === 0 ? null : JSON.stringify(record.attempts),
    usage_estimated: record.estimated === true ? 1 : null,
  };
}
