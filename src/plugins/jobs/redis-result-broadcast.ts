import type { Redis } from 'ioredis';
import type { StoreAvailability } from '../../store/store-availability.js';
import { StoreAwayError } from '../../store/store-outage.js';
import type { PluginJobResult } from './plugin-job.js';
import { LocalResultBroadcast, type ResultBroadcast } from './result-broadcast.js';
import { withinMs } from './redis-deadline.js';

/** How long a new subscriber waits for the gateway's own subscription to be confirmed by Redis. */
const subscribeDeadlineMs = 2_000;

/**
 * Results (and cancels) over Redis pub/sub, so a socket held by any replica hears of a job that
 * ran on any other. The subscriber connection waits for Redis (`waitingOptions`): it inherited
 * the 500 ms command timeout once, so with Redis away at start its one `subscribe` failed, the
 * rejection was kept, and every subscription was refused with a 500 for the rest of the
 * process's life. Now a failed subscription is made again by the next `ready()`, and while
 * Redis is away `ready()` says so (a 503 to the caller) instead of waiting. Once subscribed,
 * ioredis subscribes again by itself after every reconnect (`autoResubscribe`).
 */
export class RedisResultBroadcast extends LocalResultBroadcast implements ResultBroadcast {
  private subscribed: Promise<void> | undefined;
  private cancelListener: (jobId: string) => void = () => {};

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channels: { results: string; cancel: string },
    private readonly availability: StoreAvailability,
  ) {
    super();
    void this.subscription().catch(() => {});
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === channels.cancel) return this.cancelListener(text);
      const { scope, result } = JSON.parse(text) as { scope: string; result: PluginJobResult };
      this.deliver(scope, result);
    });
  }

  onCancel(listener: (jobId: string) => void): void {
    this.cancelListener = listener;
  }

  /** Resolves once subscribed; throws `StoreAwayError` while Redis is away or does not confirm in time. */
  override async ready(): Promise<void> {
    if (this.availability.away) throw new StoreAwayError('redis');
    try {
      await withinMs(this.subscription(), subscribeDeadlineMs);
    } catch {
      throw new StoreAwayError('redis');
    }
  }

  override async publish(scope: string, result: PluginJobResult): Promise<void> {
    await this.publisher.publish(this.channels.results, JSON.stringify({ scope, result }));
  }

  override async close(): Promise<void> {
    await super.close();
    this.subscriber.disconnect();
    // Bounded: a quit on a connection that waits for Redis would wait as long as Redis is away.
    await withinMs(this.publisher.quit(), 1_000).catch(() => {});
  }

  /** The one subscription, made again when it failed. */
  private subscription(): Promise<void> {
    this.subscribed ??= this.subscriber.subscribe(this.channels.results, this.channels.cancel).then(
      () => undefined,
      (error: unknown) => {
        this.subscribed = undefined;
        throw error;
      },
    );
    return this.subscribed;
  }
}
