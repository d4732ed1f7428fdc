import { InterlinguaError } from '../interlingua/error.js';
import type { Usage } from '../interlingua/usage.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import { periodStart } from '../keys/budget-period.js';
import { keyAllowsModel, type KeyAuthenticator } from '../keys/key-authenticator.js';
import type { Limiter, Admission } from '../limits/limiter.js';
import type { Store } from '../store/open-store.js';
import { withinDeadline, type StoreDeadline } from '../store/store-deadline.js';
import { spentSince } from '../usage/usage-query.js';

/**
 * What a gateway key may do, checked before a request goes upstream: the model is one the key
 * may use (403), its budget is not spent (429), and its tokens-per-minute and requests-per-minute
 * limits have room (429 with `retry-after`). Requests-per-minute is counted last, so a request
 * refused for another reason does not use up a slot.
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

  /** At once, without a promise, for a key with no budget and no limits: there is nothing to count. */
  admit(key: GatewayKey | undefined, model: string): void | Promise<void> {
    if (key === undefined) return;
    if (!keyAllowsModel(key, model)) {
      throw new InterlinguaError('permission', `The API key "${key.name}" may not use the model "${model}".`, { param: 'model' });
    }
    if (key.budget === undefined && key.tpm === undefined && key.rpm === undefined) return;
    return this.admitCounted(key);
  }

  private async admitCounted(key: GatewayKey): Promise<void> {
    // The token minute is only read, so it is asked beside the budget rather than after it: on a
    // slow Redis each check is a round trip, and a request waited for every one in turn.
    const tokens = key.tpm === undefined ? undefined : this.limiter.admitTokens(key.id, key.tpm);
    tokens?.catch(() => {});
    if (key.budget !== undefined) {
      const start = periodStart(key.budget.period, this.clock());
      const recorded = () => withinDeadline(this.deadline, async () => spentSince(await this.store(), key.id, start));
      const spent = await this.limiter.spent(key.id, start, recorded);
      if (spent >= key.budget.usd) {
        const over = key.budget.period === 'total' ? '' : ` this ${key.budget.period}`;
        throw new InterlinguaError('rate_limited', `The API key "${key.name}" has spent its budget: $${spent.toFixed(4)} of $${key.budget.usd}${over}.`, { retryable: false });
      }
    }
    if (tokens !== undefined) refuse(await tokens, `${key.tpm} tokens per minute`, key);
    if (key.rpm !== undefined) refuse(await this.limiter.admitRequest(key.id, key.rpm), `${key.rpm} requests per minute`, key);
  }

  /** Counts what an answered request used against the key's token limit and budget. */
  async settle(key: GatewayKey | undefined, usage: Usage, cost: number): Promise<void> {
    if (key === undefined) return;
    const tokens = (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
    if (key.tpm !== undefined && tokens > 0) await this.limiter.addTokens(key.id, tokens);
    if (key.budget !== undefined && cost > 0) await this.limiter.addSpend(key.id, periodStart(key.budget.period, this.clock()), cost);
  }
}

function refuse(admission: Admission, limit: string, key: GatewayKey): void {
  if (admission.allowed) return;
  throw new InterlinguaError('rate_limited', `The API key "${key.name}" is over its limit of ${limit}.`, { retryAfterMs: admission.retryAfterMs, retryable: false });
}
