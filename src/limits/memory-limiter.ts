import { holdFits, minuteOf, windowMs, type Admission, type HoldAnswer, type Limiter, type SpendHold } from './limiter.js';

/** Limits for one process: exact within it, which is all there is without Redis. */
export class MemoryLimiter implements Limiter {
  private readonly requests = new Map<string, number[]>();
  private readonly tokens = new Map<string, { minute: number; tokens: number }>();
  private readonly spend = new Map<string, Promise<{ dollars: number }>>();
  /** The ledgers whose seed has arrived, for answers that cannot wait on one. */
  private readonly settled = new Map<string, { dollars: number }>();
  /** What requests under way hold, by ledger and then by request. */
  private readonly holds = new Map<string, Map<string, number>>();

  constructor(private readonly clock: () => number = Date.now) {}

  async admitRequest(keyId: string, rpm: number): Promise<Admission> {
    const now = this.clock();
    const times = this.requests.get(keyId) ?? [];
    let expired = 0;
    while (expired < times.length && (times[expired] as number) <= now - windowMs) expired++;
    if (expired > 0) times.splice(0, expired);
    if (times.length >= rpm) return { allowed: false, retryAfterMs: Math.max(1, (times[0] as number) + windowMs - now) };
    times.push(now);
    this.requests.set(keyId, times);
    return { allowed: true };
  }

  async admitTokens(keyId: string, tpm: number): Promise<Admission> {
    const now = this.clock();
    const current = this.tokens.get(keyId);
    if (current === undefined || current.minute !== minuteOf(now) || current.tokens < tpm) return { allowed: true };
    return { allowed: false, retryAfterMs: minuteOf(now) + windowMs - now };
  }

  async addTokens(keyId: string, tokens: number): Promise<void> {
    const minute = minuteOf(this.clock());
    const current = this.tokens.get(keyId);
    if (current === undefined || current.minute !== minute) this.tokens.set(keyId, { minute, tokens });
    else current.tokens += tokens;
  }

  async spent(keyId: string, periodStart: number, recorded: () => Promise<number>): Promise<number> {
    return (await this.ledger(keyId, periodStart, recorded)).dollars;
  }

  async addSpend(keyId: string, periodStart: number, dollars: number): Promise<void> {
    const ledger = this.spend.get(`${keyId}:${periodStart}`);
    if (ledger !== undefined) (await ledger).dollars += dollars;
  }

  /** The check and the hold run with no await between them: nothing else in this process can come between. */
  async reserveSpend(hold: SpendHold, budget: number, recorded: () => Promise<number>): Promise<HoldAnswer> {
    const spent = (await this.ledger(hold.keyId, hold.periodStart, recorded)).dollars;
    const name = `${hold.keyId}:${hold.periodStart}`;
    const held = this.holds.get(name) ?? new Map<string, number>();
    let heldByOthers = 0;
    for (const dollars of held.values()) heldByOthers += dollars;
    if (!holdFits(spent, heldByOthers, hold.dollars, budget)) return { held: false, spent, heldByOthers };
    if (hold.dollars === 0) return { held: true };
    held.set(hold.id, hold.dollars);
    this.holds.set(name, held);
    return { held: true };
  }

  async releaseSpend(hold: SpendHold): Promise<void> {
    const name = `${hold.keyId}:${hold.periodStart}`;
    const held = this.holds.get(name);
    held?.delete(hold.id);
    if (held?.size === 0) this.holds.delete(name);
  }

  /** The period's dollars if its ledger is seeded and settled, without reading the records. */
  knownSpent(keyId: string, periodStart: number): number | undefined {
    return this.settled.get(`${keyId}:${periodStart}`)?.dollars;
  }

  async close(): Promise<void> {}

  private ledger(keyId: string, periodStart: number, recorded: () => Promise<number>): Promise<{ dollars: number }> {
    const name = `${keyId}:${periodStart}`;
    let ledger = this.spend.get(name);
    if (ledger === undefined) {
      ledger = recorded().then((dollars) => {
        const settled = { dollars };
        this.settled.set(name, settled);
        return settled;
      });
      ledger.catch(() => this.spend.delete(name));
      this.spend.set(name, ledger);
    }
    return ledger;
  }
}
