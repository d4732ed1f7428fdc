import type { UsageRecord } from './usage-record.js';
import { attemptOutcome } from './usage-attempts.js';

/** How one deployment did over a period, from the attempts the usage records list. */
export interface DeploymentStats {
  /** `provider/model`. */
  name: string;
  attempts: number;
  succeeded: number;
  /** 4xx other than 429: the request was wrong, not the upstream. */
  callerErrors: number;
  /** 429, 5xx, timeouts, lost connections. */
  upstreamFailures: number;
  /** Attempts the caller abandoned. */
  cancelled: number;
  /** Of the attempts that answered: a timeout's wait says nothing of how fast the upstream is. */
  latencyP50Ms?: number;
  latencyP95Ms?: number;
  /** Time to first token of the streams this deployment answered. */
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  /** Epoch milliseconds of the newest attempt. */
  lastAttemptAt?: number;
}

/**
 * Per-deployment traffic, failures by whose fault, and latency percentiles. A record from before
 * attempts were recorded counts as one attempt at the deployment it names.
 */
export function deploymentStats(records: readonly UsageRecord[]): DeploymentStats[] {
  const byName = new Map<string, { stats: DeploymentStats; latencies: number[]; ttfts: number[] }>();
  const entry = (name: string) => {
    let found = byName.get(name);
    if (found === undefined) {
      found = { stats: { name, attempts: 0, succeeded: 0, callerErrors: 0, upstreamFailures: 0, cancelled: 0 }, latencies: [], ttfts: [] };
      byName.set(name, found);
    }
    return found;
  };
  for (const record of records) {
    const attempts = record.attempts ?? (record.deployment === undefined ? [] : [{ deployment: record.deployment, status: record.status, ms: record.latencyMs }]);
    for (const attempt of attempts) {
      const found = entry(attempt.deployment);
      const { stats } = found;
      stats.attempts += 1;
      stats.lastAttemptAt = Math.max(stats.lastAttemptAt ?? 0, record.createdAt);
      const outcome = attemptOutcome(attempt.status);
      switch (outcome) {
        case 'ok':
          stats.succeeded += 1;
          found.latencies.push(attempt.ms);
          break;
        case 'caller-error':
          stats.callerErrors += 1;
          break;
        case 'upstream-failure':
          stats.upstreamFailures += 1;
          break;
        case 'cancelled':
          stats.cancelled += 1;
          break;
        default: {
          const unhandled: never = outcome;
          throw new Error(`unhandled outcome ${String(unhandled)}`);
        }
      }
    }
    if (record.ttftMs !== undefined && record.deployment !== undefined) entry(record.deployment).ttfts.push(record.ttftMs);
  }
  return [...byName.values()]
    .map(({ stats, latencies, ttfts }) => ({
      ...stats,
      ...percentiles('latency', latencies),
      ...percentiles('ttft', ttfts),
    }))
    .sort((left, right) => left.name.localeCompare(right.name));
}

/** Nearest-rank percentiles, absent without samples. */
function percentiles(prefix: 'latency' | 'ttft', samples: number[]): Partial<DeploymentStats> {
  if (samples.length === 0) return {};
  const sorted = samples.slice().sort((left, right) => left - right);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
  return prefix === 'latency' ? { latencyP50Ms: at(0.5), latencyP95Ms: at(0.95) } : { ttftP50Ms: at(0.5), ttftP95Ms: at(0.95) };
}
