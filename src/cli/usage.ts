import { parseArgs } from 'node:util';
import { openStore } from '../store/open-store.js';
import { parseMoment } from '../keys/time-text.js';
import { queryUsage, type UsageFilter } from '../usage/usage-query.js';
import type { UsageRecord } from '../usage/usage-record.js';
import { loadCommandConfig } from './gateway-config.js';

export const usageUsage = `  interlingua usage --config FILE [--key NAME] [--model NAME] [--since 24h|DATE] [--until DATE] [--json]
      Recorded requests, oldest first; with --json one JSON object per record per line.
`;

/** `interlingua usage`: the usage records in the configured store, as a table with totals or as JSON lines. */
export async function runUsage(args: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string', short: 'c' },
      key: { type: 'string' },
      model: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const { config } = loadCommandConfig(values.config);
  if (config.database === undefined) throw new Error('no database configured');
  const now = Date.now();
  const filter: UsageFilter = {};
  if (values.key !== undefined) filter.keyName = values.key;
  if (values.model !== undefined) filter.model = values.model;
  if (values.since !== undefined) filter.since = parseMoment(values.since, now, -1, '--since');
  if (values.until !== undefined) filter.until = parseMoment(values.until, now, -1, '--until');
  const store = await openStore(config.database);
  try {
    const records = await queryUsage(store, filter);
    if (values.json === true) {
      for (const record of records) out.write(`${JSON.stringify(record)}\n`);
      return 0;
    }
    out.write(table(records));
    return 0;
  } finally {
    await store.close();
  }
}

function table(records: UsageRecord[]): string {
  const header = ['time', 'key', 'model', 'deployment', 'status', 'input', 'output', 'cost $', 'ms'];
  const rows = records.map((record) => [
    new Date(record.createdAt).toISOString(),
    record.keyName ?? '-',
    record.model,
    record.deployment ?? '-',
    String(record.status),
    String(record.inputTokens),
    String(record.outputTokens),
    record.cost === null ? 'no price' : record.cost.toFixed(6),
    String(record.latencyMs),
  ]);
  const total = records.reduce(
    (sum, record) => ({ input: sum.input + record.inputTokens, output: sum.output + record.outputTokens, cost: sum.cost + (record.cost ?? 0), unpriced: sum.unpriced + (record.cost === null ? 1 : 0) }),
    { input: 0, output: 0, cost: 0, unpriced: 0 },
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [
    line(header),
    ...rows.map(line),
    `${records.length} requests, ${total.input} input and ${total.output} output tokens, $${total.cost.toFixed(6)}${total.unpriced > 0 ? ` (${total.unpriced} with no price)` : ''}`,
    '',
  ].join('\n');
}
