import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { watchFile } from './config-file-watch.js';
import { loadCommandConfig } from './gateway-config.js';
import { parseCommandArgs, UsageError } from './command-args.js';
import { helpTexts } from './help-texts.js';
import { untilStopSignal } from './stop-signal.js';
import { serveBanner } from './serve-banner.js';
import { packageVersion } from './version.js';
import { runServeWorkers } from './serve-workers.js';
import { bannerTurn, joinCluster, onPrimary, stopOnPrimary, workerConfig, workerGatewayOptions, workerLogger, workerRole, type WorkerRole } from './serve-worker-role.js';
import { createGateway, shutdownCutGraceMs, type Gateway } from '../gateway/server.js';
import { createJsonLogger, type Logger } from '../gateway/logger.js';
import { createTextLogger } from '../gateway/text-logger.js';
import { createGrpcGateway } from '../grpc/grpc-gateway.js';
import type { GatewayConfig } from '../config/resolved-config.js';

export interface ServeOptions {
  config?: string;
  port?: string;
  host?: string;
  /** `text` or `json`; by default text when standard error is a terminal. */
  logFormat?: string;
  /** A number of processes sharing the port, or `auto` (one per core); one by default. */
  workers?: string;
}

/** `interlingua serve [options]`: its arguments, then `runServe`. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values, help } = parseCommandArgs('serve', args, {
    config: { type: 'string', short: 'c' },
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    'log-format': { type: 'string' },
    workers: { type: 'string', short: 'w' },
  });
  if (help) {
    process.stdout.write(helpTexts.serve);
    return 0;
  }
  const { 'log-format': logFormat, ...rest } = values;
  return runServe({ ...rest, ...(logFormat !== undefined ? { logFormat } : {}) });
}

/** `interlingua serve`: one process, or with `--workers N` a primary (src/cli/serve-workers.ts) and N workers. */
export async function runServe(options: ServeOptions): Promise<number> {
  const started = performance.now();
  const logger = createLogger(options.logFormat);
  const workers = workerCount(options.workers);
  if (workers > 1 && cluster.isPrimary) return runServeWorkers(workers, options, logger);
  const role = workerRole();
  if (role === undefined) return serveProcess(options, logger, role, started);
  // A worker's IPC channel keeps it running: it lets go once serving ends, however it ends.
  try {
    return await serveProcess(options, logger, role, started);
  } finally {
    if (process.connected) process.disconnect();
  }
}

/**
 * Loads configuration and listens. SIGHUP, or a change to the config file (alone; a worker's
 * primary says when), reloads it without dropping requests in flight; SIGINT/SIGTERM stop taking
 * requests and let those in flight finish for up to `server.drainMs` before closing.
 */
async function serveProcess(options: ServeOptions, logger: (config: GatewayConfig) => Logger, role: WorkerRole | undefined, started: number): Promise<number> {
  const loaded = loadCommandConfig(options.config);
  const file = loaded.file;
  const config = workerConfig(loaded.config, role);
  const port = options.port === undefined ? config.server.port : parsePort(options.port);
  const host = options.host ?? config.server.host;
  if (config.providers.size === 0 && role?.lead !== false) {
    process.stderr.write(
      'interlingua: no providers configured. Write a config file (see README) or set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY.\n',
    );
  }
  const gateway = createGateway(config, { logger: workerLogger(logger(config), role), ...workerGatewayOptions(role) });
  joinCluster(gateway, role);
  const stopReloading = reloadOnRequest(role, file, () => reloadConfig(gateway, file));
  await gateway.openStore();
  const address = await listen(gateway, port, host);
  if (await bannerTurn(role)) process.stdout.write(serveBanner({ version: packageVersion(), ...(file !== undefined ? { file: resolve(file) } : {}), config, address, readyMs: performance.now() - started }));
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
    const grpcPort = await grpc.listen(grpcConfig.port, grpcConfig.host);
    process.stdout.write(`interlingua gRPC (aihub.ChatHub, interlingua.v1.Interlingua) on ${grpcConfig.tls ? 'grpcs' : 'grpc'}://${grpcConfig.host}:${grpcPort}\n`);
  }
  await untilStopSignal(role === undefined ? undefined : stopOnPrimary);
  stopReloading();
  gateway.services.logger.info('shutting down', { drainMs: gateway.services.config.server.drainMs });
  const drainMs = gateway.services.config.server.drainMs;
  // The gateway cuts gRPC calls with its other work at the drain deadline; the timer is a backstop.
  await Promise.all([gateway.close(drainMs), grpc?.close(drainMs + shutdownCutGraceMs)]);
  return 0;
}

/** Alone, SIGHUP and the config file's changes reload; a worker reloads when its primary (which watches) says. */
function reloadOnRequest(role: WorkerRole | undefined, file: string | undefined, reload: () => void): () => void {
  if (role !== undefined) {
    // The primary takes SIGHUP; one sent to the whole process group (a closed terminal) must not end a worker.
    const ignore = () => {};
    process.on('SIGHUP', ignore);
    const stop = onPrimary('reload', reload);
    return () => {
      stop();
      process.off('SIGHUP', ignore);
    };
  }
  process.on('SIGHUP', reload);
  const watcher = file === undefined ? undefined : watchFile(file, reload);
  return () => {
    process.off('SIGHUP', reload);
    watcher?.close();
  };
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

/** Listens, putting a busy or forbidden port in words an operator can act on. */
async function listen(gateway: Gateway, port: number, host: string) {
  try {
    return await gateway.listen(port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(`port ${port} on ${host} is already in use; stop what runs there, or choose another port with --port N (or server.port in the configuration)`);
    }
    if (code === 'EACCES') throw new Error(`not allowed to listen on port ${port} on ${host}; ports below 1024 need privileges: choose another with --port N`);
    if (code === 'EADDRNOTAVAIL') throw new Error(`cannot listen on ${host}: this machine has no such address (check --host or server.host)`);
    throw error;
  }
}

/** Text lines in a terminal, JSON lines otherwise (log collectors read those), unless `--log-format` says. */
function createLogger(format: string | undefined): (config: GatewayConfig) => Logger {
  const chosen = format ?? (process.stderr.isTTY ? 'text' : 'json');
  if (chosen !== 'text' && chosen !== 'json') throw new UsageError(`serve: --log-format is text or json, not "${format}"`, 'serve');
  return (config) => (chosen === 'text' ? createTextLogger(undefined, { level: config.logging.level }) : createJsonLogger(undefined, { level: config.logging.level }));
}

/** `--workers N` or `auto` (one per core the process may use); 1 when not given. */
function workerCount(text: string | undefined): number {
  if (text === undefined) return 1;
  if (text === 'auto') return availableParallelism();
  const count = Number(text);
  if (text.trim() === '' || !Number.isInteger(count) || count < 1) throw new UsageError(`serve: --workers is a number of processes (1 or more) or auto, not "${text}"`, 'serve');
  return count;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`serve: --port is a port number from 0 to 65535, not "${text}"`, 'serve');
  return port;
}
