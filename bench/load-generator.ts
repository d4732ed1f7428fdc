import { Pool } from 'undici';
import { exitWithParent, sendToParent } from './child-runtime.js';
import type { LoadCommand, LoadPhase, LoadReport, LoadResult, LoadTarget, StopCommand } from './protocol.js';
import { elapsedMs, percentile } from './stats.js';

/**
 * The client side, in its own process so that its CPU never counts against the system under
 * test. A fixed number of workers share one keep-alive undici Pool per origin (the cheapest
 * client on Node); each sends a request, reads the answer to its last byte, checks it, and
 * goes again. Latency is time to last byte, on the monotonic clock.
 */

/** A phase stops early after this many failures: the figures would mean nothing anyway. */
const maxErrors = 100;
const requestTimeoutMs = 10_000;
const headers = { 'content-type': 'application/json' };
const pools = new Map<string, Pool>();

function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (pool === undefined) {
    pool = new Pool(origin, { connections: 256, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: requestTimeoutMs, bodyTimeout: requestTimeoutMs });
    pools.set(origin, pool);
  }
  return pool;
}

/**
 * Sends one request and reads it to the end; rejects unless it is a 200 holding `expect`.
 * Uses undici's `dispatch` handler API rather than `request`: no stream object and no async
 * iterator per answer, so the load side stays cheap and the system under test is what saturates.
 */
function exchange(pool: Pool, target: LoadTarget, expect: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let status = 0;
    const chunks: Buffer[] = [];
    pool.dispatch(
      { method: 'POST', path: target.path, headers: target.headers === undefined ? headers : { ...headers, ...target.headers }, body: target.body },
      {
        onConnect() {},
        onHeaders(statusCode) {
          status = statusCode;
          return true;
        },
        onData(chunk) {
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          const body = Buffer.concat(chunks);
          if (status === 200 && body.includes(expect)) resolve();
          else reject(new Error(`HTTP ${status} without ${JSON.stringify(target.expect)}: ${body.toString('utf8', 0, 400)}`));
        },
        onError: reject,
      },
    );
  });
}

async function runPhase(target: LoadTarget, phase: LoadPhase): Promise<LoadResult> {
  const pool = poolFor(target.origin);
  const expect = Buffer.from(target.expect);
  const latencies = new Float64Array(phase.maxRequests);
  const deadline = performance.now() + phase.durationMs;
  let issued = 0;
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;

  const worker = async (): Promise<void> => {
    while (issued < phase.maxRequests && errors < maxErrors && performance.now() < deadline) {
      issued++;
      const begin = process.hrtime.bigint();
      try {
        await exchange(pool, target, expect);
        latencies[completed++] = elapsedMs(begin, process.hrtime.bigint());
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };

  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: phase.concurrency }, worker));
  const result: LoadResult = {
    completed,
    errors,
    elapsedMs: elapsedMs(started, process.hrtime.bigint()),
    p50Ms: percentile(latencies, completed, 0.5),
    p99Ms: percentile(latencies, completed, 0.99),
  };
  if (firstError !== undefined) result.firstError = firstError;
  if (phase.keepSamples === true) result.samples = Array.from(latencies.subarray(0, completed));
  return result;
}

async function handle(message: LoadCommand | StopCommand): Promise<void> {
  switch (message.type) {
    case 'load':
      sendToParent({ type: 'loaded', result: await runPhase(message.target, message.phase) } satisfies LoadReport);
      return;
    case 'stop':
      await Promise.all([...pools.values()].map((pool) => pool.destroy()));
      process.exit(0);
      return;
    default: {
      const unknown: never = message;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

exitWithParent();
process.on('message', (message: LoadCommand | StopCommand) => {
  handle(message).catch((error: unknown) => {
    console.error('load generator failed:', error);
    process.exit(1);
  });
});
sendToParent({ type: 'ready', port: 0 });
