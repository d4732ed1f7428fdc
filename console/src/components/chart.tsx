import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDate } from '../format';
import { countIncrements, stacked, tickLabel, type ChartKind } from './chart-scale';
import { useColorScheme } from './color-scheme';

/** Series colours that keep 3:1 against both the light and the dark card. */
export const palette = ['#6366f1', '#0891b2', '#16a34a', '#d97706', '#db2777', '#8b5cf6', '#dc2626', '#64748b'];

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
}

function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/**
 * A time-series chart (uPlot on a canvas) over bucket starts in epoch ms. The legend follows the
 * cursor: hovering a bucket shows its time and every series' value there, and each label carries
 * the series' total over the period. Counts are stacked, so the top line is the sum of all.
 */
export function TimeChart({ title, starts, series, format, kind, stack = false, totals = true }: { title: string; starts: number[]; series: ChartSeries[]; format: (value: number) => string; kind: ChartKind; stack?: boolean; totals?: boolean }) {
  const holder = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  // What the keyboard cursor reads, for screen readers: the canvas itself says nothing.
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const element = holder.current;
    if (element === null) return;
    const shown = series.length > 0 ? series : [{ label: 'none', values: starts.map(() => 0) }];
    const drawn = stack ? stacked(shown.map((entry) => entry.values)) : shown.map((entry) => entry.values);
    const axis = cssColor('--muted');
    const grid = cssColor('--chart-grid');
    const axisStyle = { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid } };
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height: 180,
      legend: { show: true, live: true },
      cursor: { points: { size: 6 } },
      scales: { x: { time: true }, y: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.15 : 1] } },
      axes: [
        axisStyle,
        {
          ...axisStyle,
          size: 84,
          ...(kind === 'count' ? { incrs: countIncrements } : {}),
          values: (_chart, ticks, _axis, _space, increment) => {
            const labels = ticks.map((tick) => tickLabel(kind, tick, increment));
            // The canvas hides its labels from the DOM; kept here, they can be read and checked.
            element.dataset.yTicks = labels.join(' | ');
            return labels;
          },
        },
      ],
      // Each stacked series fills only the band between itself and the one below.
      bands: stack ? shown.slice(1).map((_, index) => ({ series: [index + 2, index + 1] as [number, number] })) : [],
      series: [
        { label: 'Time', value: (_chart: uPlot, seconds: number | null) => (seconds === null ? '–' : formatDate(seconds * 1000)) },
        ...shown.map((entry, index) => {
          const colour = palette[index % palette.length] as string;
          const total = entry.values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
          return {
            label: totals ? `${entry.label} (${format(total)} total)` : entry.label,
            stroke: colour,
            fill: `${colour}${stack ? '40' : '14'}`,
            width: 2,
            spanGaps: false,
            // A lone bucket with data (mean latency) would be invisible as a line: mark each point.
            points: { show: entry.values.some((value) => value === null) && entry.values.filter((value) => value !== null).length <= 3, size: 7 },
            // The legend reads the series' own value, not the stacked sum the line is drawn at.
            value: (_chart: uPlot, _drawn: number | null, _series: number, at: number | null) => {
              const value = at === null ? null : (entry.values[at] ?? null);
              return value === null ? '–' : format(value);
            },
          };
        }),
      ],
    };
    const data: uPlot.AlignedData = [starts.map((start) => start / 1000), ...drawn];
    const chart = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height: 180 }));
    observer.observe(element);
    // The arrow keys move the cursor bucket by bucket, as hovering does, so values need no mouse.
    const onKey = (event: KeyboardEvent) => {
      const last = starts.length - 1;
      if (last < 0 || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
      event.preventDefault();
      const current = chart.cursor.idx ?? (event.key === 'ArrowLeft' ? last + 1 : -1);
      const next = event.key === 'Home' ? 0 : event.key === 'End' ? last : Math.min(last, Math.max(0, current + (event.key === 'ArrowRight' ? 1 : -1)));
      chart.setCursor({ left: chart.valToPos((starts[next] as number) / 1000, 'x'), top: chart.over.clientHeight / 2 });
      const values = shown.map((entry) => `${entry.label} ${entry.values[next] === null || entry.values[next] === undefined ? 'no data' : format(entry.values[next] as number)}`);
      setSpoken(`${formatDate(starts[next] as number)}: ${values.join(', ')}`);
    };
    element.addEventListener('keydown', onKey);
    return () => {
      element.removeEventListener('keydown', onKey);
      observer.disconnect();
      chart.destroy();
    };
  }, [starts, series, format, kind, stack, totals, scheme]);
  const total = series.reduce((sum, entry) => sum + entry.values.reduce<number>((inner, value) => inner + (value ?? 0), 0), 0);
  const summary = totals ? `; total ${format(total)}` : '';
  return (
    <figure class="card chart" aria-label={`${title} chart`}>
      <figcaption>
        {title}
        {stack && series.length > 1 && <span class="muted small"> · stacked</span>}
        {totals && <span class="chart-total">{format(total)}</span>}
      </figcaption>
      <div ref={holder} class="chart-canvas" tabIndex={0} role="img" aria-label={`${title} over time across ${series.length} series${summary}. Hover the chart, or use the arrow keys, to read each series' value.`} />
      <p class="visually-hidden" aria-live="polite">
        {spoken}
      </p>
    </figure>
  );
}
