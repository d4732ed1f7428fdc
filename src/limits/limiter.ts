/** The outcome of asking to spend from a limit. */
export type Admission = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Per-key limits that must hold across every replica when they share Redis: requests per
 * minute over a sliding 60-second window (exact), tokens per minute over fixed minutes (tokens
 * are known only after an answer, so a minute already over its limit refuses the next request),
 * and dollars spent over a budget period.
 */
export interface Limiter {
  /** Counts one request if the key's window has room. */
  admitRequest(keyId: string, rpm: number): Promise<Admission>;
  /** Whether this minute's tokens are still under the limit. */
  admitTokens(keyId: string, tpm: number): Promise<Admission>;
  addTokens(keyId: string, tokens: number): Promise<void>;
  /** Dollars spent in the period that began at `periodStart`, seeded from the records when unknown. */
  spent(keyId: string, periodStart: number, recorded: () => Promise<number>): Promise<number>;
  addSpend(keyId: string, periodStart: number, dollars: number): Promise<void>;
  /** Has every budget ledger checked against the records again (a shared limiter, after an outage). */
  markLedgers?(): Promise<void>;
  close(): Promise<void>;
}

export const windowMs = 60_000;

/** The start of the fixed minute `now` falls in. */
export function minuteOf(now: number): number {
  return now - (now % windowMs);
}
