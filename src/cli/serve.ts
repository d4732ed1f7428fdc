import cluster from 'node:cluster';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { watchFile } from './config-file-watch.js';
import { loadCommandConfig } from './gateway-config.js';
import type { ServeOptions } from './serve-args.js';
import { listenErrorText } from './listen-error.js';
import { ignoreHangups, untilStopSignal } from './stop-signal.js';
import { serveBanner } from './serve-banner.js';
import { packageVersion } from './version.js';
import { runServeWorkers } from './serve-workers.js';
import { bannerTurn, configFromPrimary, exitOnOwnTerms, joinCluster, onReloadFromPrimary, stopOnPrimary, workerConfig, workerGatewayOptions, workerLogger, workerRole, type WorkerRole } from './serve-worker-role.js';
import { createGateway, shutdownCutGraceMs, type Gateway } from '../gateway/server.js';
import { createJsonLogger, type Logger } from '../gateway/logger.js';
import { createTextLogger } from '../gateway/text-logger.js';
import { createGrpcGateway } from '../grpc/grpc-gateway.js';
import type { GatewayConfig } from '../config/resolved-config.js';
import { tuneHeapForServing } from './serving-heap.js';
import { exitDeadline, shutdownCloseMs, shutdownLingerMs } from './exit-deadline.js';

/** `interlingua serve`: one process, or with `--workers N` a primary (src/cli/serve-workers.ts) and N workers. */
export async function runServe(options: ServeOptions): Promise<number> {
  tuneHeapForServing();
  const logger = createLogger(options.logFormat);
  if (options.workers > 1 && cluster.isPrimary) return runServeWorkers(options.workers, options, logger);
  const role = workerRole();
  if (role === undefined) return serveProcess(options, logger, role);
  // A worker's IPC channel keeps it running: it lets go once serving ends, however it ends, and
  // exits with serving's code (1 for a start that failed), not the 0 cluster gives a disconnect.
  try {
    return await serveProcess(options, logger, role);
  } finally {
    exitOnOwnTerms();
    if (process.connected) process.disconnect();
  }
}

/**
 * Loads configuration (a worker is handed its primary's) and listens. SIGHUP, or a change to
 * the config file (alone; a worker's primary reads it and hands out the result), reloads it
 * without dropping requests in flight; SIGINT/SIGTERM stop taking requests and let those in
 * flight finish for up to `server.drainMs` before closing.
 */
async function serveProcess(options: ServeOptions, logger: (config: GatewayConfig) => Logger, role: WorkerRole | undefined): Promise<number> {
  const loaded = role === undefined ? loadCommandConfig(options.config) : await configFromPrimary();
  const file = loaded.file;
  const config = workerConfig(loaded.config, role);
  const port = options.port ?? config.server.port;
  const host = options.host ?? config.server.host;
  if (config.providers.size === 0 && role?.lead !== false) {
    process.stderr.write(
      'interlingua: no providers configured. Write a config file (see README) or set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY.\n',
    );
  }
  const gateway = createGateway(config, { logger: workerLogger(logger(config), role), ...workerGatewayOptions(role) });
  joinCluster(gateway, role);
  const stopReloading = reloadOnRequest(role, file, gateway);
  let grpc: ReturnType<typeof createGrpcGateway> | undefined;
  try {
    grpc = await start(gateway, config, file, role, port, host);
  } catch (error) {
    // What the gateway opened (Redis connections, store probes, usage timers) would keep the process
    // running for ever, neither serving nor exiting: close it, so the caller's exit code ends the process
    // and a supervisor (Docker, systemd, Kubernetes) restarts it.
    stopReloading();
    await closeAfterFailedStart(gateway, grpc);
    throw error;
  }
  await untilStopSignal(role === undefined ? undefined : stopOnPrimary);
  stopReloading();
  gateway.services.logger.info('shutting down', { drainMs: gateway.services.config.server.drainMs });
  const drainMs = gateway.services.config.server.drainMs;
  const log = gateway.services.logger;
  const deadlineMs = drainMs + shutdownCutGraceMs + shutdownCloseMs;
  const cancelDeadline = exitDeadline(deadlineMs, () => {
    log.error('shutdown did not finish in time; exiting without it', { afterMs: deadlineMs });
    process.exit(1);
  });
  // The gateway cuts gRPC calls with its other work at the drain deadline; the timer is a backstop.
  await Promise.all([gateway.close(drainMs), grpc?.close(drainMs + shutdownCutGraceMs)]);
  cancelDeadline();
  exitDeadline(shutdownLingerMs, () => {
    log.warn('still running after the shutdown closed everything; exiting', { afterMs: shutdownLingerMs });
    process.exit();
  });
  return 0;
}

/**
 * Opens the store and listens (HTTP, then gRPC when configured); the gRPC gateway, once it is
 * built. A database that cannot be opened, or a port that is taken, stops the start here.
 */
