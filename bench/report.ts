import { cpuRatioToReference, type Measurement } from './measure.js';

const columns = [
  'scenario',
  'target',
  'req/s',
  'p50 ms',
  'p99 ms',
  'added p50',
  'added p99',
  'p50@load',
  'p99@load',
  'CPU µs/req',
  'CPU range',
  'CPU ÷ ref',
  'core %',
  'peak RSS MB',
  'errors',
] as const;

function sibling(rows: readonly Measurement[], row: Measurement, target: Measurement['target']): Measurement | undefined {
  return rows.find((other) => other.scenario === row.scenario && other.target === target);
}

function cells(row: Measurement, rows: readonly Measurement[]): string[] {
  const direct = row.target === 'direct' ? undefined : sibling(rows, row, 'direct');
  const ratio = cpuRatioToReference(row, rows);
  const cpu = row.sut?.cpuMicrosPerRequest;
  return [
    row.scenario,
    row.target,
    fixed(row.requestsPerSecond, 0),
    fixed(row.latencyP50Ms, 3),
    fixed(row.latencyP99Ms, 3),
    direct === undefined ? '—' : fixed(row.latencyP50Ms - direct.latencyP50Ms, 3),
    direct === undefined ? '—' : fixed(row.latencyP99Ms - direct.latencyP99Ms, 3),
    fixed(row.loadP50Ms, 2),
    fixed(row.loadP99Ms, 2),
    cpu === undefined ? '—' : fixed(cpu.median, 1),
    cpu === undefined ? '—' : `${fixed(cpu.min, 0)}–${fixed(cpu.max, 0)}`,
    ratio === undefined ? '—' : `${fixed(ratio, 2)}×`,
    row.sut === undefined ? '—' : fixed(row.sut.coreShare, 0),
    row.sut === undefined ? '—' : fixed(row.sut.peakRssBytes / 2 ** 20, 1),
    `${row.errors}/${row.requests + row.errors}`,
  ];
}

/** An aligned plain-text table, one row per measurement, with a blank line between scenarios. */
export function formatTable(rows: readonly Measurement[]): string {
  const table = [columns.map(String), ...rows.map((row) => cells(row, rows))];
  const widths = columns.map((_, index) => Math.max(...table.map((line) => (line[index] ?? '').length)));
  const render = (line: readonly string[]) =>
    line.map((cell, index) => (index < 2 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join(' | ');
  const lines = [render(table[0] ?? []), widths.map((width) => '-'.repeat(width)).join('-|-')];
  rows.forEach((row, index) => {
    if (index > 0 && rows[index - 1]?.scenario !== row.scenario) lines.push('');
    lines.push(render(table[index + 1] ?? []));
  });
  return lines.join('\n');
}

export const tableLegend = [
  'p50/p99: time to last byte, one request at a time (all rounds merged); added: minus the same request sent straight to the upstream.',
  'req/s, p50/p99@load, CPU µs/req (user+system of the SUT process, all threads) and core %: medians over the saturating windows;',
  'CPU range: the windows\' lowest and highest. CPU ÷ ref: median over the rounds of CPU µs/req over the reference proxy\'s in the same round and scenario.',
  'core % well under 100: something else (the load side, a neighbour process) held the SUT back; its µs/req is then inflated.',
  'peak RSS: the SUT process\'s highest RSS sampled every 50 ms during the windows. errors: failed/all requests (warm-up included).',
].join('\n');

/** The first error of every row that had some. */
export function formatErrors(rows: readonly Measurement[]): string {
  return rows.flatMap((row) => (row.firstError === undefined ? [] : [`! ${row.scenario} / ${row.target}: ${row.firstError}`])).join('\n');
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
