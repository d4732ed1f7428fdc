import { resolveConfig } from '../src/config/load.js';
import { silentLogger } from '../src/gateway/logger.js';
import { createGateway } from '../src/gateway/server.js';
import { runServerChild } from './child-runtime.js';

/*
 * The gateway of the soak run, configured as a team runs it: keys required, usage recorded in an
 * SQLite file, an admin key to make the caller's key, both providers against the fault-injecting
 * upstream, no retries (each fault reaches a caller and is counted). On `stop` or SIGTERM it
 * closes as the CLI does: in-flight requests get `drainMs`, then usage is written and the store closed.
 * The probe (probe.ts) runs it too, on PostgreSQL as well, and with room for thousands of streams.
 */

/** argv[2]: `{"upstreamOrigin", "databaseUrl", "adminKey", "drainMs", "maxConnections"?}`. */
export interface SoakGatewayOptions {
  upstreamOrigin: string;
  /** `sqlite:PATH` or a `postgres://` URL. */
  databaseUrl: string;
  adminKey: string;
  drainMs: number;
  /** Each provider's `maxConnections` (default 1,024): the streams it may hold open at once. */
  maxConnections?: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as SoakGatewayOptions;
const connections = options.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {};

await runServerChild(
  async () => {
    const config = resolveConfig(
      {
        server: { drainMs: options.drainMs },
        providers: {
          oa: { dialect: 'openai-chat', baseUrl: `${options.upstreamOrigin}/v1`, apiKey: 'sk-soak', ...connections },
          an: { dialect: 'anthropic', baseUrl: options.upstreamOrigin, apiKey: 'sk-ant-soak', defaultMaxTokens: 1024, ...connections },
        },
        models: {
          'soak-openai': [{ provider: 'oa', model: 'gpt-4o' }],
          'soak-anthropic': [{ provider: 'an', model: 'claude-sonnet-4-20250514' }],
        },
        retry: { attempts: 0 },
        routing: { cooldown: false },
        auth: { required: true },
        adminKey: options.adminKey,
        database: { url: options.databaseUrl },
      },
      'soak',
    );
    const gateway = createGateway(config, { logger: silentLogger });
    await gateway.openStore();
    const address = await gateway.listen(0, '127.0.0.1');
    return { port: address.port, close: () => gateway.close(options.drainMs) };
  },
  { closeTimeoutMs: options.drainMs + 10_000 },
);
