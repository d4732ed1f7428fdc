import type { LimitsBatch, LimitsRecall, LimitsReplies, LimitsReply, LimitsRequest, RequestLeaseRequest, TokenLeaseRequest } from './cluster-limits-protocol.js';
import { RequestLeases, TokenLeases, type LeaseDecision } from './lease-ledgers.js';
import { MemoryLimiter } from './memory-limiter.js';
import type { SpendHold } from './limiter.js';

/** How the primary reaches one worker. */
export interface LimitsPeer {
  send(message: LimitsReplies | LimitsRecall): void;
}

/** One worker's end, as the primary holds it. */
export interface LimitsConnection {
  receive(batch: LimitsBatch): Promise<void>;
  /** The worker exited: what it held is counted as spent, and asks waiting on its report go on. */
  gone(): void;
}

type LeaseRequest = RequestLeaseRequest | TokenLeaseRequest;

/** Asks of one key that wait for recalled workers to report, in the order they came. */
interface RecallUnderWay {
  waitingOn: Set<object>;
  asks: Array<{ peer: LimitsPeer; request: LeaseRequest }>;
}

/**
 * How long asks wait for recalled workers. A worker alive but stuck (a blocked event loop, a
 * SIGSTOP) never reports; past this the asks are decided with its lease still counted as spent,
 * so the limit holds and only that worker's parked room is refused, not every request of the key.
 * It is then stale: not recalled again until it next says something, so the key's later asks
 * do not each wait out the deadline again.
 */
export const recallDeadlineMs = 2_000;

/**
 * The primary's side: one set of counters for every worker, so a key limited to N requests a
 * minute gets exactly N through however the connections fall on the workers, and the counts
 * outlive a worker that is restarted.
 *
 * Request and token limits are lent out (src/limits/lease-ledgers.ts): a worker gets a block of
 * a key's room and spends it without a round trip, so a limited key costs what an unlimited
 * one does until it nears its limit; there blocks shrink to nothing and each request is
 * decided here, after the room other workers still hold has been recalled. Budgets are asked
 * about on every request, as before.
 */
export class ClusterLimitsHost {
  private readonly requestLeases = new Map<string, RequestLeases>();
  private readonly tokenLeases = new Map<string, TokenLeases>();
  private readonly recalls = new Map<string, RecallUnderWay>();
  private readonly peers = new Set<LimitsPeer>();
  /** Workers that missed a recall's deadline: their leases stay counted as spent, and they are not recalled until they next report. */
  private readonly stale = new Set<LimitsPeer>();
  /** Budget holds each worker has under way, let go of should it exit before its requests end. */
  private readonly holds = new Map<LimitsPeer, Map<string, SpendHold>>();

  constructor(
    private readonly limiter = new MemoryLimiter(),
    private readonly clock: () => number = Date.now,
    private readonly deadlineMs = recallDeadlineMs,
  ) {}

  connect(peer: LimitsPeer): LimitsConnection {
    this.peers.add(peer);
    return {
      receive: (batch) => this.receive(peer, batch),
      gone: () => this.gone(peer),
    };
  }

  /** Answers a batch in the order asked; an ask that waits on a recall is answered on its own when the reports are in. */
  private async receive(peer: LimitsPeer, batch: LimitsBatch): Promise<void> {
    this.stale.delete(peer);
    const replies: LimitsReply[] = [];
    for (const request of batch.requests) {
      const reply = request.op === 'lease-requests' || request.op === 'lease-tokens' ? this.lease(peer, request) : await this.answer(peer, request);
      if (reply !== undefined) replies.push(reply);
    }
    if (replies.length > 0 && this.peers.has(peer)) peer.send({ kind: 'interlingua-limits-replies', replies });
  }

