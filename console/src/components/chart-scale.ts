/**
 * How a chart's numbers are laid out and labelled: stacking for counts, and axis labels precise
 * enough that two ticks never read the same ("$0.01" twice when the ticks are 0.008 and 0.012).
 */

export type ChartKind = 'count' | 'cost' | 'duration';

/** Running sums, series by series, so each count is drawn on top of the ones before it. */
export function stacked(series: ReadonlyArray<ReadonlyArray<number | null>>): Array<Array<number | null>> {
  const sums: Array<Array<number | null>> = [];
  series.forEach((values, index) => {
    const below = sums[index - 1];
    sums.push(values.map((value, at) => (value ?? 0) + (below === undefined ? 0 : (below[at] ?? 0))));
  });
  return sums;
}

/** Decimals that write a tick spacing exactly: 0.002 needs three, 0.00025 five. */
export function decimalsFor(increment: number): number {
  if (!(increment > 0)) return 0;
  for (let decimals = 0; decimals < 8; decimals += 1) {
    const scaled = increment * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return decimals;
  }
  return 8;
}

/** A tick's label in the chart's unit, with as many decimals as the ticks' spacing needs. */
export function tickLabel(kind: ChartKind, value: number, increment: number): string {
  switch (kind) {
    case 'count':
      return value >= 10_000 ? new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(value) : new Intl.NumberFormat('en', { maximumFractionDigits: decimalsFor(increment) }).format(value);
    case 'cost':
      return value === 0 ? '$0' : `$${value.toFixed(Math.max(2, decimalsFor(increment)))}`;
    case 'duration':
      return increment >= 1000 || value >= 10_000 ? `${(value / 1000).toFixed(decimalsFor(increment / 1000))} s` : `${Math.round(value)} ms`;
    default: {
      const unknown: never = kind;
      throw new Error(`unknown chart kind ${String(unknown)}`);
    }
  }
}

/** Whole-number steps for counts: a fraction of a request is never a tick. */
export const countIncrements = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8];
