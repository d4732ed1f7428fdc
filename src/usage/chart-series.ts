/** One line of a console chart (console/src/components/chart.tsx). */
export interface ChartSeries {
  label: string;
  values: Array<number | null>;
}

/** Lines a chart draws before the rest are drawn as one: more than this and no colour can be told apart. */
export const seriesShown = 8;

/**
 * A chart's series, chosen by that chart's own measure: the Cost chart shows the models that cost
 * most, not those asked most often (a cheap model's traffic, or a caller's stream of refused names,
 * pushed the expensive ones out of it). Past `seriesShown`, the rest add up into one "Other" line
 * where the measure adds up (requests, tokens, cost, errors), so a stacked chart's total is the
 * period's; a mean (latency) does not add up, so there the rest are left out.
 */
export function chartSeries<Group extends { name: string }>(groups: Group[], read: (group: Group) => Array<number | null>, sums = true): ChartSeries[] {
  const measured = groups.map((group) => ({ label: group.name, values: read(group) }));
  if (measured.length <= seriesShown) return measured;
  // The groups come busiest first, which is the order a mean is best read in.
  if (!sums) return measured.slice(0, seriesShown);
  const ranked = measured.map((series) => ({ series, total: series.values.reduce<number>((sum, value) => sum + (value ?? 0), 0) })).sort((a, b) => b.total - a.total);
  const shown = ranked.slice(0, seriesShown - 1).map((entry) => entry.series);
  const rest = ranked.slice(seriesShown - 1).map((entry) => entry.series);
  const buckets = Math.max(...rest.map((series) => series.values.length));
  const other = Array.from({ length: buckets }, (_, index) => {
    let sum: number | null = null;
    for (const series of rest) {
      const value = series.values[index];
      if (value !== null && value !== undefined) sum = (sum ?? 0) + value;
    }
    return sum;
  });
  return [...shown, { label: `Other (${rest.length})`, values: other }];
}