  private lease(peer: LimitsPeer, request: LeaseRequest): LimitsReply | undefined {
    const name = `${request.op}:${request.keyId}`;
    const recall = this.recalls.get(name);
    if (request.op === 'lease-requests') this.requestsOf(request.keyId).report(peer, request.used, request.returned);
    else {
      const tokens = this.tokensOf(request.keyId);
      tokens.report(peer, request.minute, request.consumed, request.returned);
      // Answers here took the minute to its limit: leases elsewhere are called in at once.
      if (recall === undefined) this.sendRecall(request, this.live(tokens.spentOut(peer)));
    }
    if (recall !== undefined || request.givesBack === true) {
      if (recall !== undefined && request.givesBack === true) recall.waitingOn.delete(peer);
      if (recall !== undefined && request.need > 0) recall.asks.push({ peer, request });
      if (recall !== undefined && recall.waitingOn.size === 0) queueMicrotask(() => this.finishRecall(name));
      // A lease given back, or asked for while the room is being gathered in, gets nothing lent.
      return request.need > 0 ? undefined : nothingLent(request);
    }
    const decision = this.decide(peer, request, false);
    if ('answer' in decision) return decision.answer;
    const holders = this.live(decision.recall);
    // Only stale workers hold room: decided now, their leases counted as spent.
    if (holders.length === 0) return this.decide(peer, request, true);
    const underWay: RecallUnderWay = { waitingOn: new Set(holders), asks: [{ peer, request }] };
    this.recalls.set(name, underWay);
    this.sendRecall(request, holders);
    setTimeout(() => {
      if (this.recalls.get(name) !== underWay) return;
      for (const holder of underWay.waitingOn) if (this.peers.has(holder as LimitsPeer)) this.stale.add(holder as LimitsPeer);
      underWay.waitingOn.clear();
      this.finishRecall(name);
    }, this.deadlineMs).unref();
    return undefined;
  }

  /** The holders not counted stale. */
  private live(holders: readonly object[]): readonly object[] {
    return this.stale.size === 0 ? holders : holders.filter((holder) => !this.stale.has(holder as LimitsPeer));
  }

  private sendRecall(request: LeaseRequest, holders: readonly object[]): void {
    if (holders.length === 0) return;
    const message: LimitsRecall = { kind: 'interlingua-limits-recall', limit: request.op === 'lease-requests' ? 'requests' : 'tokens', keyId: request.keyId };
    for (const holder of holders) (holder as LimitsPeer).send(message);
  }

  private decide(peer: LimitsPeer, request: LeaseRequest, final: true): LimitsReply;
  private decide(peer: LimitsPeer, request: LeaseRequest, final: boolean): { answer: LimitsReply } | { recall: readonly object[] };
  private decide(peer: LimitsPeer, request: LeaseRequest, final: boolean): LimitsReply | { answer: LimitsReply } | { recall: readonly object[] } {
    const base = { kind: 'interlingua-limits-reply', id: request.id } as const;
    const decision: LeaseDecision<LimitsReply> =
      request.op === 'lease-requests'
        ? mapAnswer(this.requestsOf(request.keyId).decide(peer, request.rpm, request.need, this.peers.size, final), (answer) => ({ ...base, op: 'requests', ...answer }))
        : mapAnswer(this.tokensOf(request.keyId).decide(peer, request.tpm, request.need, this.peers.size, final), (answer) => ({ ...base, op: 'tokens', ...answer }));
    if (!final) return decision;
    if ('answer' in decision) return decision.answer;
    throw new Error('a final lease decision asked for a recall');
  }

  /** Every recalled worker has reported (or is gone): the asks that waited are decided, with no second recall. */
  private finishRecall(name: string): void {
    const recall = this.recalls.get(name);
    if (recall === undefined || recall.waitingOn.size > 0) return;
    this.recalls.delete(name);
    for (const { peer, request } of recall.asks) {
      if (!this.peers.has(peer)) continue;
      peer.send({ kind: 'interlingua-limits-replies', replies: [this.decide(peer, request, true)] });
    }
  }

