import type { GatewayConfig } from '../config/resolved-config.js';

/**
 * What a configuration reload (SIGHUP, or a change to the file) changes in a running gateway,
 * section by section (src/config/schema.ts). Requests in flight, streams too, finish on the
 * configuration they started with; what a restart must apply is logged as a warning naming it.
 *
 * | Section | On reload |
 * |---|---|
 * | `providers`, `presets` | new requests use them; a `dialect: onebot` bot application at a new address (or token) is dialled there, its old connection closed once no answer waits on it |
 * | `models` (deployments, `plugins`, `maxSteps`, `routing`) | new requests; a model that gains plugins runs them from its next request |
 * | `plugins` | new turns; an MCP server whose definition changed is connected anew and its old connection closed, as is a removed one |
 * | `routing`, `retry`, `prices`, `catalog`, `adminKey`, `auth.required` | new requests (a reload warns again of deployments without a price) |
 * | keys and their limits | live in the store, not the file: the admin API and `keys` CLI change them at any time |
 * | `cache` | a new cache from the next request (entries kept in memory are dropped); `store: redis` needs `redis` from the start |
 * | `onebot.bots` | an unchanged bot keeps its connection and chat histories; a changed one reconnects (new address, path or token), a removed one stops, an added one starts |
 * | `console.captureBodies` | the inspector starts over with the new size |
 * | `images`, `logging.bodies`, `server.maxBodyBytes`, `server.drainMs`, `server.corsOrigins` | new requests (and the next shutdown) |
 * | `server.host`, `server.port`, `database`, `redis`, `grpc`, `telemetry`, `logging.level`, `onebot.listen` | a restart: listeners, connections and the logger are made once at start |
 */
export const restartOnlyKeys = ['server.host', 'server.port', 'database', 'redis', 'grpc', 'telemetry', 'logging.level', 'onebot.listen'] as const;

type RestartOnlyKey = (typeof restartOnlyKeys)[number];

function valueAt(config: GatewayConfig, key: RestartOnlyKey): unknown {
  switch (key) {
    case 'server.host':
      return config.server.host;
    case 'server.port':
      return config.server.port;
    case 'logging.level':
      return config.logging.level;
    case 'onebot.listen':
      return config.onebot?.listen;
    default:
      return config[key];
  }
}

/** The restart-only keys whose value differs between the running and the reloaded configuration. */
export function restartNeeded(running: GatewayConfig, next: GatewayConfig): string[] {
  return restartOnlyKeys.filter((key) => JSON.stringify(valueAt(running, key)) !== JSON.stringify(valueAt(next, key)));
}

/**
 * The configuration to serve from after a reload: the new one, with every restart-only key
 * kept as it runs, so that what the gateway reports (admin API, console) is what it does.
 */
export function reloadedConfig(running: GatewayConfig, next: GatewayConfig): GatewayConfig {
  const config: GatewayConfig = {
    ...next,
    server: { ...next.server, host: running.server.host, port: running.server.port },
    logging: { ...next.logging, level: running.logging.level },
  };
  for (const key of ['database', 'redis', 'grpc', 'telemetry'] as const) {
    if (running[key] === undefined) delete config[key];
    else Object.assign(config, { [key]: running[key] });
  }
  const listen = running.onebot?.listen;
  if (next.onebot !== undefined) {
    const { listen: _ignored, ...bots } = next.onebot;
    config.onebot = listen === undefined ? bots : { ...bots, listen };
  }
  return config;
}

/** Whether two sections (plain data) are equal. */
export function sameSection(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
