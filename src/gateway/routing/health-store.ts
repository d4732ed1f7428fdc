import type { CooldownSettings } from '../../config/resolved-config.js';
import { RecentMap } from '../../core/recent-map.js';

/**
 * Deployments whose failures or cooldowns are kept. A configuration has far fewer; a flood of
 * names sent as `<provider>/<anything>`, each failing upstream, is forgotten oldest first.
 */
const rememberedDeployments = 10_000;

/**
 * Failures of each deployment and the cooldowns they start. With Redis every replica shares
 * them (`redis-routing-state.ts`), so a deployment taken out by one is out for all.
 */
export interface HealthStore {
  /**
   * Counts one failure; `failures` of them within `windowMs` start a cooldown of `cooldownMs`.
   * Resolves to the time (epoch ms) the cooldown ends when this very failure started it, so the
   * one replica that tipped it over records it in its history; otherwise to undefined.
   */
  recordFailure(name: string, cooldown: CooldownSettings): Promise<number | undefined>;
  /** Of these deployments, those cooling down now, each with the time (epoch ms) it ends. */
  cooling(names: readonly string[]): Promise<Map<string, number>>;
}

/** One process's health state; `now` is injected so tests need no waiting. */
export class MemoryHealthStore implements HealthStore {
  private readonly failures = new RecentMap<string, number[]>(rememberedDeployments);
  private readonly coolUntil = new RecentMap<string, number>(rememberedDeployments);

  constructor(private readonly now: () => number = Date.now) {}

  recordFailure(name: string, cooldown: CooldownSettings): Promise<number | undefined> {
    const now = this.now();
    if ((this.coolUntil.get(name) ?? 0) > now) return Promise.resolve(undefined);
    const recent = (this.failures.get(name) ?? []).filter((time) => time > now - cooldown.windowMs);
    recent.push(now);
    if (recent.length < cooldown.failures) {
      this.failures.set(name, recent);
      return Promise.resolve(undefined);
    }
    const until = now + cooldown.cooldownMs;
    this.coolUntil.set(name, until);
    this.failures.delete(name);
    return Promise.resolve(until);
  }

  cooling(names: readonly string[]): Promise<Map<string, number>> {
    const now = this.now();
    const cooling = new Map<string, number>();
    for (const name of names) {
      const until = this.coolUntil.get(name);
      if (until === undefined) continue;
      if (until > now) cooling.set(name, until);
      else this.coolUntil.delete(name);
    }
    return Promise.resolve(cooling);
  }
}
