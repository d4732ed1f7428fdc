import type { Store } from '../store/open-store.js';
import type { UsageRecord } from './usage-record.js';
import { queryUsagePage, type UsageFilter } from './usage-query.js';

/** Rows read at a time: a few hundred kilobytes, whatever the number of matching records. */
const defaultPageSize = 1_000;

/**
 * Every record a filter matches, read a page at a time by where the last page ended, in the order
 * `queryUsagePage` gives: as stored on SQLite (about oldest first), by time on PostgreSQL. Memory
 * stays that of one page however many records match, and the first is at hand after one short
 * query, where reading them all first took seconds and a gigabyte on 200,000 records.
 *
 * Pages rather than one open statement (SQLite's `iterate`, a PostgreSQL cursor): the caller may
 * wait on a slow reader between records (`interlingua usage --json | less`), and a read left open
 * meanwhile keeps SQLite from recycling its write-ahead log while the gateway writes, so the log
 * "will grow without bound" (better-sqlite3 docs/performance.md, "Checkpoint starvation"); on
 * PostgreSQL it would hold a connection and its snapshot as long. Between pages nothing is held.
 * A record written while the pages are read shows up on a later page on SQLite; on PostgreSQL, only
 * if it sorts after the page being read.
 * `last` is not a streaming question (the newest N need the whole range): it is ignored here.
 */
export async function* usagePages(store: Store, filter: UsageFilter, pageSize = defaultPageSize): AsyncGenerator<UsageRecord> {
  let after: string | undefined;
  for (;;) {
    const page = await queryUsagePage(store, filter, after, pageSize);
    // The anchor record is gone only if it was deleted between pages; nothing after it can be placed then.
    if (page === undefined) return;
    yield* page.records;
    const last = page.records.at(-1);
    if (last === undefined || !page.hasMore) return;
    after = last.id;
  }
}
