import { Redis } from 'ioredis';
import type { TestUpstream } from '../../support/test-upstream.js';
import { openaiChatReply } from '../../plugins/support/scripted-replies.js';

/** The Redis every developer machine runs (or INTERLINGUA_TEST_REDIS); tests reach it through a TcpProxy and a key prefix of their own. */
export const machineRedisUrl = process.env['INTERLINGUA_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';
export const machineRedisPort = Number(new URL(machineRedisUrl).port || 6379);

type Json = Record<string, unknown>;

/**
 * Starts one async `ping` job through a gateway's `travel` model: the upstream calls the tool,
 * then answers in words. Resolves with the job's id, read from the tool result the gateway sent
 * the model; rejects when no answer comes within `ms` (a request held by a dead Redis connection).
 */
export async function startPingJob(gatewayUrl: string, upstream: TestUpstream, conversation: string, ms = 10_000): Promise<string> {
  const before = upstream.requests.length;
  upstream.enqueue(openaiChatReply({ calls: [{ id: 'call_ping', name: 'ping', args: { addr: 'example.net' } }] }, false), openaiChatReply({ text: 'Started.' }, false));
  const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer caller', 'x-interlingua-conversation': conversation },
    body: JSON.stringify({ model: 'travel', messages: [{ role: 'user', content: 'Ping example.net' }] }),
    signal: AbortSignal.timeout(ms),
  });
  if (response.status !== 200) throw new Error(`the plugin request got ${response.status}: ${await response.text()}`);
  await response.text();
  const toolMessage = (upstream.requests[before + 1]?.body as { messages: Json[] } | undefined)?.messages.at(-1);
  const jobId = /Started as job (job_[0-9a-f]+)/.exec(String(toolMessage?.content))?.[1];
  if (jobId === undefined) throw new Error(`no job started: ${JSON.stringify(toolMessage)}`);
  return jobId;
}

/** Plugin results published on a key prefix, heard on a connection of the test's own straight to Redis. */
export class PublishedResults {
  private readonly seen = new Map<string, Json>();
  private readonly waiting = new Map<string, (result: Json) => void>();

  private constructor(private readonly redis: Redis) {
    redis.on('message', (_channel: string, text: string) => {
      const { result } = JSON.parse(text) as { result: Json };
      const job = String(result['job']);
      this.seen.set(job, result);
      this.waiting.get(job)?.(result);
    });
  }

  static async on(prefix: string): Promise<PublishedResults> {
    const redis = new Redis(machineRedisUrl);
    await redis.subscribe(`${prefix}:plugin-results`);
    return new PublishedResults(redis);
  }

  /** The job's result once published; rejects after `ms`. */
  result(jobId: string, ms: number): Promise<Json> {
    const seen = this.seen.get(jobId);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no result for ${jobId} within ${ms} ms`)), ms);
      this.waiting.set(jobId, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }

  /** Removes what the test wrote under `prefix`, and disconnects. */
  async close(prefix: string): Promise<void> {
    await this.redis.quit();
    const cleaner = new Redis(machineRedisUrl);
    const keys = await cleaner.keys(`${prefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    await cleaner.quit();
  }
}

/** Polls `check` every 50 ms until it holds; throws `message` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, message: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${message} (not within ${ms} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function healthOf(gatewayUrl: string): Promise<{ status: string; away?: Array<{ store: string }>; slow?: Array<{ store: string; latencyMs: number }> }> {
  const response = await fetch(`${gatewayUrl}/health`, { signal: AbortSignal.timeout(5_000) });
  return (await response.json()) as { status: string };
}
