import { InterlinguaError } from '../interlingua/error.js';
import { defaultSettings } from '../config/defaults.js';
import { realtimeLimits } from '../config/server-limits.js';

/** How many realtime subscriptions stay open, and how often they are pinged (`server:` in the configuration). */
export interface RealtimeLimits {
  /** Open at once over every caller; below `server.maxConnections`, so HTTP requests keep connections of their own. */
  maxSubscriptions: number;
  /** Open at once for one gateway key. */
  maxSubscriptionsPerKey: number;
  /**
   * Open at once for one remote address, for callers without a key: only when configured
   * (`server.maxRealtimeSubscriptionsPerKey` set), since behind a proxy every caller has the
   * proxy's address and a default would refuse the 101st subscriber of a whole keyless gateway.
   */
  maxSubscriptionsPerAddress?: number;
  /** Between pings; a subscriber that did not answer the previous one is terminated. */
  pingIntervalMs: number;
}

/** A gateway configured with no `server:` section: for events embedded without a configuration. */
export const defaultRealtimeLimits: RealtimeLimits = realtimeLimits(undefined, defaultSettings.serverMaxConnections, 'defaults');

/**
 * Open subscriptions, counted over all and per holder (a key id, or a remote address). A slot
 * is taken before the upgrade is answered and given back once, when its connection closes.
 * A holder without a cap of its own (a keyless caller when no address cap is configured) counts
 * only towards the total.
 */
export class SubscriptionSlots {
  private total = 0;
  private readonly byHolder = new Map<string, number>();

  constructor(private readonly limits: Pick<RealtimeLimits, 'maxSubscriptions' | 'maxSubscriptionsPerKey' | 'maxSubscriptionsPerAddress'>) {}

  /** A release function, or the 429 to refuse the upgrade with. */
  take(holder: string, holderKind: 'key' | 'address'): (() => void) | InterlinguaError {
    const held = this.byHolder.get(holder) ?? 0;
    const cap = holderKind === 'key' ? this.limits.maxSubscriptionsPerKey : (this.limits.maxSubscriptionsPerAddress ?? Number.POSITIVE_INFINITY);
    if (held >= cap) {
      const whose = holderKind === 'key' ? 'This API key' : 'This address';
      return new InterlinguaError('rate_limited', `${whose} has ${held} realtime subscriptions open, its limit (server.maxRealtimeSubscriptionsPerKey); close one first.`, { retryable: false });
    }
    if (this.total >= this.limits.maxSubscriptions) {
      return new InterlinguaError('rate_limited', `The gateway has ${this.total} realtime subscriptions open, its limit (server.maxRealtimeSubscriptions); retry later.`, { retryable: false });
    }
    this.total++;
    this.byHolder.set(holder, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byHolder.get(holder) ?? 1) - 1;
      if (left === 0) this.byHolder.delete(holder);
      else this.byHolder.set(holder, left);
    };
  }
}
