import type { Admission } from './limiter.js';
import { minuteOf } from './limiter.js';
import type { LimitsReply, RequestLeaseRequest, TokenLeaseRequest } from './cluster-limits-protocol.js';

type Question<T> = Omit<T, 'kind' | 'id'>;
/** Asks the primary; the question is written when the turn's questions are sent. */
type Ask<T> = (write: () => Question<T>) => Promise<LimitsReply>;

const allowed: Admission = { allowed: true };
const allowedNow = Promise.resolve(allowed);

/**
 * A worker's lease of one key's requests-per-minute (src/limits/lease-ledgers.ts holds the
 * primary's side). A request takes a slot of the lease without asking; when none is left,
 * the requests waiting share one question, which the primary answers exactly. Once half of a
 * block is spent the next is asked for ahead of need, so a busy key rarely waits. One question
 * is under way at a time; reports of spent slots ride on the next one.
 */
export class RequestLease {
  private limit = 0;
  private available = 0;
  private lastGrant = 0;
  private used: Array<[number, number]> = [];
  private returned = 0;
  private asking = false;
  private readonly waiting: Array<(admission: Admission) => void> = [];

  constructor(
    private readonly keyId: string,
    private readonly ask: Ask<RequestLeaseRequest>,
    private readonly clock: () => number,
  ) {}

  admit(rpm: number): Promise<Admission> {
    if (rpm !== this.limit) {
      // The key's limit changed (a reload or an edit): the lease was lent under the old one.
      this.giveBackAvailable();
      this.limit = rpm;
    }
    if (this.available > 0 && this.waiting.length === 0) {
      this.spend();
      this.askAhead();
      return allowedNow;
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.asking) void this.question();
    });
  }

  /** The primary wants the lease back: report the spent slots and return the rest. */
  giveBack(): void {
    this.lastGrant = 0;
    void this.ask(() => {
      this.giveBackAvailable();
      return { op: 'lease-requests', keyId: this.keyId, rpm: this.limit, need: 0, ...this.takeReport(), givesBack: true };
    });
  }

  /** One question at a time; the requests that wait when it is sent are the ones it answers. */
  private async question(): Promise<void> {
    this.asking = true;
    let need = 0;
    let rpm = 0;
    const reply = await this.ask(() => {
      need = this.waiting.length;
      rpm = this.limit;
      return { op: 'lease-requests', keyId: this.keyId, rpm, need, ...this.takeReport() };
    });
    this.asking = false;
    if (reply.op !== 'requests') throw new Error(`the primary answered a request lease with "${reply.op}"`);
    const answered = this.waiting.splice(0, need);
    answered.forEach((resolve, index) => resolve(index < reply.admitted ? allowed : { allowed: false, retryAfterMs: reply.retryAfterMs }));
    if (rpm === this.limit) {
      this.available += reply.granted;
      this.lastGrant = reply.granted;
    } else this.returned += reply.granted;
    while (this.available > 0 && this.waiting.length > 0) {
      this.spend();
      this.waiting.shift()?.(allowed);
    }
    if (this.waiting.length > 0) void this.question();
    else this.askAhead();
  }

  private spend(): void {
    this.available--;
    const now = this.clock();
    const last = this.used[this.used.length - 1];
    if (last !== undefined && last[0] === now) last[1]++;
    else this.used.push([now, 1]);
  }

  /** Half a block left: the next is asked for now, not when a request has to wait for it. */
  private askAhead(): void {
    if (this.asking || this.lastGrant === 0 || this.available * 2 > this.lastGrant) return;
    void this.question();
  }

  private giveBackAvailable(): void {
    this.returned += this.available;
    this.available = 0;
  }

  private takeReport(): { used: Array<[number, number]>; returned: number } {
    const report = { used: this.used, returned: this.returned };
    this.used = [];
    this.returned = 0;
    return report;
  }
}

