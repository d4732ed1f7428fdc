import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { GatewayConfig } from '../config/resolved-config.js';

/**
 * Who may read `GET /metrics`. Open unless `metrics.requireAuth` (or a `metrics.token`) is set,
 * as LiteLLM leaves its `/metrics` open until `require_auth_for_metrics_endpoint: true`
 * (https://docs.litellm.ai/blog/tags/fastapi, "It's not on by default"): scrapers configured
 * for an open endpoint keep working. Then the admin key or the metrics token is needed as
 * `Authorization: Bearer`, which a Prometheus scrape job sends on every scrape from its
 * `authorization: { credentials }` (type Bearer by default;
 * https://prometheus.io/docs/prometheus/latest/configuration/configuration/#scrape_config, and
 * NixOS's prometheus module: "Sets the `Authorization` header on every scrape request with the
 * configured credentials").
 * Gateway keys are not enough: the metrics cover every key's traffic.
 */
export function metricsReadAllowed(config: Pick<GatewayConfig, 'metricsAuth' | 'adminKey'>, authorization: string | undefined): boolean {
  if (config.metricsAuth === undefined) return true;
  const presented = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  if (presented === undefined) return false;
  const accepted = [config.adminKey, config.metricsAuth.token].filter((secret): secret is string => secret !== undefined);
  // Compared as digests: equal length, constant time; every secret is compared, so timing tells nothing of which matched.
  return accepted.map((secret) => timingSafeEqual(digest(presented), digest(secret))).includes(true);
}

/** A scrape without the credentials: 401 with the scheme to use, and no metrics. */
export function refuseMetricsRead(response: ServerResponse): void {
  const body = JSON.stringify({ error: { message: '/metrics needs the admin key or the metrics token as Authorization: Bearer.', type: 'authentication_error' } });
  response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="metrics"', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