async function start(gateway: Gateway, config: GatewayConfig, file: string | undefined, role: WorkerRole | undefined, port: number, host: string) {
  await gateway.openStore();
  const address = await listen(gateway, port, host);
  if (await bannerTurn(role)) process.stdout.write(serveBanner({ version: packageVersion(), ...(file !== undefined ? { file: resolve(file) } : {}), config, address, readyMs: performance.now() }));
  if (config.onebot !== undefined && role?.lead !== false) {
    const where = gateway.onebotAddress === undefined ? 'the HTTP port' : `${gateway.onebotAddress.address}:${gateway.onebotAddress.port}`;
    process.stdout.write(`interlingua OneBot 12: ${gateway.onebot.bots.length} bot(s); reverse-ws and webhook paths on ${where}\n`);
  }
  const grpcConfig = config.grpc;
  // gRPC has one port and no round-robin of its own: the lead worker serves it.
  const grpc =
    grpcConfig === undefined || role?.lead === false
      ? undefined
      : createGrpcGateway(gateway.services, {
          ...(grpcConfig.defaultModel !== undefined ? { defaultModel: grpcConfig.defaultModel } : {}),
          ...(grpcConfig.tls !== undefined ? { tls: grpcConfig.tls } : {}),
        });
  if (grpc !== undefined && grpcConfig !== undefined) {
    const grpcPort = await grpc.listen(grpcConfig.port, grpcConfig.host).catch(async (error: unknown) => {
      await grpc.close(0);
      throw error;
    });
    process.stdout.write(`interlingua gRPC (aihub.ChatHub, interlingua.v1.Interlingua) on ${grpcConfig.tls ? 'grpcs' : 'grpc'}://${grpcConfig.host}:${grpcPort}\n`);
  }
  return grpc;
}

/**
 * Closes what a start that failed had opened. Bounded as a shutdown is (exit-deadline.ts): a
 * close that hangs on a store that is away, or a handle some library left open, ends the process
 * with 1 rather than holding it.
 */
async function closeAfterFailedStart(gateway: Gateway, grpc: { close(ms: number): Promise<void> } | undefined): Promise<void> {
  const log = gateway.services.logger;
  const giveUp = (afterMs: number) => () => {
    log.error('the failed start did not close in time; exiting', { afterMs });
    process.exit(1);
  };
  const cancelDeadline = exitDeadline(shutdownCloseMs, giveUp(shutdownCloseMs));
  await Promise.all([gateway.close(0), grpc?.close(0)]).catch((error: unknown) => log.warn('closing after a failed start failed', { error: String(error) }));
  cancelDeadline();
  exitDeadline(shutdownLingerMs, giveUp(shutdownLingerMs));
}

/** Alone, SIGHUP and the config file's changes reload; a worker reloads on the configuration its primary (which watches) hands out. */
function reloadOnRequest(role: WorkerRole | undefined, file: string | undefined, gateway: Gateway): () => void {
  if (role !== undefined) {
    // The primary takes SIGHUP; one sent to the whole process group (a closed terminal) must not end a worker.
    const ignore = () => {};
    process.on('SIGHUP', ignore);
    const stop = onReloadFromPrimary((next) => reloadConfig(gateway, () => workerConfig(next, role)));
    return () => {
      stop();
      ignoreHangups();
      process.off('SIGHUP', ignore);
    };
  }
  const reload = () => reloadConfig(gateway, () => loadCommandConfig(file).config);
  process.on('SIGHUP', reload);
  const watcher = file === undefined ? undefined : watchFile(file, reload);
  return () => {
    ignoreHangups();
    process.off('SIGHUP', reload);
    watcher?.close();
  };
}

/** A configuration that does not load is reported and the running one kept. */
function reloadConfig(gateway: Gateway, load: () => GatewayConfig): void {
  const logger = gateway.services.logger;
  try {
    const next = load();
    const { restartNeeded } = gateway.reload(next);
    logger.info('configuration reloaded', { providers: [...next.providers.keys()], models: [...next.models.keys()] });
    // Each restart-only key that changed is named, so the operator knows what still runs on the old values.
    for (const key of restartNeeded) logger.warn(`configuration changed that applies only after a restart: ${key}`, { key });
  } catch (error) {
    logger.error('configuration not reloaded; the running one stays', { error: error instanceof Error ? error.message : String(error) });
  }
}

/** Listens, putting a busy or forbidden port in words an operator can act on. */
async function listen(gateway: Gateway, port: number, host: string) {
  try {
    return await gateway.listen(port, host);
  } catch (error) {
    const text = listenErrorText(error, port, host);
    if (text === undefined) throw error;
    throw new Error(text);
  }
}

/** The logger for a configuration (its level), in the format chosen on the command line. */
function createLogger(format: ServeOptions['logFormat']): (config: GatewayConfig) => Logger {
  return (config) => (format === 'text' ? createTextLogger(undefined, { level: config.logging.level }) : createJsonLogger(undefined, { level: config.logging.level }));
}
