import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StoreAvailability } from '../../store/store-availability.js';
import { isStoreOutage } from '../../store/store-outage.js';
import type { PluginJobResult } from './plugin-job.js';
import { KeptResults } from './kept-results.js';
import { leaseSeconds, noResults, unreadResultSeconds, type LeasedResults, type ResultInbox } from './result-inbox.js';

/**
 * Leases the waiting results unless another turn holds them: the lease is a marker that expires
 * by itself, so a replica that dies mid-turn holds them back only until then.
 * KEYS: unread list, lease marker. ARGV: lease id, lease ms.
 */
const leaseScript = `
if redis.call('EXISTS', KEYS[2]) == 1 then return {} end
local unread = redis.call('LRANGE', KEYS[1], 0, -1)
if #unread > 0 then redis.call('SET', KEYS[2], ARGV[1], 'PX', tonumber(ARGV[2])) end
return unread
`;

/**
 * Removes the delivered jobs' results and ends the lease if it is still this turn's. Results are
 * matched by job id, so those added while the turn ran stay.
 * KEYS: unread list, lease marker. ARGV: lease id, then the delivered job ids.
 */
const settleScript = `
if #ARGV > 1 then
  local delivered = {}
  for index = 2, #ARGV do delivered[ARGV[index]] = true end
  for _, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
    local ok, result = pcall(cjson.decode, entry)
    if ok and type(result) == 'table' and delivered[result.job] then redis.call('LREM', KEYS[1], 1, entry) end
  end
end
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 0
`;

type ScriptedRedis = Redis & {
  ilLeaseResults(unread: string, marker: string, lease: string, ms: number): Promise<string[]>;
  ilSettleResults(unread: string, marker: string, lease: string, ...delivered: string[]): Promise<number>;
};

/**
 * Unread results in Redis, shared by every replica with the same key prefix.
 *
 * A turn reads them on `commands`, a fail-fast connection: a request never waits for Redis. A
 * job writes its result on `resultWriter`, which the gateway opens with `waitingOptions`
 * (redis-job-backend.ts), so the write waits for Redis.
 * Written on the fail-fast one, a result was lost after an outage: BullMQ's own connections came
 * back first, its worker ran the job while the shared connection was still waiting to reconnect
 * (its backoff reaches 2 s), the write failed at once ("Stream isn't writeable and
 * enableOfflineQueue options is false", node_modules/ioredis/built/Redis.js `sendCommand`), and
 * BullMQ failed the job, whose one attempt was spent (https://docs.bullmq.io/guide/retrying-failing-jobs).
 * The replica that wrote a result also keeps it until a turn took it, and writes it again should
 * Redis restart empty meanwhile (kept-results.ts).
 */
export class RedisResultInbox implements ResultInbox {
  private readonly scripted: ScriptedRedis;
  /** This replica's results, written again should Redis restart empty before a turn takes them. */
  private readonly kept: KeptResults;

  constructor(
    commands: Redis,
    private readonly prefix: string,
    private readonly availability: StoreAvailability,
    private readonly resultWriter: Redis = commands,
  ) {
    commands.defineCommand('ilLeaseResults', { numberOfKeys: 2, lua: leaseScript });
    commands.defineCommand('ilSettleResults', { numberOfKeys: 2, lua: settleScript });
    this.scripted = commands as ScriptedRedis;
    this.kept = new KeptResults(commands, this.generationKey(), () => !availability.away, (key, entry, generation) => this.write(key, entry, generation));
  }

  /** Waits for Redis when it is away: a finished job's result is kept, not failed. */
  async add(scope: string, result: PluginJobResult): Promise<void> {
    const key = this.key(scope);
    const entry = JSON.stringify(result);
    this.kept.keep(result.job, key, entry, await this.write(key, entry, KeptResults.newGeneration()));
  }

  /** While Redis is away none, and they stay for a later turn. */
  async lease(scope: string): Promise<LeasedResults> {
    if (this.availability.away) return noResults;
    const lease = randomUUID();
    let listed: string[];
    try {
      listed = await this.scripted.ilLeaseResults(this.key(scope), this.leaseKey(scope), lease, leaseSeconds * 1000);
    } catch (error) {
      if (!isStoreOutage(error)) throw error;
      this.availability.failed(error);
      return noResults;
    }
    return listed.length === 0 ? noResults : { lease, results: listed.map((text) => JSON.parse(String(text)) as PluginJobResult) };
  }

  async settle(scope: string, lease: string, delivered: readonly string[]): Promise<void> {
    if (lease === '') return;
    await this.scripted.ilSettleResults(this.key(scope), this.leaseKey(scope), lease, ...delivered);
  }

  /** The results waiting for a conversation; while Redis is away none, and they stay for a later turn. */
  async take(scope: string): Promise<PluginJobResult[]> {
    if (this.availability.away) return [];
    const key = this.key(scope);
    let replies;
    try {
      replies = await this.scripted.multi().lrange(key, 0, -1).del(key).exec();
    } catch (error) {
      if (!isStoreOutage(error)) throw error;
      this.availability.failed(error);
      return [];
    }
    const listed = replies?.[0]?.[1];
    return Array.isArray(listed) ? listed.map((text) => JSON.parse(String(text)) as PluginJobResult) : [];
  }

  async close(): Promise<void> {
    this.kept.close();
  }

  /** Writes one result and returns the generation of Redis's data it went into (kept-results.ts). */
  private async write(key: string, entry: string, generation: string): Promise<string> {
    const generationKey = this.generationKey();
    const replies = await this.resultWriter.multi().rpush(key, entry).expire(key, unreadResultSeconds).set(generationKey, generation, 'NX').get(generationKey).exec();
    return String(replies?.[3]?.[1]);
  }

  private key(scope: string): string {
    return `${this.prefix}:plugin-inbox:${scope}`;
  }

  private generationKey(): string {
    return `${this.prefix}:plugin-inbox-generation`;
  }

  private leaseKey(scope: string): string {
    return `${this.prefix}:plugin-inbox-lease:${scope}`;
  }
}
