import type { Store } from '../store/open-store.js';
import { usageCsvHeader, usageCsvRows, usageLogPage, type UsageLogFilter, type UsageLogPosition } from './usage-log.js';

/** Rows read from the database per page of an export: what the gateway holds of it at a time. */
export const csvExportPageRows = 500;

/**
 * The log a filter matches as CSV, newest first, page by page: each page is read (the next one
 * starting where the last ended, usage-log.ts `usageLogPage`), turned into text and handed to
 * `write`, which may wait (a slow download) before the next is read. So an export of any size
 * holds one page, and every row that matches is in it; `filter.limit` and `filter.offset` still
 * choose a part. `write` receives the header first; a filter that matches nothing gives just the
 * header. Returns how many rows were written.
 */
export async function exportUsageCsv(store: Store, filter: UsageLogFilter, write: (text: string) => Promise<void>, pageRows = csvExportPageRows): Promise<number> {
  let written = 0;
  let position: UsageLogPosition | undefined;
  let header: string | undefined = usageCsvHeader();
  for (;;) {
    const want = Math.min(pageRows, filter.limit - written);
    const records = want <= 0 ? [] : await usageLogPage(store, filter, position, want);
    const text = usageCsvRows(records);
    await write(header === undefined ? text : header + text);
    header = undefined;
    written += records.length;
    const last = records.at(-1);
    if (last === undefined || records.length < want) return written;
    position = { createdAt: last.createdAt, id: last.id };
  }
}
