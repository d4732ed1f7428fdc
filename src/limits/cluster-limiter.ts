import { InterlinguaError } from '../interlingua/error.js';
import type { Admission, HoldAnswer, Limiter, SpendHold } from './limiter.js';
import { isLimitsRecall, isLimitsReplies, type LimitsBatch, type LimitsReply, type LimitsRequest, type TokenLeaseRequest } from './cluster-limits-protocol.js';
import { RequestLease, TokenLease } from './worker-leases.js';

/**
 * What the limiter needs of a cluster worker's IPC channel (`process` in a worker): `send` throws
 * when the message cannot go, and `disconnect` comes once the channel has closed (the primary is
 * gone), after which no answer can come.
 */
export interface LimitsChannel {
  send(message: LimitsBatch): unknown;
  on(event: 'message' | 'disconnect', listener: (message: unknown) => void): unknown;
  off(event: 'message' | 'disconnect', listener: (message: unknown) => void): unknown;
}

type Distribute<T> = T extends unknown ? Omit<T, 'kind' | 'id'> : never;

/**
 * The answer to a limited key's request when the primary, which holds every count, is gone (its
 * channel closed, or a message to it could not be sent). The request is refused, with a 503 to
 * retry, rather than admitted uncounted: this is `redis.onOutage: refuse`, not the default
 * `degrade`, because degrading needs what a worker cut off from its primary cannot know (how many
 * siblings are still serving, so as to take a share of each limit, and what they spent), and
 * every orphaned worker admitting alone would let a key spend its whole budget once per worker.
 * It costs little: such a worker drains and exits (stopOnPrimary in src/cli/serve-worker-role.ts),
 * its listening socket gone with the primary, so only requests on connections it already holds
 * are asked, and a retry reaches a gateway with its counts. Keys without limits are never asked.
 */
