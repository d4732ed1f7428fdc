import type { Admission, HoldAnswer, Limiter, SpendHold } from './limiter.js';
import { isLimitsRecall, isLimitsReplies, type LimitsBatch, type LimitsReply, type LimitsRequest } from './cluster-limits-protocol.js';
import { RequestLease, TokenLease } from './worker-leases.js';

/** What the limiter needs of a cluster worker's IPC channel (`process` in a worker). */
export interface LimitsChannel {
  send(message: LimitsBatch): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

type Distribute<T> = T extends unknown ? Omit<T, 'kind' | 'id'> : never;

/**
 * A worker's limiter under `serve --workers N` without Redis: the primary holds the one set of
 * counters (src/limits/cluster-limits-host.ts). It is asked only for keys that carry a limit or
 * a budget, so traffic on unlimited keys pays nothing. Requests and tokens per minute are spent
 * from leases the primary lends this worker (src/limits/worker-leases.ts), so a limited key
 * costs no round trip until it nears its limit, where the primary decides each request itself;
 * budgets are asked on every request. The questions of one event-loop turn travel together.
 */
export class ClusterLimiter implements Limiter {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: LimitsReply) => void>();
  /** Questions asked in this turn of the event loop, written and sent together at its end. */
  private outbox: Array<{ id: number; write: () => Distribute<LimitsRequest> }> = [];
  private readonly requestLeases = new Map<string, RequestLease>();
  private readonly tokenLeases = new Map<string, TokenLease>();
  private readonly listener = (message: unknown) => {
    if (isLimitsRecall(message)) {
      if (message.limit === 'requests') this.requestLease(message.keyId).giveBack();
      else this.tokenLease(message.keyId).giveBack();
      return;
    }
    if (!isLimitsReplies(message)) return;
    for (const reply of message.replies) {
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      settle?.(reply);
    }
  };
  private readonly flush = () => {
    const asked = this.outbox;
    if (asked.length === 0) return;
    this.outbox = [];
    const requests = asked.map(({ id, write }) => ({ kind: 'interlingua-limits', id, ...write() }) as LimitsRequest);
    this.channel.send({ kind: 'interlingua-limits-batch', requests });
  };

  constructor(
    private readonly channel: LimitsChannel,
    private readonly clock: () => number = Date.now,
  ) {
    channel.on('message', this.listener);
  }

  admitRequest(keyId: string, rpm: number): Promise<Admission> {
    return this.requestLease(keyId).admit(rpm);
  }

  admitTokens(keyId: string, tpm: number): Promise<Admission> {
    return this.tokenLease(keyId).admit(tpm);
  }

  async addTokens(keyId: string, tokens: number): Promise<void> {
    this.tokenLease(keyId).add(tokens);
  }

  /** Asks the primary; only when it has no ledger for the period yet are the records read here, and offered as its seed. */
  async spent(keyId: string, periodStart: number, recorded: () => Promise<number>): Promise<number> {
    const known = spentOf(await this.ask({ op: 'spent', keyId, periodStart }));
    if (known !== null) return known;
    const seeded = spentOf(await this.ask({ op: 'spent', keyId, periodStart, seed: await recorded() }));
    return seeded ?? 0;
  }

  async addSpend(keyId: string, periodStart: number, dollars: number): Promise<void> {
    await this.ask({ op: 'add-spend', keyId, periodStart, dollars });
  }

  /** Held by the primary, in the one step with its check; the records are read here only when it has no ledger yet. */
  async reserveSpend(hold: SpendHold, budget: number, recorded: () => Promise<number>): Promise<HoldAnswer> {
    const question = { op: 'reserve-spend', keyId: hold.keyId, periodStart: hold.periodStart, holdId: hold.id, dollars: hold.dollars, budget } as const;
    let reply = reservedOf(await this.ask(question));
    if (reply.unseeded) reply = reservedOf(await this.ask({ ...question, seed: await recorded() }));
    return reply.held ? { held: true } : { held: false, spent: reply.spent, heldByOthers: reply.heldByOthers };
  }

  async releaseSpend(hold: SpendHold): Promise<void> {
    await this.ask({ op: 'release-spend', keyId: hold.keyId, periodStart: hold.periodStart, holdId: hold.id, dollars: hold.dollars });
  }

  /** What this worker holds goes back to the primary, so its room is not counted as spent. */
  async close(): Promise<void> {
    for (const lease of this.requestLeases.values()) lease.giveBack();
    for (const lease of this.tokenLeases.values()) lease.giveBack();
    if (this.outbox.length > 0) this.flush();
    this.channel.off('message', this.listener);
  }

  private requestLease(keyId: string): RequestLease {
    let lease = this.requestLeases.get(keyId);
    if (lease === undefined) this.requestLeases.set(keyId, (lease = new RequestLease(keyId, (question) => this.ask(question), this.clock)));
    return lease;
  }

  private tokenLease(keyId: string): TokenLease {
    let lease = this.tokenLeases.get(keyId);
    if (lease === undefined) this.tokenLeases.set(keyId, (lease = new TokenLease(keyId, (question) => this.ask(question), this.clock)));
    return lease;
  }

  /** `question` is what to ask, or how to write it when the turn's questions are sent (so a lease's question counts every request of the turn). */
  private ask(question: Distribute<LimitsRequest> | (() => Distribute<LimitsRequest>)): Promise<LimitsReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      if (this.outbox.length === 0) setImmediate(this.flush);
      this.outbox.push({ id, write: typeof question === 'function' ? question : () => question });
    });
  }
}

function spentOf(reply: LimitsReply): number | null {
  if (reply.op !== 'spent') throw new Error(`the primary answered a budget check with "${reply.op}"`);
  return reply.dollars;
}

function reservedOf(reply: LimitsReply): Extract<LimitsReply, { op: 'reserved' }> {
  if (reply.op !== 'reserved') throw new Error(`the primary answered a budget hold with "${reply.op}"`);
  return reply;
}
