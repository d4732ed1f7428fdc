import { loadCommandConfig } from './gateway-config.js';
import { reloadedConfig, restartNeeded } from '../gateway/config-reload.js';
import type { GatewayConfig } from '../config/resolved-config.js';

/** What a reload of the primary's configuration came to. */
export type WorkersReload = { ok: true; config: GatewayConfig; restartNeeded: string[] } | { ok: false; error: string };

/**
 * The configuration of `serve --workers N`, held by the primary: it reads the file, once at the
 * start and again on each reload, and hands the result to every worker (first start, replacement,
 * reload). A worker reading the file itself ran whatever the file said when it started: after a
 * reload that kept a restart-only key (`server.port`, `database`), a replacement listened on the
 * new port or wrote to the new database, and with a broken file every replacement failed.
 */
export class WorkersConfig {
  private running: GatewayConfig;
  readonly file: string | undefined;

  constructor(path: string | undefined) {
    const loaded = loadCommandConfig(path);
    this.running = loaded.config;
    this.file = loaded.file;
  }

  /** The configuration the workers run on now. */
  get current(): GatewayConfig {
    return this.running;
  }

  /**
   * Reads the file again. A file that does not load, or names a provider whose dialect cannot be
   * built (a broken chat template), changes nothing; otherwise the new configuration runs with
   * every restart-only key kept as it runs (src/gateway/config-reload.ts), and those that
   * changed are named.
   */
  async reload(): Promise<WorkersReload> {
    try {
      const next = loadCommandConfig(this.file).config;
      await buildDialects(next);
      const changed = restartNeeded(this.running, next);
      this.running = reloadedConfig(this.running, next);
      return { ok: true, config: this.running, restartNeeded: changed };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** Builds each HTTP provider's dialect as a worker's reload does first, so what the primary accepts every worker can run. */
async function buildDialects(config: GatewayConfig): Promise<void> {
  // Loaded on the first reload only: the primary runs no gateway.
  const [{ isHttpProvider }, { upstreamDialect }] = await Promise.all([import('../gateway/upstream-dialects.js'), import('../dialects/registry.js')]);
  for (const provider of config.providers.values()) if (isHttpProvider(provider)) upstreamDialect(provider);
}
