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
 * | `server.host`, `server.port`, the server's connection limits and timeouts, its realtime limits, `database` (and its `spillFile`), `redis` (and its `spillFile`), `grpc`, `telemetry`, `logging.level`, `onebot.listen` | a restart: listeners, connections and the logger are made once at start |
 */
const restartOnlyServerKeys = [
  'host',
  'port',
  'maxConnections',
  'keepAliveTimeoutMs',
  'requestTimeoutMs',
  'headersTimeoutMs',
] as const satisfies ReadonlyArray<keyof GatewayConfig['server']>;

/** `server.realtime`, as the file names its keys. */
const restartOnlyRealtimeKeys = {
  maxRealtimeSubscriptions: 'maxSubscriptions',
  maxRealtimeSubscriptionsPerKey: 'maxSubscriptionsPerKey',
  realtimePingIntervalMs: 'pingIntervalMs',
} as const satisfies Record<string, keyof GatewayConfig['server']['realtime']>;

export const restartOnlyKeys = [
  ...restartOnlyServerKeys.map((key) => `server.${key}` as const),
  ...(Object.keys(restartOnlyRealtimeKeys) as Array<keyof typeof restartOnlyRealtimeKeys>).map((key) => `server.${key}` as const),
  'database',
  'redis',
  'grpc',
  'telemetry',
  'logging.level',
  'onebot.listen',
] as const;

type RestartOnlyKey = (typeof restartOnlyKeys)[number];

function valueAt(config: GatewayConfig, key: RestartOnlyKey): unknown {
  switch (key) {
    case 'logging.level':
      return config.logging.level;
    case 'onebot.listen':
      return config.onebot?.listen;
    // The spill files are read from these sections and kept beside them.
    case 'database':
      return [config.database, config.usageSpillFile];
    case 'redis':
      return [config.redis, config.jobSpillFile];
    case 'grpc':
    case 'telemetry':
      return config[key];
    default: {
      const name = key.slice('server.'.length);
      if (name in restartOnlyRealtimeKeys) return config.server.realtime[restartOnlyRealtimeKeys[name as keyof typeof restartOnlyRealtimeKeys]];
      return config.server[name as (typeof restartOnlyServerKeys)[number]];
    }
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
  const server = { ...next.server, realtime: running.server.realtime };
  for (const key of restartOnlyServerKeys) Object.assign(server, { [key]: running.server[key] });
  const config: GatewayConfig = { ...next, server, logging: { ...next.logging, level: running.logging.level } };
  for (const key of ['database', 'redis', 'grpc', 'telemetry', 'usageSpillFile', 'jobSpillFile'] as const) {
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
