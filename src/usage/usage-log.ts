import type { Store } from '../store/open-store.js';
import { fromUsageRow } from './usage-query.js';
import type { UsageRecord } from './usage-record.js';

/** The request log as the console pages through it: newest first. */
export interface UsageLogFilter {
  keyName?: string;
  model?: string;
  /** `ok` (2xx), `error` (anything else), or one HTTP status. */
  status?: 'ok' | 'error' | number;
  /** Epoch milliseconds, inclusive. */
  since?: number;
  /** Epoch milliseconds, exclusive. */
  until?: number;
  limit: number;
  offset: number;
}

export interface UsageLogPage {
  records: UsageRecord[];
  /** How many records match the filter, across all pages. */
  total: number;
}

export async function queryUsageLog(store: Store, filter: UsageLogFilter): Promise<UsageLogPage> {
  let query = store.db.selectFrom('usage_records');
  if (filter.keyName !== undefined) query = query.where('key_name', '=', filter.keyName);
  if (filter.model !== undefined) query = query.where('model', '=', filter.model);
  if (filter.status === 'ok') query = query.where('status', '<', 400).where('error_code', 'is', null);
  else if (filter.status === 'error') query = query.where((where) => where.or([where('status', '>=', 400), where('error_code', 'is not', null)]));
  else if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.since !== undefined) query = query.where('created_at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('created_at', '<', filter.until);
  const counted = await query.select((select) => select.fn.countAll<number | string>().as('total')).executeTakeFirst();
  const rows = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
  return { records: rows.map(fromUsageRow), total: Number(counted?.total ?? 0) };
}

const csvColumns: Array<[string, (record: UsageRecord) => string | number | boolean | undefined]> = [
  ['time', (record) => new Date(record.createdAt).toISOString()],
  ['id', (record) => record.id],
  ['key', (record) => record.keyName],
  ['model', (record) => record.model],
  ['deployment', (record) => record.deployment],
  ['caller', (record) => record.caller],
  ['stream', (record) => record.stream],
  ['status', (record) => record.status],
  ['error_code', (record) => record.errorCode],
  ['input_tokens', (record) => record.inputTokens],
  ['output_tokens', (record) => record.outputTokens],
  ['cached_tokens', (record) => record.cachedTokens],
  ['reasoning_tokens', (record) => record.reasoningTokens],
  ['cost_usd', (record) => record.cost ?? 'no price'],
  ['latency_ms', (record) => record.latencyMs],
  ['ttft_ms', (record) => record.ttftMs],
];

/** RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function usageCsv(records: readonly UsageRecord[]): string {
  const lines = [csvColumns.map(([name]) => name).join(',')];
  for (const record of records) lines.push(csvColumns.map(([, read]) => csvField(read(record))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  // A leading = + - @ would be read as a formula by spreadsheets: quote it behind an apostrophe.
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