function primaryGone(): InterlinguaError {
  return new InterlinguaError('store_unavailable', "The gateway's primary process, which keeps its keys' limits, is gone; retry shortly.", { retryable: true, retryAfterMs: 1000 });
}

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
  private readonly pending = new Map<number, { resolve: (reply: LimitsReply) => void; reject: (error: InterlinguaError) => void }>();
  /** Set once the primary is gone: every question since fails at once. */
  private lost = false;
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
      settle?.resolve(reply);
    }
  };
  private readonly flush = () => {
    const asked = this.outbox;
    if (asked.length === 0 || this.lost) return;
    this.outbox = [];
    const requests = asked.map(({ id, write }) => ({ kind: 'interlingua-limits', id, ...write() }) as LimitsRequest);
    try {
      this.channel.send({ kind: 'interlingua-limits-batch', requests });
    } catch {
      // A channel that cannot carry a message has lost its primary as surely as one that closed.
      this.loseThePrimary();
    }
  };
  /** The channel closed: no question under way will be answered, and none asked later can be. */
  private readonly loseThePrimary = () => {
    if (this.lost) return;
    this.lost = true;
    this.channel.off('message', this.listener);
    this.channel.off('disconnect', this.loseThePrimary);
    // Questions not yet sent are written all the same: a lease learns from writing one which of its
    // requests the answer is for, and those are answered (failed-lease replies) rather than left waiting.
    for (const { write } of this.outbox.splice(0)) write();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of pending) reject(primaryGone());
  };

  constructor(
    private readonly channel: LimitsChannel,
    private readonly clock: () => number = Date.now,
  ) {
    channel.on('message', this.listener);
    channel.on('disconnect', this.loseThePrimary);
  }

  admitRequest(keyId: string, rpm: number): Promise<Admission> {
    if (this.lost) return Promise.reject(primaryGone());
    return this.requestLease(keyId).admit(rpm).then(this.unlessLost);
  }

  admitTokens(keyId: string, tpm: number): Promise<Admission> {
    if (this.lost) return Promise.reject(primaryGone());
    return this.tokenLease(keyId).admit(tpm).then(this.unlessLost);
  }

  /** Bookkeeping for an answered request: with the primary gone there is no count left to add to. */
  async addTokens(keyId: string, tokens: number): Promise<void> {
    if (this.lost) return;
    this.tokenLease(keyId).add(tokens);
  }

  /** Asks the primary; only when it has no ledger for the period yet are the records read here, and offered as its seed. */
  async spent(keyId: string, periodStart: number, recorded: () => Promise<number>): Promise<number> {
    const known = spentOf(await this.ask({ op: 'spent', keyId, periodStart }));
    if (known !== null) return known;
    const seeded = spentOf(await this.ask({ op: 'spent', keyId, periodStart, seed: await recorded() }));
    return seeded ?? 0;
  }

  /**
   * Bookkeeping, as `addTokens`: the request it counts was answered, and with the primary gone its
   * ledger is gone too. Nothing is lost by not adding to it: the usage record holds the cost, and
   * the next primary's ledger is seeded from the records.
   */
  async addSpend(keyId: string, periodStart: number, dollars: number): Promise<void> {
    await this.ask({ op: 'add-spend', keyId, periodStart, dollars }).catch(this.quietIfLost);
  }

  /** Held by the primary, in the one step with its check; the records are read here only when it has no ledger yet. */
  async reserveSpend(hold: SpendHold, budget: number, recorded: () => Promise<number>): Promise<HoldAnswer> {
    const question = { op: 'reserve-spend', keyId: hold.keyId, periodStart: hold.periodStart, holdId: hold.id, dollars: hold.dollars, budget } as const;
    let reply = reservedOf(await this.ask(question));
    if (reply.unseeded) reply = reservedOf(await this.ask({ ...question, seed: await recorded() }));
    return reply.held ? { held: true } : { held: false, spent: reply.spent, heldByOthers: reply.heldByOthers };
  }

  /** A hold dies with the primary that kept it: there is nothing left to let go of. */
  async releaseSpend(hold: SpendHold): Promise<void> {
    await this.ask({ op: 'release-spend', keyId: hold.keyId, periodStart: hold.periodStart, holdId: hold.id, dollars: hold.dollars }).catch(this.quietIfLost);
  }

  /** What this worker holds goes back to the primary, so its room is not counted as spent. */
  async close(): Promise<void> {
    this.channel.off('disconnect', this.loseThePrimary);
    if (this.lost) return;
    for (const lease of this.requestLeases.values()) lease.giveBack();
    for (const lease of this.tokenLeases.values()) lease.giveBack();
    if (this.outbox.length > 0) this.flush();
    this.channel.off('message', this.listener);
  }

  /** A lease's refusal that only says the primary is gone becomes the primary's absence, told as such. */
  private readonly unlessLost = (admission: Admission): Admission => {
    if (!admission.allowed && this.lost) throw primaryGone();
    return admission;
  };

  private readonly quietIfLost = (error: unknown): void => {
    if (!this.lost) throw error;
  };

  private requestLease(keyId: string): RequestLease {
    let lease = this.requestLeases.get(keyId);
    if (lease === undefined) this.requestLeases.set(keyId, (lease = new RequestLease(keyId, (write) => this.askForLease(write, noRequestsLent), this.clock)));
    return lease;
  }

  private tokenLease(keyId: string): TokenLease {
    let lease = this.tokenLeases.get(keyId);
    if (lease === undefined) this.tokenLeases.set(keyId, (lease = new TokenLease(keyId, (write) => this.askForLease(write, noTokensLent), this.clock)));
    return lease;
  }

  /**
   * A lease's question. A lease cannot take a failure (it asks in the background, and its waiting
   * requests would wait on), so with the primary gone it is answered as refused, lending nothing,
   * and `unlessLost` tells the requests why.
   */
  private askForLease<Question extends Distribute<LimitsRequest>>(write: () => Question, refused: (question: Question | undefined) => LimitsReply): Promise<LimitsReply> {
    let written: Question | undefined;
    return this.ask(() => (written = write())).catch(() => refused(written));
  }

  /** `question` is what to ask, or how to write it when the turn's questions are sent (so a lease's question counts every request of the turn). */
  private ask(question: Distribute<LimitsRequest> | (() => Distribute<LimitsRequest>)): Promise<LimitsReply> {
    const write = typeof question === 'function' ? question : () => question;
    if (this.lost) {
      write();
      return Promise.reject(primaryGone());
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.outbox.length === 0) setImmediate(this.flush);
      this.outbox.push({ id, write });
    });
  }
}

function noRequestsLent(): LimitsReply {
  return { kind: 'interlingua-limits-reply', id: 0, op: 'requests', admitted: 0, granted: 0, retryAfterMs: 0 };
}

function noTokensLent(question: Omit<TokenLeaseRequest, 'kind' | 'id'> | undefined): LimitsReply {
  return { kind: 'interlingua-limits-reply', id: 0, op: 'tokens', allowed: false, granted: 0, minute: question?.minute ?? 0, retryAfterMs: 0 };
}

function spentOf(reply: LimitsReply): number | null {
  if (reply.op !== 'spent') throw new Error(`the primary answered a budget check with "${reply.op}"`);
  return reply.dollars;
}

function reservedOf(reply: LimitsReply): Extract<LimitsReply, { op: 'reserved' }> {
  if (reply.op !== 'reserved') throw new Error(`the primary answered a budget hold with "${reply.op}"`);
  return reply;
}
