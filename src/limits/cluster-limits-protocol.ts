/**
 * The messages a worker and the primary of `interlingua serve --workers N` exchange over the
 * cluster's IPC channel so that one set of counters (the primary's) holds each key's limits.
 * Every message is tagged, so the channel can carry other kinds beside these.
 *
 * Request and token limits travel as leases (src/limits/lease-ledgers.ts says why and how):
 * a worker asks for a block of a key's room, spends it without asking, and reports what it
 * spent with its next question. Every count in a lease question is a change since the worker's
 * previous one, so questions, answers and recalls may cross on the channel in any order and the
 * two sides still agree once all have arrived.
 */
export type LimitsRequest =
  | RequestLeaseRequest
  | TokenLeaseRequest
  /** The period's dollars when the primary knows them; `seed` is what the worker read from the store. */
  | { kind: 'interlingua-limits'; id: number; op: 'spent'; keyId: string; periodStart: number; seed?: number }
  | { kind: 'interlingua-limits'; id: number; op: 'add-spend'; keyId: string; periodStart: number; dollars: number }
  /** Holds `dollars` against `budget` (see SpendHold in limiter.ts); `seed` as for `spent`, sent only when the primary has no ledger yet. */
  | { kind: 'interlingua-limits'; id: number; op: 'reserve-spend'; keyId: string; periodStart: number; holdId: string; dollars: number; budget: number; seed?: number }
  | { kind: 'interlingua-limits'; id: number; op: 'release-spend'; keyId: string; periodStart: number; holdId: string; dollars: number };

/**
 * Requests-per-minute: `need` requests wait on this answer (0: the worker only reports, or asks
 * ahead of need); `used` are the lease's slots spent since the last report, as
 * `[millisecond, count]` runs in time order; `returned` are slots given back unspent.
 * `givesBack` marks a report that returns the whole lease (the answer to a recall, or a worker
 * closing): nothing is lent in reply.
 */
export interface RequestLeaseRequest {
  kind: 'interlingua-limits';
  id: number;
  op: 'lease-requests';
  keyId: string;
  rpm: number;
  need: number;
  used: Array<[number, number]>;
  returned: number;
  givesBack?: boolean;
}

/**
 * Tokens-per-minute over the fixed minute `minute`: `need` is 1 when admission checks wait on
 * this answer; `consumed` are the tokens answers used since the last report, `returned` the
 * lease's tokens given back unspent, or (when negative) the part of `consumed` beyond the lease,
 * which is counted once, in `consumed` (both of `minute`; the primary drops those of a past minute).
 */
export interface TokenLeaseRequest {
  kind: 'interlingua-limits';
  id: number;
  op: 'lease-tokens';
  keyId: string;
  tpm: number;
  minute: number;
  need: 0 | 1;
  consumed: number;
  returned: number;
  givesBack?: boolean;
}

export type LimitsReply =
  /** Of the `need` requests, the first `admitted` may go; `granted` more slots are leased; the rest wait `retryAfterMs`. */
  | { kind: 'interlingua-limits-reply'; id: number; op: 'requests'; admitted: number; granted: number; retryAfterMs: number }
  /** Whether the waiting checks pass, and `granted` tokens of `minute` leased. */
  | { kind: 'interlingua-limits-reply'; id: number; op: 'tokens'; allowed: boolean; granted: number; minute: number; retryAfterMs: number }
  | { kind: 'interlingua-limits-reply'; id: number; op: 'spent'; dollars: number | null }
  /** `unseeded`: the primary has no ledger for the period, and the worker must send the records' total. */
  | { kind: 'interlingua-limits-reply'; id: number; op: 'reserved'; held: boolean; unseeded: boolean; spent: number; heldByOthers: number }
  | { kind: 'interlingua-limits-reply'; id: number; op: 'done' };

/**
 * The questions a worker asked within one turn of its event loop travel as one message, and
 * their answers as one: under load this is one pipe write and one wake-up of the primary for
 * many requests, not one per request.
 */
export interface LimitsBatch {
  kind: 'interlingua-limits-batch';
  requests: LimitsRequest[];
}

export interface LimitsReplies {
  kind: 'interlingua-limits-replies';
  replies: LimitsReply[];
}

/** The primary asks a worker to report what it spent of a key's lease and give back the rest. */
export interface LimitsRecall {
  kind: 'interlingua-limits-recall';
  limit: 'requests' | 'tokens';
  keyId: string;
}

export function isLimitsBatch(message: unknown): message is LimitsBatch {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'interlingua-limits-batch';
}

export function isLimitsReplies(message: unknown): message is LimitsReplies {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'interlingua-limits-replies';
}

export function isLimitsRecall(message: unknown): message is LimitsRecall {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'interlingua-limits-recall';
}