  private gone(peer: LimitsPeer): void {
    this.peers.delete(peer);
    this.stale.delete(peer);
    for (const hold of this.holds.get(peer)?.values() ?? []) void this.limiter.releaseSpend(hold);
    this.holds.delete(peer);
    for (const leases of this.requestLeases.values()) leases.forget(peer);
    for (const leases of this.tokenLeases.values()) leases.forget(peer);
    for (const [name, recall] of this.recalls) {
      recall.waitingOn.delete(peer);
      recall.asks = recall.asks.filter((ask) => ask.peer !== peer);
      if (recall.waitingOn.size === 0) this.finishRecall(name);
    }
  }

  private requestsOf(keyId: string): RequestLeases {
    let leases = this.requestLeases.get(keyId);
    if (leases === undefined) this.requestLeases.set(keyId, (leases = new RequestLeases(this.clock)));
    return leases;
  }

  private tokensOf(keyId: string): TokenLeases {
    let leases = this.tokenLeases.get(keyId);
    if (leases === undefined) this.tokenLeases.set(keyId, (leases = new TokenLeases(this.clock)));
    return leases;
  }

  private async answer(peer: LimitsPeer, request: Exclude<LimitsRequest, LeaseRequest>): Promise<LimitsReply> {
    const base = { kind: 'interlingua-limits-reply', id: request.id } as const;
    switch (request.op) {
      case 'spent': {
        const seed = request.seed;
        // The first worker to read the period's spend from the store seeds the ledger; later seeds are ignored.
        const dollars = seed === undefined ? this.limiter.knownSpent(request.keyId, request.periodStart) : await this.limiter.spent(request.keyId, request.periodStart, async () => seed);
        return { ...base, op: 'spent', dollars: dollars ?? null };
      }
      case 'add-spend':
        await this.limiter.addSpend(request.keyId, request.periodStart, request.dollars);
        return { ...base, op: 'done' };
      case 'reserve-spend': {
        const seed = request.seed;
        if (seed === undefined && this.limiter.knownSpent(request.keyId, request.periodStart) === undefined) {
          return { ...base, op: 'reserved', held: false, unseeded: true, spent: 0, heldByOthers: 0 };
        }
        const hold: SpendHold = { id: request.holdId, keyId: request.keyId, periodStart: request.periodStart, dollars: request.dollars };
        // A later seed is ignored, as for `spent`: the ledger is seeded once.
        const answer = await this.limiter.reserveSpend(hold, request.budget, async () => seed ?? 0);
        if (!answer.held) return { ...base, op: 'reserved', held: false, unseeded: false, spent: answer.spent, heldByOthers: answer.heldByOthers };
        if (hold.dollars === 0) {
          // Only checked: nothing kept.
        } else if (this.peers.has(peer)) {
          const held = this.holds.get(peer) ?? new Map<string, SpendHold>();
          held.set(hold.id, hold);
          this.holds.set(peer, held);
        } else await this.limiter.releaseSpend(hold);
        return { ...base, op: 'reserved', held: true, unseeded: false, spent: 0, heldByOthers: 0 };
      }
      case 'release-spend':
        this.holds.get(peer)?.delete(request.holdId);
        await this.limiter.releaseSpend({ id: request.holdId, keyId: request.keyId, periodStart: request.periodStart, dollars: request.dollars });
        return { ...base, op: 'done' };
      default: {
        const _never: never = request;
        return _never;
      }
    }
  }
}

function nothingLent(request: LeaseRequest): LimitsReply {
  const base = { kind: 'interlingua-limits-reply', id: request.id } as const;
  return request.op === 'lease-requests' ? { ...base, op: 'requests', admitted: 0, granted: 0, retryAfterMs: 0 } : { ...base, op: 'tokens', allowed: true, granted: 0, minute: request.minute, retryAfterMs: 0 };
}

function mapAnswer<From, To>(decision: LeaseDecision<From>, map: (answer: From) => To): LeaseDecision<To> {
  return 'answer' in decision ? { answer: map(decision.answer) } : decision;
}
