import type { ServerResponse } from 'node:http';
import type { DeploymentHealthSnapshot } from './routing/deployment-balancer.js';
import type { GatewayServices } from './services.js';
import { sendJson } from './http-io.js';
import { queryDeploymentStats } from '../usage/deployment-stats-query.js';
import { usageStore } from './usage-store.js';

/**
 * Health of every deployment the configuration names (and any reached as `provider/model`):
 * whether it is cooling down and until when (shared across replicas with Redis), and what this
 * replica sees of it (requests in flight, smoothed latency).
 */
export function deploymentHealth(services: GatewayServices): Promise<DeploymentHealthSnapshot> {
  return services.engine.balancer.snapshot(services.router.configuredDeployments());
}

/** `GET /admin/deployments`. */
export async function sendDeploymentHealth(services: GatewayServices, response: ServerResponse): Promise<void> {
  sendJson(response, 200, await deploymentHealth(services));
}

/**
 * `GET /admin/deployments/stats`: every configured deployment (and any other that had traffic)
 * with the models it serves, its numbers since `since` from the usage records, its health now,
 * the cooldowns this replica started (newest first, any age) and the last checks run on it.
 */
export async function deploymentOverview(services: GatewayServices, since: number) {
  // Added up by the database in slices (deployment-stats-query.ts): reading every record of a month held every chat request.
  const [stats, health] = await Promise.all([usageStore(services.store).then((store) => queryDeploymentStats(store, since)), deploymentHealth(services)]);
  const statsByName = new Map(stats.map((entry) => [entry.name, entry]));
  const healthByName = new Map(health.deployments.map((entry) => [entry.name, entry]));
  const models = new Map<string, string[]>();
  for (const [model, deployments] of services.config.models) {
    for (const deployment of deployments) {
      const name = `${deployment.provider}/${deployment.model}`;
      models.set(name, [...(models.get(name) ?? []), model]);
    }
  }
  const names = [...new Set([...healthByName.keys(), ...statsByName.keys()])].sort();
  return {
    since,
    data: names.map((name) => ({
      name,
      models: models.get(name) ?? [],
      health: healthByName.get(name) ?? { name, healthy: true, inFlight: 0 },
      stats: statsByName.get(name) ?? { name, attempts: 0, succeeded: 0, callerErrors: 0, upstreamFailures: 0, cancelled: 0 },
      cooldowns: services.engine.balancer.cooldowns.of(name),
      checks: services.deploymentChecks.of(name),
    })),
  };
}
