import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { loadCommandConfig } from './gateway-config.js';
import { createGateway, shutdownCutGraceMs, type Gateway } from '../gateway/server.js';
import { createGrpcGateway } from '../grpc/grpc-gateway.js';

export interface ServeOptions {
  config?: string;
  port?: string;
  host?: string;
}

/**
 * `interlingua serve`: loads configuration and listens. SIGHUP, or a change to the config file,
 * reloads it without dropping requests in flight; SIGINT/SIGTERM stop taking requests and let
 * those in flight finish for up to `server.drainMs` before closing.
 */
export async function runServe(options: ServeOptions): Promise<number> {
  const { config, file } = loadCommandConfig(options.config);
  const port = options.port === undefined ? config.server.port : parsePort(options.port);
  const host = options.host ?? config.server.host;
  if (config.providers.size === 0) {
    process.stderr.write(
      'interlingua: no providers configured. Write a config file (see README) or set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY.\n',
    );
  }
  const gateway = createGateway(config);
  const reload = () => reloadConfig(gateway, file);
  process.on('SIGHUP', reload);
  const watcher = file === undefined ? undefined : watchFile(file, reload);
  await gateway.openStore();
  const address = await gateway.listen(port, host);
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  process.stdout.write(`interlingua listening on http://${shownHost}:${address.port} (providers: ${[...config.providers.keys()].join(', ') || 'none'})\n`);
  if (config.onebot !== undefined) {
    const where = gateway.onebotAddress === undefined ? 'the HTTP port' : `${gateway.onebotAddress.address}:${gateway.onebotAddress.port}`;
    process.stdout.write(`interlingua OneBot 12: ${gateway.onebot.bots.length} bot(s); reverse-ws and webhook paths on ${where}\n`);
  }
  const grpcConfig = config.grpc;
  const grpc =
    grpcConfig === undefined
      ? undefined
      : createGrpcGateway(gateway.services, {
          ...(grpcConfig.defaultModel !== undefined ? { defaultModel: grpcConfig.defaultModel } : {}),
          ...(grpcConfig.tls !== undefined ? { tls: grpcConfig.tls } : {}),
        });
  if (grpc !== undefined && grpcConfig !== undefined) {
    const grpcPort = await grpc.listen(grpcConfig.port, grpcConfig.host);
    process.stdout.write(`interlingua gRPC (aihub.ChatHub, interlingua.v1.Interlingua) on ${grpcConfig.tls ? 'grpcs' : 'grpc'}://${grpcConfig.host}:${grpcPort}\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.off('SIGHUP', reload);
  watcher?.close();
  gateway.services.logger.info('shutting down', { drainMs: gateway.services.config.server.drainMs });
  const drainMs = gateway.services.config.server.drainMs;
  // The gateway cuts gRPC calls with its other work at the drain deadline; the timer is a backstop.
  await Promise.all([gateway.close(drainMs), grpc?.close(drainMs + shutdownCutGraceMs)]);
  return 0;
}

/** A configuration that does not load is reported and the running one kept. */
function reloadConfig(gateway: Gateway, file: string | undefined): void {
  const logger = gateway.services.logger;
  try {
    const next = loadCommandConfig(file).config;
    const { restartNeeded } = gateway.reload(next);
    logger.info('configuration reloaded', { providers: [...next.providers.keys()], models: [...next.models.keys()] });
    // Each restart-only key that changed is named, so the operator knows what still runs on the old values.
    for (const key of restartNeeded) logger.warn(`configuration changed that applies only after a restart: ${key}`, { key });
  } catch (error) {
    logger.error('configuration not reloaded; the running one stays', { error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Reloads after the file changes. Editors write a file in several steps (or replace it), so
 * changes are gathered for a moment, and the directory is watched so that a replaced file
 * (a Kubernetes ConfigMap swaps a symlink) is still seen.
 */
function watchFile(file: string, reload: () => void): FSWatcher | undefined {
  let timer: NodeJS.Timeout | undefined;
  const name = basename(file);
  try {
    const watcher = watch(dirname(resolve(file)), (_event, changed) => {
      if (changed !== null && changed !== name && !changed.startsWith('..')) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 200);
      timer.unref();
    });
    watcher.unref();
    return watcher;
  } catch {
    return undefined;
  }
}


function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${text}" is not a port number (0-65535)`);
  return port;
}
