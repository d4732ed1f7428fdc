import type { Admission, Limiter } from './limiter.js';
import { isLimitsReplies, type LimitsBatch, type LimitsReply, type LimitsRequest } from './cluster-limits-protocol.js';

/** What the limiter needs of a cluster worker's IPC channel (`process` in a worker). */
export interface LimitsChannel {
  send(message: LimitsBatch): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

type Distribute<T> = T extends unknown ? Omit<T, 'kind' | 'id'> : never;

/**
 * A worker's limiter under `serve --workers N` without Redis: each question goes to the
 * primary, which holds the one set of counters (src/limits/cluster-limits-host.ts). It is asked
 * only for keys that carry a limit or a budget, so traffic on unlimited keys pays nothing; a
 * limited request waits for one IPC round trip, which keeps limits exact instead of shared out;
 * the questions of one event-loop turn share it.
 */
export class ClusterLimiter implements Limiter {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: LimitsReply) => void>();
  /** Questions asked in this turn of the event loop, sent together at its end. */
  private outbox: LimitsRequest[] = [];
  private readonly listener = (message: unknown) => {
    if (!isLimitsReplies(message)) return;
    for (const reply of message.replies) {
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      settle?.(reply);
    }
  };
  private readonly flush = () => {
    const requests = this.outbox;
    this.outbox = [];
    this.channel.send({ kind: 'interlingua-limits-batch', requests });
  };

  constructor(private readonly channel: LimitsChannel) {
    channel.on('message', this.listener);
  }

  async admitRequest(keyId: string, rpm: number): Promise<Admission> {
    return admissionOf(await this.ask({ op: 'admit-request', keyId, rpm }));
  }

  async admitTokens(keyId: string, tpm: number): Promise<Admission> {
    return admissionOf(await this.ask({ op: 'admit-tokens', keyId, tpm }));
  }

  async addTokens(keyId: string, tokens: number): Promise<void> {
    await this.ask({ op: 'add-tokens', keyId, tokens });
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

  async close(): Promise<void> {
    this.channel.off('message', this.listener);
  }

  private ask(question: Distribute<LimitsRequest>): Promise<LimitsReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      if (this.outbox.length === 0) setImmediate(this.flush);
      this.outbox.push({ kind: 'interlingua-limits', id, ...question } as LimitsRequest);
    });
  }
}

function admissionOf(reply: LimitsReply): Admission {
  if (reply.op !== 'admission') throw new Error(`the primary answered a limit check with "${reply.op}"`);
  return reply.admission;
}

function spentOf(reply: LimitsReply): number | null {
  if (reply.op !== 'spent') throw new Error(`the primary answered a budget check with "${reply.op}"`);
  return reply.dollars;
}
