import { sql } from 'kysely';
import type { Store } from '../store/open-store.js';
import { fromUsageRow } from './usage-query.js';
import { readAgainOnConnectionLoss } from '../store/connection-loss-retry.js';
import type { UsageRecord } from './usage-record.js';

/** The request log as the console pages through it: newest first. */
export interface UsageLogFilter {
  keyName?: string;
  /** `provider/model`: requests that tried it, whether it answered or failed. */
  deployment?: string;
  /** A part of the model's name (`4o`), or a glob over all of it (`gpt-*`, `claude-?-*`); any case. */
  model?: string;
  /** `ok` (2xx), `error` (anything else), a class (`4xx`, `5xx`), or one HTTP status. */
  status?: 'ok' | 'error' | '4xx' | '5xx' | number;
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

/** A page of the log and the count; both are read again on a connection ended under the gateway (connection-loss-retry.ts), as `usageLogPage` is. */
export async function queryUsageLog(store: Store, filter: UsageLogFilter): Promise<UsageLogPage> {
  const query = filteredLog(store, filter);
  const counted = await readAgainOnConnectionLoss(() => query.select((select) => select.fn.countAll<number | string>().as('total')).executeTakeFirst());
  const rows = await readAgainOnConnectionLoss(() => query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute());
  return { records: rows.map(fromUsageRow), total: Number(counted?.total ?? 0) };
}

/** Where a page of the log (newest first) ended: the next page holds what is older than it. */
export interface UsageLogPosition {
  createdAt: number;
  id: string;
}

/**
 * The `limit` newest records a filter matches that are older than `before` (in the log's order,
 * time then id), or from `offset` on when there is no `before` yet: a page of the log found by
 * the index on time however deep it is, where an offset would read every row before it again.
 */
export async function usageLogPage(store: Store, filter: UsageLogFilter, before: UsageLogPosition | undefined, limit: number): Promise<UsageRecord[]> {
  let query = filteredLog(store, filter);
  if (before !== undefined) {
    // Written as one range on time and a tie-break, not `a < t or (a = t and id < i)`: given that
    // OR, SQLite read both branches and sorted the whole window for every page (0.7 s each on
    // 200,000 rows); the range keeps it on the index in time order.
    query = query.where('created_at', '<=', before.createdAt).where((where) => where.or([where('created_at', '<', before.createdAt), where('id', '<', before.id)]));
  }
  const rows = await readAgainOnConnectionLoss(() =>
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(before === undefined ? filter.offset : 0)
      .execute(),
  );
  return rows.map(fromUsageRow);
}

/** The records a filter matches, as a query to select from; `limit` and `offset` are not applied. */
function filteredLog(store: Store, filter: UsageLogFilter) {
  let query = store.db.selectFrom('usage_records');
  if (filter.keyName !== undefined) query = query.where('key_name', '=', filter.keyName);
  if (filter.deployment !== undefined) {
    const deployment = filter.deployment;
    // Attempts are written by JSON.stringify (usage-writer.ts), so each names its deployment as `"deployment":"<name>"` exactly.
    const attempt = `%${JSON.stringify({ deployment }).slice(1, -1).replace(/[!%_]/g, (character) => `!${character}`)}%`;
    query = query.where((where) => where.or([where('deployment', '=', deployment), sql<boolean>`attempts like ${attempt} escape '!'`]));
  }
  if (filter.model !== undefined) query = query.where(sql<boolean>`lower(model) like ${modelPattern(filter.model)} escape '!'`);
  if (filter.status === '4xx') query = query.where('status', '>=', 400).where('status', '<', 500);
  else if (filter.status === '5xx') query = query.where('status', '>=', 500);
  else if (filter.status === 'ok') query = query.where('status', '<', 400).where('error_code', 'is', null);
  else if (filter.status === 'error') query = query.where((where) => where.or([where('status', '>=', 400), where('error_code', 'is not', null)]));
  else if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.since !== undefined) query = query.where('created_at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('created_at', '<', filter.until);
  return query;
}

/**
 * A LIKE pattern for the model filter: a glob (`*` any run, `?` one character) matches the whole
 * name, plain text matches anywhere in it. `!` escapes LIKE's own wildcards in the text, the
 * same in SQLite and PostgreSQL.
 */
export function modelPattern(filter: string): string {
  const escaped = filter.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`);
  if (!/[*?]/.test(filter)) return `%${escaped}%`;
  return escaped.replaceAll('*', '%').replaceAll('?', '_');
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
  // Added after the first release: appended, so readers that go by position still work.
  ['request_id', (record) => record.requestId],
  ['error_message', (record) => record.errorMessage],
  ['attempts', (record) => (record.attempts === undefined ? undefined : record.attempts.map((attempt) => `${attempt.deployment} ${attempt.status}${attempt.errorCode !== undefined ? ` ${attempt.errorCode}` : ''} ${attempt.ms}ms`).join('; '))],
  ['estimated', (record) => record.estimated],
];

/** RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function usageCsv(records: readonly UsageRecord[]): string {
  return usageCsvHeader() + usageCsvRows(records);
}

/** The header row of `usageCsv`, with its line end. */
export function usageCsvHeader(): string {
  return `${csvColumns.map(([name]) => name).join(',')}\r\n`;
}

/** The rows of `usageCsv` without its header, each with its line end: a page of a streamed export. */
export function usageCsvRows(records: readonly UsageRecord[]): string {
  let text = '';
  for (const record of records) text += `${csvColumns.map(([, read]) => csvField(read(record))).join(',')}\r\n`;
  return text;
}

function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  // A leading = + - @, tab, carriage return or NUL may be read as a formula by spreadsheets: quote it
  // behind an apostrophe (OWASP ASVS 5.0 V1.2.10, https://asvs.emil.hemdal.se/1.2.10; CWE-1236,
  // https://cwe.mitre.org/data/definitions/1236.html).
  const safe = typeof value === 'string' && /^[=+\-@\t\r\0]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
