/**
 * Nearest-rank percentile (no interpolation) of the first `count` samples: the value that
 * `fraction` of the samples are at or below. Sorts a copy; NaN when there are no samples.
 */
export function percentile(samples: Float64Array, count: number, fraction: number): number {
  if (count === 0) return Number.NaN;
  const sorted = samples.slice(0, count).sort();
  const rank = Math.min(count, Math.max(1, Math.ceil(fraction * count)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Milliseconds between two `process.hrtime.bigint()` readings, as a float. */
export function elapsedMs(start: bigint, end: bigint): number {
  return Number(end - start) / 1e6;
}

/** The middle value (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
