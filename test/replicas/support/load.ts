import { Pool } from 'undici';

export interface LoadOutcome {
  statuses: Map<number, number>;
  /** Requests that got no HTTP answer at all (refused connection, reset). */
  unanswered: number;
}

/** Sends `count` identical POSTs with at most `concurrency` in flight, counting statuses. */
export async function sendLoad(url: string, path: string, body: unknown, count: number, concurrency: number, headers: (index: number) => Record<string, string> = () => ({})): Promise<LoadOutcome> {
  const pool = new Pool(url, { connections: concurrency });
  const outcome: LoadOutcome = { statuses: new Map(), unanswered: 0 };
  const payload = JSON.stringify(body);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      try {
        const response = await pool.request({ method: 'POST', path, headers: { 'content-type': 'application/json', ...headers(index) }, body: payload });
        await response.body.text();
        outcome.statuses.set(response.statusCode, (outcome.statuses.get(response.statusCode) ?? 0) + 1);
      } catch {
        outcome.unanswered++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await pool.close();
  return outcome;
}

/** Load that runs until stopped: `concurrency` callers, each sending its next request as soon as the last is answered. */
export interface SteadyLoad {
  /** Answers so far, by status. */
  readonly statuses: Map<number, number>;
  stop(): Promise<LoadOutcome & { slowestMs: number }>;
}

export function steadyLoad(url: string, path: string, body: unknown, concurrency: number, headers: () => Record<string, string> = () => ({})): SteadyLoad {
  const pool = new Pool(url, { connections: concurrency });
  const outcome: LoadOutcome = { statuses: new Map(), unanswered: 0 };
  const payload = JSON.stringify(body);
  let running = true;
  let slowestMs = 0;
  const worker = async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await pool.request({ method: 'POST', path, headers: { 'content-type': 'application/json', ...headers() }, body: payload });
        await response.body.text();
        outcome.statuses.set(response.statusCode, (outcome.statuses.get(response.statusCode) ?? 0) + 1);
      } catch {
        outcome.unanswered++;
      }
      slowestMs = Math.max(slowestMs, performance.now() - started);
    }
  };
  const workers = Promise.all(Array.from({ length: concurrency }, worker));
  return {
    statuses: outcome.statuses,
    async stop() {
      running = false;
      await workers;
      await pool.close();
      return { ...outcome, slowestMs };
    },
  };
}