/**
 * A worker's lease of one key's tokens in the current minute. A check passes without asking
 * while the lease has tokens left; answers' tokens are taken from it as they settle, and once
 * it is half spent (or overdrawn, or there is none) they are reported with a question for
 * more. A lease ends with its minute, as the primary's count does.
 */
export class TokenLease {
  private limit = 0;
  private minute = 0;
  /** Tokens left of this minute's lease; below 0 when answers used more than it held. */
  private available = 0;
  private lastGrant = 0;
  private consumed = 0;
  private returned = 0;
  private asking = false;
  private readonly waiting: Array<(admission: Admission) => void> = [];

  constructor(
    private readonly keyId: string,
    private readonly ask: Ask<TokenLeaseRequest>,
    private readonly clock: () => number,
  ) {}

  admit(tpm: number): Promise<Admission> {
    this.roll();
    if (tpm !== this.limit) {
      this.giveBackAvailable();
      this.limit = tpm;
    }
    if (this.available > 0 && this.waiting.length === 0) return allowedNow;
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.asking) void this.question();
    });
  }

  add(tokens: number): void {
    this.roll();
    this.consumed += tokens;
    this.available -= tokens;
    this.reportIfLow();
  }

  giveBack(): void {
    this.lastGrant = 0;
    void this.ask(() => {
      this.roll();
      this.giveBackAvailable();
      return { op: 'lease-tokens', keyId: this.keyId, tpm: this.limit, minute: this.minute, need: 0, ...this.takeReport(), givesBack: true };
    });
  }

  private async question(): Promise<void> {
    this.asking = true;
    let answering = 0;
    let tpm = 0;
    const reply = await this.ask(() => {
      this.roll();
      answering = this.waiting.length;
      tpm = this.limit;
      // Tokens reported before any check here know no limit: they are counted, and nothing is lent.
      const reportOnly = tpm === 0 ? { givesBack: true } : {};
      return { op: 'lease-tokens', keyId: this.keyId, tpm, minute: this.minute, need: answering > 0 ? 1 : 0, ...this.takeReport(), ...reportOnly };
    });
    this.asking = false;
    if (reply.op !== 'tokens') throw new Error(`the primary answered a token lease with "${reply.op}"`);
    this.roll();
    const admission: Admission = reply.allowed ? allowed : { allowed: false, retryAfterMs: reply.retryAfterMs };
    for (const resolve of this.waiting.splice(0, answering)) resolve(admission);
    // A grant of a minute that has ended, or under a limit since changed, is void or given back.
    if (reply.minute === this.minute && tpm === this.limit) {
      this.available += reply.granted;
      this.lastGrant = reply.granted;
    } else if (reply.minute === this.minute) this.returned += reply.granted;
    if (this.waiting.length > 0) {
      if (this.available > 0) for (const resolve of this.waiting.splice(0)) resolve(allowed);
      else return void this.question();
    }
    this.reportIfLow();
  }

  /** Tokens to report, and a lease half spent (or none): report them, asking for more. */
  private reportIfLow(): void {
    if (this.asking || this.consumed === 0 || this.available * 2 > this.lastGrant) return;
    void this.question();
  }

  private giveBackAvailable(): void {
    this.returned += this.available;
    this.available = 0;
  }

  /** An overdrawn lease is settled to zero: its excess is counted once, in `consumed` (a negative `returned` says so). */
  private takeReport(): { consumed: number; returned: number } {
    if (this.available < 0) this.giveBackAvailable();
    const report = { consumed: this.consumed, returned: this.returned };
    this.consumed = 0;
    this.returned = 0;
    return report;
  }

  /** A new minute: the last one's lease and unreported tokens end with it, at the primary too. */
  private roll(): void {
    const minute = minuteOf(this.clock());
    if (minute === this.minute) return;
    this.minute = minute;
    this.available = 0;
    this.lastGrant = 0;
    this.consumed = 0;
    this.returned = 0;
  }
}
