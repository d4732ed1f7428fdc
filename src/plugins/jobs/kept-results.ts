import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../gateway/logger.js';
import { withinMs } from './redis-deadline.js';

/** How often the replica looks whether the results it wrote are still waiting in Redis. */
export const keptResultsCheckMs = 2_000;
/** Most results one replica keeps; past that the oldest is let go (logged), so memory stays bounded. */
export const maxKeptResults = 10_000;

interface Kept {
  /** The unread list the result waits in. */
  key: string;
  /** The entry as written, which a turn's settle removes as it is. */
  entry: string;
  /** The generation of Redis's data it was written in (`generationKey`). */
  generation: string;
}

/**
 * Results this replica wrote for a conversation's next turn, kept in its memory until a turn has
 * taken them. A Redis without persistence that restarts comes back empty, and the results waiting
 * in it were gone, though their jobs had run. A marker key names the generation of Redis's data:
 * written beside every result when missing, and read every `keptResultsCheckMs`; when it has
 * changed, Redis lost what it held, and every result kept here is written again. While it holds, a
 * result no longer in its list was taken by a turn (or expired) and is let go. A result a turn took
 * just before the restart, before a check saw it gone, comes once more; one whose replica stopped
 * meanwhile is not kept.
 */
export class KeptResults {
  private readonly kept = new Map<string, Kept>();
  private readonly timer: NodeJS.Timeout;
  private checking = false;
  private warned = false;

  constructor(
    private readonly redis: Redis,
    private readonly generationKey: string,
    private readonly reachable: () => boolean,
    /** Writes one entry into its list (with its expiry) and returns the generation it was written in. */
    private readonly write: (key: string, entry: string, generation: string) => Promise<string>,
    private readonly logger?: Logger,
  ) {
    this.timer = setInterval(() => void this.check(), keptResultsCheckMs);
    this.timer.unref();
  }

  /** A fresh generation name, set only where none is (`SET … NX`). */
  static newGeneration(): string {
    return randomUUID();
  }

  get size(): number {
    return this.kept.size;
  }

  keep(job: string, key: string, entry: string, generation: string): void {
    this.kept.delete(job);
    this.kept.set(job, { key, entry, generation });
    if (this.kept.size <= maxKeptResults) return;
    const [oldest] = this.kept.keys();
    if (oldest !== undefined) this.kept.delete(oldest);
    if (!this.warned) this.logger?.warn('plugin results kept against a Redis restart reached their limit; the oldest are no longer kept', { limit: maxKeptResults });
    this.warned = true;
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** One look at every kept result; errors leave them for the next. */
  async check(): Promise<void> {
    if (this.checking || this.kept.size === 0 || !this.reachable()) return;
    this.checking = true;
    try {
      await this.redis.set(this.generationKey, KeptResults.newGeneration(), 'NX');
      const held = [...this.kept.entries()];
      const pipeline = this.redis.pipeline().get(this.generationKey);
      for (const [, kept] of held) pipeline.lpos(kept.key, kept.entry);
      const replies = (await withinMs(pipeline.exec(), keptResultsCheckMs)) ?? [];
      const [generationError, generation] = replies[0] ?? [];
      if (generationError || typeof generation !== 'string') return;
      const lost: Array<[string, Kept]> = [];
      held.forEach(([job, kept], index) => {
        const [positionError, position] = replies[index + 1] ?? [];
        if (positionError || this.kept.get(job) !== kept) return;
        // Found in a new generation: written again already (a write of an earlier check that came late).
        if (kept.generation !== generation) return void (position === null ? lost.push([job, kept]) : this.kept.set(job, { ...kept, generation }));
        if (position === null) this.kept.delete(job);
      });
      if (lost.length > 0) this.logger?.warn('Redis lost the plugin results waiting in it (restarted without persistence?); writing those this replica kept again', { results: lost.length });
      for (const [job, kept] of lost) {
        const written = await withinMs(this.write(kept.key, kept.entry, generation), keptResultsCheckMs);
        if (this.kept.get(job) === kept) this.kept.set(job, { ...kept, generation: written });
      }
    } catch {
      // Redis away or slow: the results stay kept, and the next check tries again.
    } finally {
      this.checking = false;
    }
  }
}
