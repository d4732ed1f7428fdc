const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en');

export function formatCount(value: number): string {
  return value < 10_000 ? whole.format(value) : compact.format(value);
}

/** Dollars; null is a model without a price, whose cost is unknown rather than free. */
export function formatCost(value: number | null): string {
  if (value === null) return 'no price';
  if (value === 0) return '$0';
  if (value < 0.01) return `$${value.toFixed(value < 0.0001 ? 6 : 4)}`;
  return `$${value.toFixed(2)}`;
}

/**
 * What some requests cost when some models had no price: the priced ones' dollars, or "no price"
 * when none had one (their cost is unknown, not $0).
 */
export function formatTotalCost(totals: { cost: number; requests: number; unpricedRequests: number }): string {
  return totals.unpricedRequests > 0 && totals.unpricedRequests === totals.requests ? 'no price' : formatCost(totals.cost);
}

/** Said beside such a total when some requests had no price: they are not in it. */
export function unpricedNote(unpricedRequests: number): string | undefined {
  return unpricedRequests === 0 ? undefined : `${formatCount(unpricedRequests)} ${unpricedRequests === 1 ? 'request' : 'requests'} with no price, not counted`;
}

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
}

/** A moment to the second, with its year and the time zone it is shown in. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
}

/** A span of time in its largest whole units: "45 s", "10 min", "1 h 30 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

export function formatRelative(epochMs: number, now = Date.now()): string {
  const seconds = Math.round((now - epochMs) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** A date with its year and the time zone it is shown in, e.g. "2 Dec 2026, 08:41 UTC". */
export function formatDate(epochMs: number): string {
  return new Date(epochMs).toLocaleString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
}

/**
 * Dollars at one precision everywhere a list shows them (four places: a cheap request is
 * $0.0003, not $0), so a column of costs lines up; null is "no price", never $0.
 */
export function formatCostFixed(value: number | null): string {
  return value === null ? 'no price' : `$${value.toFixed(4)}`;
}

/** A share as a percentage with one decimal, or "–" without a whole to share. */
export function formatShare(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)}%`;
}

/** Why a record's tokens carry an `estimated` badge (src/gateway/usage-estimate.ts). */
export const estimatedTokensHint = 'The upstream did not count these tokens (the stream ended before its count, or it reports none): the gateway estimated them.';
