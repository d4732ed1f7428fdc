import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StoreAvailability } from '../store/store-availability.js';
import { isStoreOutage } from '../store/store-outage.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { ChatResponse } from '../interlingua/response.js';

/** An answer as cached: the response and the deployment that gave it. */
export interface CachedAnswer {
  response: ChatResponse;
  deployment: string;
}

export interface CacheStore {
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
}

/** The header that tells a caller whether its answer came from the cache. */
export const cacheHeader = 'x-interlingua-cache';

/**
 * The key of a request: a digest of everything that shapes the answer (model, system prompt,
 * messages, tools, sampling, format, reasoning, vendor fields), but not whether it is streamed:
 * a streamed and a whole answer are the same answer, so either replays the other. A `scope` (the
 * gateway key's id, under `cache.scope: key`) keeps one owner's entries apart from everyone
 * else's; its line comes before the request's JSON, which starts with `{`, so no scoped key can
 * equal an unscoped one.
 */
export function cacheKey(request: ChatRequest, scope?: string): string {
  const { stream: _stream, streamUsage: _streamUsage, ...shaping } = request;
  const hash = createHash('sha256');
  if (scope !== undefined) hash.update(`${scope}\n`);
  return hash.update(JSON.stringify(shaping)).digest('base64url');
}

/** Answers in this process, least recently used first out; `now` injected for tests. */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, { answer: CachedAnswer; expires: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): Promise<CachedAnswer | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return Promise.resolve(undefined);
    this.entries.delete(key);
    if (entry.expires <= this.now()) return Promise.resolve(undefined);
    this.entries.set(key, entry);
    return Promise.resolve(structuredClone(entry.answer));
  }

  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { answer: structuredClone(answer), expires: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    return Promise.resolve();
  }
}

/** Answers shared by every replica; Redis expires them. While Redis is away every lookup is a miss, at once. */
export class RedisCacheStore implements CacheStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly availability?: StoreAvailability,
  ) {}

  async get(key: string): Promise<CachedAnswer | undefined> {
    if (this.availability?.away === true) return undefined;
    const text = await this.redis.get(`${this.prefix}cache:${key}`).catch((error: unknown) => this.failed(error));
    if (text === undefined) return undefined;
    // Written by this class only, under the gateway's own prefix.
    return text === null ? undefined : (JSON.parse(text) as CachedAnswer);
  }

  async set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void> {
    if (this.availability?.away === true) return;
    await this.redis.set(`${this.prefix}cache:${key}`, JSON.stringify(answer), 'PX', ttlMs).catch((error: unknown) => this.failed(error));
  }

  private failed(error: unknown): undefined {
    if (!isStoreOutage(error)) throw error;
    this.availability?.failed(error);
    return undefined;
  }
}
