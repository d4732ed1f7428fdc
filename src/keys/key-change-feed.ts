import { z } from 'zod';
import { waitingOptions, type RedisConnections } from '../store/redis-connections.js';
import { isStoreOutage } from '../store/store-outage.js';
import type { GatewayKey } from './gateway-key.js';
import type { KeyRecords } from './key-records.js';

/** Where key changes are told: what this module needs of the gateway's logger. */
export interface KeyChangeLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** What a replica applies a change to: its key authenticator. */
export interface KeyChangeTarget {
  apply(hash: string, key: GatewayKey): void;
}

/**
 * The other workers of `serve --workers N`, told through their primary when no Redis is
 * configured (src/cli/serve-worker-role.ts): each holds a key cache of its own, so without this a
 * key revoked through one worker's admin API was let in by the others until their 5-second
 * cached lookup ran out.
 */
export interface SiblingKeyChanges {
  tell(text: string): void;
  listen(heard: (text: string) => void): void;
}


/** A message from another replica, checked before it reaches the cache: Redis is shared, and its contents are not this process's. */
const keyChangeMessage = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  key: z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    models: z.array(z.string()).optional(),
    rpm: z.number().optional(),
    tpm: z.number().optional(),
    budget: z.object({ usd: z.number(), period: z.enum(['day', 'week', 'month', 'total']) }).optional(),
    expiresAt: z.number().optional(),
    metadata: z.record(z.string(), z.unknown()),
    createdAt: z.number(),
    revokedAt: z.number().optional(),
  }),
});

/**
 * Key changes made through one replica (a revocation, new limits or budget) applied at once by
 * every replica sharing Redis, over pub/sub: otherwise another replica learns of them only when
 * its 5-second cached lookup runs out, and not at all while the database is away, which served a
 * key revoked just before an outage for as long as the outage lasted.
 *
 * A change is applied here first, then published; every replica, this one included, applies what
 * it hears. A publish that fails (Redis away) waits here (`UntoldKeyChanges`) and is published
 * when Redis is back: a change made while both stores were away was otherwise never told, and
 * the others served a revoked key until the database returned. The subscriber subscribes again
 * after each reconnect by itself (ioredis `autoResubscribe`, https://github.com/redis/ioredis#auto-reconnect).
 */
export function shareKeyChanges(
  records: Pick<KeyRecords, 'onChange'>,
  target: KeyChangeTarget,
  redis: { connections: RedisConnections; keyPrefix: string } | undefined,
  log: KeyChangeLog,
  siblings?: SiblingKeyChanges,
): void {
  const channel = redis === undefined ? undefined : keyChangeChannel(redis.keyPrefix);
  const untold = redis === undefined || channel === undefined ? undefined : new UntoldKeyChanges(redis.connections, channel, log);
  // With Redis, every replica and every worker hears the channel; without it, the siblings are told.
  const told = redis === undefined ? siblings : undefined;
  records.onChange((hash, key) => {
    target.apply(hash, key);
    untold?.publish(hash, key);
    told?.tell(keyChangeText(hash, key));
  });
  told?.listen((text) => applyHeard(text, target, () => log.warn('a key change heard from another worker was not understood; ignored')));
  if (redis === undefined || channel === undefined) return;
  // A subscriber waits for Redis rather than failing fast (redis-connections.ts); it is closed with the others.
  const subscriber = redis.connections.open(waitingOptions);
  subscriber.on('message', (heard: string, text: string) => {
    if (heard !== channel) return;
    applyHeard(text, target, () => log.warn('a key change heard from Redis was not understood; ignored', { channel }));
  });
  subscriber.subscribe(channel).catch((error: unknown) => log.warn('listening for key changes failed; other replicas\' changes are seen within 5 seconds', { error: String(error) }));
}

/**
 * Most key changes one replica keeps while Redis cannot be told of them, one per key (the latest).
 * Past it the oldest is let go of, with a warning: the other replicas then see that change only
 * when their 5-second lookup reads it from the database.
 */
export const maxUntoldKeyChanges = 10_000;

/**
 * Publishes key changes, and keeps those Redis could not take (the latest per key, at most
 * `limit`) until Redis is back. A change that failed is kept only while no later change of the
 * same key was sent, so an older state is never told after a newer one from here.
 */
class UntoldKeyChanges {
  private readonly untold = new Map<string, GatewayKey>();
  /** The sequence number of each key's latest change on its way to Redis. */
  private readonly sending = new Map<string, number>();
  private sequence = 0;
  private warned = false;
  private full = false;

  constructor(
    private readonly connections: RedisConnections,
    private readonly channel: string,
    private readonly log: KeyChangeLog,
    private readonly limit = maxUntoldKeyChanges,
  ) {
    connections.availability.listen({ changed: (_store, away) => (away ? undefined : this.tellUntold()) });
  }

  publish(hash: string, key: GatewayKey): void {
    const sequence = ++this.sequence;
    this.untold.delete(hash);
    this.sending.set(hash, sequence);
    this.connections.commands.publish(this.channel, keyChangeText(hash, key)).then(
      () => {
        if (this.sending.get(hash) === sequence) this.sending.delete(hash);
      },
      (error: unknown) => {
        if (this.sending.get(hash) !== sequence) return;
        this.sending.delete(hash);
        this.keep(hash, key, error);
      },
    );
  }

  private keep(hash: string, key: GatewayKey, error: unknown): void {
    if (!this.warned) this.log.warn('telling other replicas of a key change failed; it is told when Redis is back, and they see it within 5 seconds of reading the database', { key: key.name, error: String(error) });
    this.warned = true;
    if (this.untold.size >= this.limit) {
      const [oldest] = this.untold.keys();
      if (oldest !== undefined) this.untold.delete(oldest);
      if (!this.full) this.log.warn('key changes waiting for Redis reached their limit; the oldest are not told', { limit: this.limit });
      this.full = true;
    }
    this.untold.set(hash, key);
    // So the probe runs, and its finding Redis back tells what waits here.
    if (isStoreOutage(error)) this.connections.availability.failed(error);
  }

  private tellUntold(): void {
    this.warned = false;
    this.full = false;
    const waiting = [...this.untold];
    this.untold.clear();
    for (const [hash, key] of waiting) this.publish(hash, key);
  }
}

/** The channel key changes are told on, under the gateway's Redis key prefix; `interlingua keys revoke` tells on it too (src/cli/key-change-notice.ts). */
export function keyChangeChannel(keyPrefix: string): string {
  return `${keyPrefix}key-changes`;
}

/** A key change as it is published: what `keyChangeMessage` reads. */
export function keyChangeText(hash: string, key: GatewayKey): string {
  return JSON.stringify({ hash, key });
}

/** Applies a change another process told, once it reads as one: what is heard is not this process's own. */
function applyHeard(text: string, target: KeyChangeTarget, misunderstood: () => void): void {
  const message = keyChangeMessage.safeParse(parseJson(text));
  if (!message.success) return misunderstood();
  target.apply(message.data.hash, withoutUndefined(message.data.key));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** zod's output spells an absent optional field as `undefined`, which `exactOptionalPropertyTypes` tells apart. */
function withoutUndefined(key: z.infer<typeof keyChangeMessage>['key']): GatewayKey {
  return Object.fromEntries(Object.entries(key).filter(([, value]) => value !== undefined)) as unknown as GatewayKey;
}
