import type { Writable } from 'node:stream';
import { queryUsage, usageTotals, type FilteredUsageTotals, type UsageFilter } from '../usage/usage-query.js';
import type { Store } from '../store/open-store.js';
import { KeyRecords } from '../keys/key-records.js';
import { usagePages } from '../usage/usage-pages.js';
import type { UsageRecord } from '../usage/usage-record.js';
import { loadStoreConfig } from './gateway-config.js';
import { openCommandStore } from './command-store.js';
import { parseUsageArgs, type UsageOptions } from './usage-args.js';
import { PipedOutput } from './piped-output.js';
import { dollars } from './usage-dollars.js';

/** `interlingua usage [options]`: its arguments, then `showUsage`. */
export async function runUsage(args: string[], out: Writable = process.stdout): Promise<number> {
  return showUsage(parseUsageArgs(args), out);
}

/**
 * `interlingua usage`: the newest usage records in the configured store as a table, with totals
 * over every matching record, or every matching record as JSON lines, each written as soon as
 * it is read (usage-pages.ts), so the first is out at once and memory does not grow with the
 * records. A reader that stops early (`| head`) ends the command quietly (piped-output.ts). Only
 * the configuration's `database` section is read, and a database that is not there is said to be
 * missing, not made.
 */
export async function showUsage(options: UsageOptions, out: Writable = process.stdout): Promise<number> {
  const { filter, limit } = options;
  const output = new PipedOutput(out);
  const store = await openCommandStore(loadStoreConfig(options.config), 'read');
  try {
    await checkKeyName(store, filter);
    if (options.json) {
      for await (const record of usagePages(store, filter)) if (!(await output.write(`${JSON.stringify(record)}\n`))) break;
      return 0;
    }
    const records = await queryUsage(store, limit === 0 ? filter : { ...filter, last: limit });
    await output.write(table(records, await usageTotals(store, filter)));
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * `--key NAME` that names no key, and no request recorded under that name (a key deleted since
 * keeps its records): a typo, said as one and exit 1, not "no requests recorded".
 */
async function checkKeyName(store: Store, filter: UsageFilter): Promise<void> {
  const name = filter.keyName;
  if (name === undefined) return;
  if ((await new KeyRecords(async () => store).list()).some((key) => key.name === name)) return;
  if ((await usageTotals(store, { keyName: name })).requests > 0) return;
  throw new Error(`usage: no key is named ${JSON.stringify(name)}; "interlingua keys list" shows them`);
}

const numbers = new Intl.NumberFormat('en-US');

/**
 * The priced requests' dollars and how many had no price; "no price" alone when none had one,
 * as their cost is unknown rather than $0.
 */
function totalCost(totals: FilteredUsageTotals): string {
  if (totals.unpricedRequests === 0) return dollars(totals.cost);
  if (totals.unpricedRequests === totals.requests) return 'no price';
  return `${dollars(totals.cost)} (${numbers.format(totals.unpricedRequests)} with no price)`;
}

function table(records: UsageRecord[], totals: FilteredUsageTotals): string {
  const header = ['time (UTC)', 'key', 'model', 'deployment', 'status', 'input', 'output', 'cost', 'ms'];
  const rightAligned = new Set([5, 6, 7, 8]);
  const rows = records.map((record) => [
    new Date(record.createdAt).toISOString().slice(0, 19).replace('T', ' '),
    record.keyName ?? '-',
    record.model,
    record.deployment ?? '-',
    String(record.status),
    numbers.format(record.inputTokens),
    numbers.format(record.outputTokens),
    record.cost === null ? 'no price' : dollars(record.cost),
    numbers.format(record.latencyMs),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
  const shown = records.length < totals.requests ? `showing the newest ${records.length} of ${numbers.format(totals.requests)} (--limit N to see more); ` : '';
  return [
    ...(records.length > 0 ? [line(header), ...rows.map(line)] : ['no requests recorded']),
    `${shown}${numbers.format(totals.requests)} requests, ${numbers.format(totals.inputTokens)} input and ${numbers.format(totals.outputTokens)} output tokens, ${totalCost(totals)}`,
    '',
  ].join('\n');
}
