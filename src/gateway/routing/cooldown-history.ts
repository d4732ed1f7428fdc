import type { CooldownSettings } from '../../config/resolved-config.js';
import { clippedText } from '../../core/clipped-text.js';

/** One cooldown as the deployments view shows it: when, why, for how long, and when traffic came back. */
export interface CooldownEvent {
  deployment: string;
  /** Epoch ms of the failure that started it. */
  startedAt: number;
  /** Epoch ms it ends (or ended): the deployment is tried again from then on. */
  endsAt: number;
  /** The upstream status of the failure that started it (a gateway status when none came back, e.g. 502 for a lost connection). */
  status: number;
  errorCode: string;
  message: string;
  /** The rule it met: `failures` upstream failures within `windowMs`. */
  failures: number;
  windowMs: number;
  /** Epoch ms of the first attempt this replica saw answer after the cooldown ended. */
  recoveredAt?: number;
}

/** What a message may take of an entry: an upstream's error text can be a whole HTML page. */
const messageLimit = 300;

/**
 * The last cooldowns this replica started, newest last, in a bounded ring (`capacity` entries
 * over all deployments) so a flapping deployment cannot grow it. It lives in memory: with Redis
 * the cooldown itself is shared, but each replica records only those its own failures started,
 * so in multi-replica mode a console shows the history of the replica it talks to.
 */
export class CooldownHistory {
  private readonly events: CooldownEvent[] = [];

  constructor(readonly capacity = 200) {}

  started(deployment: string, failure: { status: number; code: string; message: string }, settings: CooldownSettings, startedAt: number, endsAt: number): void {
    const message = clippedText(failure.message, messageLimit);
    this.events.push({ deployment, startedAt, endsAt, status: failure.status, errorCode: failure.code, message, failures: settings.failures, windowMs: settings.windowMs });
    if (this.events.length > this.capacity) this.events.splice(0, this.events.length - this.capacity);
  }

  /** An attempt on `deployment` answered at `now`: the latest cooldown that has ended and has no recovery yet gets one. */
  answered(deployment: string, now: number): void {
    for (let index = this.events.length - 1; index >= 0; index--) {
      const event = this.events[index];
      if (event === undefined || event.deployment !== deployment) continue;
      if (event.recoveredAt === undefined && event.endsAt <= now) event.recoveredAt = now;
      return;
    }
  }

  /** A deployment's cooldowns, newest first. */
  of(deployment: string): CooldownEvent[] {
    return this.events.filter((event) => event.deployment === deployment).reverse().map((event) => ({ ...event }));
  }

  /** Every recorded cooldown, newest first. */
  all(): CooldownEvent[] {
    return [...this.events].reverse().map((event) => ({ ...event }));
  }
}
