import { minuteOf, windowMs } from './limiter.js';
import { RequestWindow } from './request-window.js';

/**
 * The primary's books for one key's leases (see src/limits/cluster-limits-host.ts for the
 * protocol). Each worker's lease is held as `outstanding`: what the primary handed it, less
 * what it has reported spent or given back. Until reported, every outstanding slot or token
 * counts as spent now, so the room the primary gives out never exceeds the limit; a worker's
 * reports replace that guess with what happened.
 *
 * The block a worker is given is a quarter of its share of the free room, and none once that
 * is under one slot each: near the limit every request is decided here, one at a time, as
 * without leases. When a request would be refused while other workers still hold leases, the
 * primary recalls them first (`recall`), so a refusal is never caused by room parked elsewhere.
 */

/** Whether the ask can be answered now, or must wait for these workers to report. */
export type LeaseDecision<Reply> = { answer: Reply } | { recall: readonly object[] };

/** A block is at most this many requests: enough that a busy worker asks a few times a second, small enough that a report is short. */
export const maxRequestBlock = 256;

/** Only this share of each worker's part of the free room is leased at once. */
const blockShare = 4;

export interface RequestsAnswer {
  admitted: number;
  granted: number;
  retryAfterMs: number;
}

/** A requests-per-minute limit over the sliding window, exact: the request's slot is taken when the primary admits it. */
export class RequestLeases {
  private readonly window = new RequestWindow();
  private readonly outstanding = new Map<object, number>();
  private limit = 0;

  constructor(private readonly clock: () => number) {}

  /** Slots a worker spent (at the times it spent them) or gave back. */
  report(peer: object, used: ReadonlyArray<readonly [number, number]>, returned: number): void {
    let spent = 0;
    for (const [time, count] of used) {
      this.window.add(time, count);
      spent += count;
    }
    this.change(peer, -(spent + returned));
  }

  /**
   * `need` requests wait. Admitted while the room not leased elsewhere allows; if that falls
   * short only because other workers hold leases, and they have not been recalled for this ask
   * (`final`), they are recalled first. The window's own count refuses without a recall: what
   * the others report can only add to it.
   */
  decide(peer: object, rpm: number, need: number, peers: number, final: boolean): LeaseDecision<RequestsAnswer> {
    if (rpm !== this.limit) {
      // A changed limit (a reload or a key edit): leases handed out under the old one are called in.
      const holders = this.limit !== 0 && !final ? this.holders(peer) : [];
      this.limit = rpm;
      if (holders.length > 0) return { recall: holders };
    }
    const now = this.clock();
    const counted = this.window.size(now);
    const free = rpm - counted - this.leased();
    const admitted = Math.max(0, Math.min(need, free));
    if (admitted < need && counted + admitted < rpm && !final) {
      const holders = this.holders(peer);
      if (holders.length > 0) return { recall: holders };
    }
    this.window.add(now, admitted);
    const granted = Math.min(maxRequestBlock, Math.floor((free - admitted) / (blockShare * Math.max(1, peers))));
    if (granted > 0) this.change(peer, granted);
    const retryAfterMs = admitted < need ? this.window.retryAfterMs(now, 1_000) : 0;
    return { answer: { admitted, granted: Math.max(0, granted), retryAfterMs } };
  }

  /** A worker that is gone: whatever it held counts as spent now, for it may have been. */
  forget(peer: object): void {
    const held = this.outstanding.get(peer) ?? 0;
    this.outstanding.delete(peer);
    if (held > 0) this.window.add(this.clock(), held);
  }

  /** Workers other than `peer` holding part of this key's room. */
  holders(peer: object): object[] {
    return [...this.outstanding].filter(([holder, held]) => holder !== peer && held > 0).map(([holder]) => holder);
  }

  private leased(): number {
    let sum = 0;
    for (const held of this.outstanding.values()) if (held > 0) sum += held;
    return sum;
  }

  private change(peer: object, by: number): void {
    const held = (this.outstanding.get(peer) ?? 0) + by;
    if (held === 0) this.outstanding.delete(peer);
    else this.outstanding.set(peer, held);
  }
}

export interface TokensAnswer {
  allowed: boolean;
  granted: number;
  minute: number;
  retryAfterMs: number;
}

/**
 * A tokens-per-minute limit over fixed minutes. Tokens are known only after an answer, so (as
 * in one process) a check passes while the minute's counted tokens are under the limit, and
 * answers already under way may take it past. A worker checks against its lease without asking
 * while the lease has tokens left, which holds only if the minute's tokens everywhere are under
 * the limit; once its lease is spent it asks here, and the primary decides on the minute's count
 * after recalling the other leases. A worker whose answers overrun its lease reports at once, so
 * a lease elsewhere can run on stale knowledge for one IPC hop, which is the delay a check had
 * when every worker's tokens reached the primary as they settled.
 */
export class TokenLeases {
  private minute = 0;
  private counted = 0;
  private outstanding = new Map<object, number>();
  private limit = 0;

  constructor(private readonly clock: () => number) {}

  /** Tokens of `minute` a worker's answers used, and lease it gave back; a past minute's are dropped with it. */
  report(peer: object, minute: number, consumed: number, returned: number): void {
    this.roll();
    if (minute !== this.minute) return;
    this.counted += consumed;
    const held = (this.outstanding.get(peer) ?? 0) - consumed - returned;
    if (held === 0) this.outstanding.delete(peer);
    else this.outstanding.set(peer, held);
  }

  /** Once the minute's tokens reach the limit, the workers still holding leases, to be recalled: no check may pass on them. */
  spentOut(peer: object): object[] {
    return this.limit > 0 && this.counted >= this.limit ? this.holders(peer) : [];
  }

  /** `need` 1: checks wait; 0: the worker reports, or asks ahead. */
  decide(peer: object, tpm: number, need: 0 | 1, peers: number, final: boolean): LeaseDecision<TokensAnswer> {
    const now = this.roll();
    if (tpm !== this.limit) {
      const holders = this.limit !== 0 && !final ? this.holders(peer) : [];
      this.limit = tpm;
      if (holders.length > 0) return { recall: holders };
    }
    const closes = { minute: this.minute, retryAfterMs: this.minute + windowMs - now };
    if (this.counted >= tpm) return { answer: { allowed: false, granted: 0, ...closes } };
    const free = tpm - this.counted - this.leased();
    if (free <= 0 && need === 1 && !final) {
      const holders = this.holders(peer);
      if (holders.length > 0) return { recall: holders };
    }
    const granted = Math.floor(free / (blockShare * Math.max(1, peers)));
    if (granted > 0) this.outstanding.set(peer, (this.outstanding.get(peer) ?? 0) + granted);
    return { answer: { allowed: true, granted: Math.max(0, granted), ...closes, retryAfterMs: 0 } };
  }

  /** A worker that is gone: its lease counts as used in this minute. */
  forget(peer: object): void {
    this.roll();
    const held = this.outstanding.get(peer) ?? 0;
    this.outstanding.delete(peer);
    if (held > 0) this.counted += held;
  }

  holders(peer: object): object[] {
    this.roll();
    return [...this.outstanding].filter(([holder, held]) => holder !== peer && held > 0).map(([holder]) => holder);
  }

  private leased(): number {
    let sum = 0;
    for (const held of this.outstanding.values()) if (held > 0) sum += held;
    return sum;
  }

  /** A new minute starts empty, and every lease of the last one has ended with it. */
  private roll(): number {
    const now = this.clock();
    const minute = minuteOf(now);
    if (minute !== this.minute) {
      this.minute = minute;
      this.counted = 0;
      this.outstanding = new Map();
    }
    return now;
  }
}
