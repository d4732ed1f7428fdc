import type { LimitsBatch, LimitsReplies, LimitsReply, LimitsRequest } from './cluster-limits-protocol.js';
import { MemoryLimiter } from './memory-limiter.js';

/**
 * The primary's side: one MemoryLimiter for every worker, so a key limited to N requests a
 * minute gets exactly N through however the connections fall on the workers, and the counts
 * outlive a worker that is restarted.
 */
export class ClusterLimitsHost {
  constructor(private readonly limiter = new MemoryLimiter()) {}

  /** Answers a batch in the order asked, so two requests of one key are counted in the order the worker saw them. */
  async answerAll(batch: LimitsBatch): Promise<LimitsReplies> {
    const replies: LimitsReply[] = [];
    for (const request of batch.requests) replies.push(await this.answer(request));
    return { kind: 'interlingua-limits-replies', replies };
  }

  async answer(request: LimitsRequest): Promise<LimitsReply> {
    const base = { kind: 'interlingua-limits-reply', id: request.id } as const;
    switch (request.op) {
      case 'admit-request':
        return { ...base, op: 'admission', admission: await this.limiter.admitRequest(request.keyId, request.rpm) };
      case 'admit-tokens':
        return { ...base, op: 'admission', admission: await this.limiter.admitTokens(request.keyId, request.tpm) };
      case 'add-tokens':
        await this.limiter.addTokens(request.keyId, request.tokens);
        return { ...base, op: 'done' };
      case 'spent': {
        const seed = request.seed;
        // The first worker to read the period's spend from the store seeds the ledger; later seeds are ignored.
        const dollars = seed === undefined ? this.limiter.knownSpent(request.keyId, request.periodStart) : await this.limiter.spent(request.keyId, request.periodStart, async () => seed);
        return { ...base, op: 'spent', dollars: dollars ?? null };
      }
      case 'add-spend':
        await this.limiter.addSpend(request.keyId, request.periodStart, request.dollars);
        return { ...base, op: 'done' };
      default: {
        const _never: never = request;
        return _never;
      }
    }
  }
}
