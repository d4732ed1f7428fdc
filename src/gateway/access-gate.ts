import { randomUUID } from 'node:crypto';
import { InterlinguaError } from '../interlingua/error.js';
import type { Usage } from '../interlingua/usage.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import { periodStart } from '../keys/budget-period.js';
import { keyAllowsModel, type KeyAuthenticator } from '../keys/key-authenticator.js';
import type { Limiter, Admission, SpendHold } from '../limits/limiter.js';
import type { Store } from '../store/open-store.js';
import { withinDeadline, type StoreDeadline } from '../store/store-deadline.js';
import { spentSince } from '../usage/usage-query.js';

/**
 * What a gateway key may do, checked before a request goes upstream: the model is one the key
 * may use (403), its budget is not spent (429), and its tokens-per-minute and requests-per-minute
 * limits have room (429 with `retry-after`). Requests-per-minute is counted last, so a request
 * refused for another reason does not use up a slot.
 *
 * Under a budget, a request holds the most it may cost (its `ceiling`) until `settle` counts what
 * it did cost, and is refused when what is spent and held leaves no room for it: requests running
 * together cannot all pass a budget only some of them fit.
 */
export class AccessGate {
  constructor(
    readonly authenticator: KeyAuthenticator,
    private readonly limiter: Limiter,
    private readonly store: () => Promise<Store>,
    /** A budget not yet counted is read from the usage records while the caller waits. */
    private readonly deadline?: StoreDeadline,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * At once, without a promise, for a key with no budget and no limits: there is nothing to count.
   * The answer is the budget hold taken, to be handed back to `settle`; `ceiling` is asked only
   * under a budget (none, or an unknown price: nothing is held, and only the room is checked).
   */
  admit(key: GatewayKey | undefined, model: string, ceiling?: () => Promise<number | undefined>): void | Promise<SpendHold | undefined> {
    if (key === undefined) return;
    if (!keyAllowsModel(key, model)) {
      throw new InterlinguaError('permission', `The API key "${key.name}" may not use the model "${model}".`, { param: 'model' });
    }
    if (key.budget === undefined && key.tpm === undefined && key.rpm === undefined) return;
    return this.admitCounted(key, ceiling);
  }

  private async admitCounted(key: GatewayKey, ceiling: (() => Promise<number | undefined>) | undefined): Promise<SpendHold | undefined> {
    // The token minute is only read, so it is asked beside the budget rather than after it: on a
    // slow Redis each check is a round trip, and a request waited for every one in turn.
    const tokens = key.tpm === undefined ? undefined : this.limiter.admitTokens(key.id, key.tpm);
    tokens?.catch(() => {});
    const hold = key.budget === undefined ? undefined : await this.holdBudget(key, key.budget, (await ceiling?.()) ?? 0);
    try {
      if (tokens !== undefined) refuse(await tokens, `${key.tpm} tokens per minute`, key);
      if (key.rpm !== undefined) refuse(await this.limiter.admitRequest(key.id, key.rpm), `${key.rpm} requests per minute`, key);
    } catch (error) {
      if (hold !== undefined) await this.release(hold).catch(() => {});
      throw error;
    }
    return hold;
  }

  /**
   * Holds `dollars` more for a request already admitted, once what it sends has grown past what it
   * holds (a stored conversation replayed into it, a plugin loop's next model call). Its own holds
   * count as held, so it is refused, with the spent-budget error, as a new request would be when
   * what is spent and held leaves no room. Undefined when nothing was kept (no budget, or $0).
   */
  async holdMore(key: GatewayKey, dollars: number): Promise<SpendHold | undefined> {
    if (key.budget === undefined) return undefined;
    return this.holdBudget(key, key.budget, dollars);
  }

  /** The key's budget checked, and `dollars` held against it in the same step when the limiter can hold. */
  private async holdBudget(key: GatewayKey, budget: NonNullable<GatewayKey['budget']>, dollars: number): Promise<SpendHold | undefined> {
    const start = periodStart(budget.period, this.clock());
    const recorded = () => withinDeadline(this.deadline, async () => spentSince(await this.store(), key.id, start));
    if (this.limiter.reserveSpend === undefined) {
      const spent = await this.limiter.spent(key.id, start, recorded);
      if (spent >= budget.usd) throw budgetSpent(key, spent, 0);
      return undefined;
    }
    const wanted: SpendHold = { id: randomUUID(), keyId: key.id, periodStart: start, dollars };
    const answer = await this.limiter.reserveSpend(wanted, budget.usd, recorded);
    if (!answer.held) throw budgetSpent(key, answer.spent, answer.heldByOthers);
    // A $0 hold (no ceiling asked, or no price) was only checked: nothing to let go of.
    return wanted.dollars > 0 ? wanted : undefined;
  }

  /**
   * Counts what an answered request used against the key's token limit and budget, and lets go of
   * its holds: the cost is added first, so no moment counts neither.
   */
  async settle(key: GatewayKey | undefined, usage: Usage, cost: number, ...holds: Array<SpendHold | undefined>): Promise<void> {
    if (key === undefined) return;
    try {
      const tokens = (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
      if (key.tpm !== undefined && tokens > 0) await this.limiter.addTokens(key.id, tokens);
      if (key.budget !== undefined && cost > 0) await this.limiter.addSpend(key.id, periodStart(key.budget.period, this.clock()), cost);
    } finally {
      await Promise.all(holds.map((hold) => (hold === undefined ? undefined : this.release(hold))));
    }
  }

  private async release(hold: SpendHold): Promise<void> {
    await this.limiter.releaseSpend?.(hold);
  }
}

function budgetSpent(key: GatewayKey, spent: number, held: number): InterlinguaError {
  const budget = key.budget as NonNullable<GatewayKey['budget']>;
  const over = budget.period === 'total' ? '' : ` this ${budget.period}`;
  const holding = held > 0 ? ` (and $${held.toFixed(4)} held for its requests under way)` : '';
  // With nothing held by requests under way, nothing frees room before the period turns over: the
  // caller's SDK, which retries every 429 unless told not to, is told (`x-should-retry: false`).
  return new InterlinguaError('rate_limited', `The API key "${key.name}" has spent its budget: $${spent.toFixed(4)}${holding} of $${budget.usd}${over}.`, {
    retryable: false,
    retryFutile: held === 0,
  });
}

function refuse(admission: Admission, limit: string, key: GatewayKey): void {
  if (admission.allowed) return;
  throw new InterlinguaError('rate_limited', `The API key "${key.name}" is over its limit of ${limit}.`, { retryAfterMs: admission.retryAfterMs, retryable: false });
}
