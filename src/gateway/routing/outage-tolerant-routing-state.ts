import type { CooldownSettings } from '../../config/resolved-config.js';
import type { StoreAvailability } from '../../store/store-availability.js';
import { MemoryHealthStore, type HealthStore } from './health-store.js';
import { MemoryStickyStore, type StickyStore } from './sticky-store.js';

/**
 * Cooldowns and sticky conversations in Redis while it answers, in this process's memory while
 * it is away. Every sticky choice is also kept in memory, so conversations this replica has
 * seen stay on their deployment through an outage; failures seen during one cool deployments
 * down here only, and Redis takes over again when it returns.
 */
export class OutageTolerantRoutingState implements HealthStore, StickyStore {
  private readonly memoryHealth: MemoryHealthStore;
  private readonly memorySticky: MemoryStickyStore;

  constructor(
    private readonly shared: HealthStore & StickyStore,
    private readonly availability: StoreAvailability,
    now: () => number = Date.now,
  ) {
    this.memoryHealth = new MemoryHealthStore(now);
    this.memorySticky = new MemoryStickyStore(10_000, now);
  }

  recordFailure(name: string, cooldown: CooldownSettings): Promise<number | undefined> {
    return this.either(() => this.shared.recordFailure(name, cooldown), () => this.memoryHealth.recordFailure(name, cooldown));
  }

  cooling(names: readonly string[]): Promise<Map<string, number>> {
    return this.either(() => this.shared.cooling(names), () => this.memoryHealth.cooling(names));
  }

  get(conversation: string): Promise<string | undefined> {
    return this.either(
      async () => (await this.shared.get(conversation)) ?? (await this.memorySticky.get(conversation)),
      () => this.memorySticky.get(conversation),
    );
  }

  async set(conversation: string, deployment: string, ttlMs: number): Promise<void> {
    await this.memorySticky.set(conversation, deployment, ttlMs);
    await this.either(() => this.shared.set(conversation, deployment, ttlMs), async () => {});
  }

  private either<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    return this.availability.attempt(shared, local);
  }
}
