import { BenchChild } from './processes.js';
import { createKey, usageByStatus } from './gateway-admin.js';
import type { SoakGatewayOptions } from './soak-gateway.js';
import { runSoakLoad, soakRequests, type SoakOutcomes } from './soak-load.js';

/**
 * Whether a SIGTERM loses usage records: mixed load (every dialect, streamed and whole) on a
 * gateway that records usage, in front of the fault upstream (slow and cut answers among them),
 * SIGTERM halfway through the requests. Every request the gateway answered, completely or cut at
 * the drain deadline, must have its record in the store once the process has exited.
 */

export interface SigtermFigures {
  store: string;
  outcomes: SoakOutcomes;
  records: Map<number, number>;
  answered: number;
  recorded: number;
  exit: string;
}

const adminKey = `probe-admin-${Date.now()}-key`;
/** Short, so that the slow answers of the fault upstream are still running at the deadline and get cut. */
const drainMs = 300;
const loadTimeoutMs = 180_000;

const sum = (counts: Iterable<number>) => [...counts].reduce((total, count) => total + count, 0);

export async function probeSigterm(store: string, databaseUrl: string, requests: number, concurrency: number): Promise<SigtermFigures> {
  const upstream = await BenchChild.start('fault upstream', './fault-upstream.js', []);
  try {
    const options: SoakGatewayOptions = { upstreamOrigin: `http://127.0.0.1:${upstream.port}`, databaseUrl, adminKey, drainMs };
    const gateway = await BenchChild.start(`gateway (${store})`, './soak-gateway.js', [JSON.stringify(options)]);
    try {
      const origin = `http://127.0.0.1:${gateway.port}`;
      const key = await createKey(origin, adminKey, 'probe');
      const halfway = Math.floor(requests / 2);
      const outcomes = await runSoakLoad({
        origin,
        requests: soakRequests(key),
        concurrency,
        deadline: Date.now() + loadTimeoutMs,
        maxRequests: requests,
        disconnectEvery: Number.MAX_SAFE_INTEGER,
        beforeSend: (index) => {
          if (index === halfway) gateway.signal('SIGTERM');
        },
      });
      await gateway.exited(drainMs + 20_000);
      const records = await usageByStatus(databaseUrl);
      return { store, outcomes, records, answered: sum(outcomes.byStatus.values()), recorded: sum(records.values()), exit: gateway.exitDescription };
    } finally {
      await gateway.stop();
    }
  } finally {
    await upstream.stop();
  }
}
