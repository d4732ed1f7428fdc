import { z } from 'zod';
import { waitingOptions, type RedisConnections } from '../store/redis-connections.js';
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
 * it hears. A publish that fails (Redis away) is logged, and the others fall back on their
 * 5-second lookups. The subscriber subscribes again after each reconnect by itself
 * (ioredis `autoResubscribe`, https://github.com/redis/ioredis#auto-reconnect).
 */
export function shareKeyChanges(records: KeyRecords, target: KeyChangeTarget, redis: { connections: RedisConnections; keyPrefix: string } | undefined, log: KeyChangeLog): void {
  const channel = redis === undefined ? undefined : keyChangeChannel(redis.keyPrefix);
  records.onChange((hash, key) => {
    target.apply(hash, key);
    if (redis === undefined || channel === undefined) return;
    redis.connections.commands.publish(channel, keyChangeText(hash, key)).catch((error: unknown) => {
      log.warn('telling other replicas of a key change failed; they see it within 5 seconds', { key: key.name, error: String(error) });
    });
  });
  if (redis === undefined || channel === undefined) return;
  // A subscriber waits for Redis rather than failing fast (redis-connections.ts); it is closed with the others.
  const subscriber = redis.connections.open(waitingOptions);
  subscriber.on('message', (heard: string, text: string) => {
    if (heard !== channel) return;
    const message = keyChangeMessage.safeParse(parseJson(text));
    if (!message.success) return log.warn('a key change heard from Redis was not understood; ignored', { channel });
    target.apply(message.data.hash, withoutUndefined(message.data.key));
  });
  subscriber.subscribe(channel).catch((error: unknown) => log.warn('listening for key changes failed; other replicas\' changes are seen within 5 seconds', { error: String(error) }));
}

/** The channel key changes are told on, under the gateway's Redis key prefix; `interlingua keys revoke` tells on it too (src/cli/key-change-notice.ts). */
export function keyChangeChannel(keyPrefix: string): string {
  return `${keyPrefix}key-changes`;
}

/** A key change as it is published: what `keyChangeMessage` reads. */
export function keyChangeText(hash: string, key: GatewayKey): string {
  return JSON.stringify({ hash, key });
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
