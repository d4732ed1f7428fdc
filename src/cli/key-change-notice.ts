import type { GatewayKey } from '../keys/gateway-key.js';
import { keyChangeChannel, keyChangeText } from '../keys/key-change-feed.js';
import { loadConfigSections } from '../config/load.js';
import type { CommandConfig } from './gateway-config.js';

/** How long the command waits for Redis to take its connection and its message. */
const noticeTimeoutMs = 2_000;

/** What the notice needs of the configuration's `redis` section. */
export interface NoticeRedis {
  url: string;
  keyPrefix: string;
}

/**
 * The configuration's `redis` section, read apart from `database` (gateway-config.ts reads only
 * that): a variable it names that is not set, or a section that is not valid, costs the notice,
 * never the revocation. Undefined without a file or a `redis` section.
 */
export function noticeRedis(loaded: CommandConfig, warn: (message: string) => void): NoticeRedis | undefined {
  if (loaded.file === undefined) return undefined;
  try {
    const { redis } = loadConfigSections(loaded.file, ['redis']);
    return redis === undefined ? undefined : { url: redis.url, keyPrefix: redis.keyPrefix };
  } catch (error) {
    warn(`the redis section could not be read (${(error as Error).message}); running gateways see the change within 5 seconds`);
    return undefined;
  }
}

/**
 * Tells running gateways of a key change made by `interlingua keys`, on the channel the admin API
 * tells them on (key-change-feed.ts), so each applies it at once instead of when its 5-second
 * cached lookup runs out. One connection, tried once: a command does not wait on Redis as a
 * gateway does (ioredis stops reconnecting when `retryStrategy` returns a non-number, and
 * `connect()` rejects with the connection's error: https://github.com/redis/ioredis#auto-reconnect,
 * https://github.com/redis/ioredis#connection-events). Resolves with the number of gateways that
 * heard it (PUBLISH's answer, https://redis.io/docs/latest/commands/publish/); rejects when Redis
 * could not be reached or did not answer in time.
 */
export async function publishKeyChange(redis: NoticeRedis, hash: string, key: GatewayKey): Promise<number> {
  const { Redis } = await import('ioredis');
  const connection = new Redis(redis.url, {
    lazyConnect: true,
    connectTimeout: noticeTimeoutMs,
    commandTimeout: noticeTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // Heard here so that ioredis does not print it; with reconnecting off, `connect()` rejects with
  // "Connection is closed." and the reason (ECONNREFUSED, a timeout) is only in this event.
  let reason: unknown;
  connection.on('error', (error: unknown) => void (reason = error));
  try {
    await connection.connect().catch((error: unknown) => {
      throw reason ?? error;
    });
    return await connection.publish(keyChangeChannel(redis.keyPrefix), keyChangeText(hash, key));
  } finally {
    connection.disconnect();
  }
}
