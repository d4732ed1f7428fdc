/** The outcome of asking to spend from a limit. */
export type Admission = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * The most a request may cost, held against its key's budget from admission until its real cost
 * is counted, so that requests running together cannot all pass a budget only some of them fit
 * (LiteLLM does the same since v1.85: https://docs.litellm.ai/docs/proxy/budget_reservation).
 * `id` is unique per request; `periodStart` is the budget period it was held in.
 */
export interface SpendHold {
  id: string;
  keyId: string;
  periodStart: number;
  dollars: number;
}

/** Whether a hold was taken; if not, what the period had spent and what other requests held. */
export type HoldAnswer = { held: true } | { held: false; spent: number; heldByOthers: number };

/**
 * Whether `hold` fits: refused when what is spent and held already reaches the budget, or would
 * pass it with this hold (a hold of $0, for a model with no price, passes while there is room).
 */
export function holdFits(spent: number, heldByOthers: number, dollars: number, budget: number): boolean {
  return spent + heldByOthers < budget && spent + heldByOthers + dollars <= budget;
}

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
  /**
   * Adds spend a replica counted alone, the first of it `sinceMs` ago, unless the ledger was
   * raised to the records (or seeded from them) since then: the records hold that spend already
   * (a shared limiter, after an outage).
   */
  addOutageSpend?(keyId: string, periodStart: number, dollars: number, sinceMs: number): Promise<void>;
  /**
   * Holds `hold.dollars` against a budget of `budget` in one step with the check (seeding the
   * ledger from the records when unknown), so two requests cannot both take the last room. A hold
   * of $0 only checks: nothing is kept, and there is nothing to let go of.
   */
  reserveSpend?(hold: SpendHold, budget: number, recorded: () => Promise<number>): Promise<HoldAnswer>;
  /** Lets go of a hold: its request's real cost has been added (or it cost nothing). */
  releaseSpend?(hold: SpendHold): Promise<void>;
  /** Has every budget ledger checked against the records again (a shared limiter, after an outage). */
  markLedgers?(): Promise<void>;
  close(): Promise<void>;
}

export const windowMs = 60_000;

/** The start of the fixed minute `now` falls in. */
export function minuteOf(now: number): number {
  return now - (now % windowMs);
}
