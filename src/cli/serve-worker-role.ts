import cluster from 'node:cluster';
import type { Gateway, GatewayOptions } from '../gateway/server.js';
import type { Logger } from '../gateway/logger.js';
import type { GatewayConfig } from '../config/resolved-config.js';
import { ClusterLimiter, type LimitsChannel } from '../limits/cluster-limiter.js';
import { clusterExposition } from '../metrics/cluster-metrics.js';
import { clusterJobBackend } from '../plugins/jobs/cluster-job-backend.js';
import { isServeClusterMessage, workerIndexVariable, type ServeClusterMessage } from './serve-cluster-messages.js';
import { decodeConfig } from './worker-config-transfer.js';
import type { SiblingKeyChanges } from '../keys/key-change-feed.js';

/** This process's part in `serve --workers N`; absent when it serves alone. */
export interface WorkerRole {
  index: number;
  /** The first worker runs what must run once: OneBot links it dials, the gRPC port, the banner. */
  lead: boolean;
}

/** Response header naming the worker that answered, so an operator (or a test) sees the spread. */
export const workerHeader = 'x-interlingua-worker';

export function workerRole(): WorkerRole | undefined {
  if (!cluster.isWorker) return undefined;
  const index = Number(process.env[workerIndexVariable] ?? '0');
  return { index, lead: index === 0 };
}

/**
 * A worker's limits and plugin-job results live in the primary; only the lead worker dials OneBot
 * implementations; a key changed through one worker is told to the others through the primary.
 */
export function workerGatewayOptions(role: WorkerRole | undefined): GatewayOptions {
  if (role === undefined) return {};
  const channel = {
    send: (message: unknown) => process.connected && process.send?.(message),
    on: (event: 'message', listener: (message: unknown) => void) => process.on(event, listener),
    off: (event: 'message', listener: (message: unknown) => void) => process.off(event, listener),
  };
  // The limiter learns that its primary is gone (the channel closed, or a message to it cannot go)
  // and fails its questions at once, rather than holding requests for answers that cannot come.
  const limitsChannel: LimitsChannel = {
    send: (message) => {
      if (!process.connected || process.send === undefined) throw new Error('the channel to the primary is closed');
      return process.send(message);
    },
    on: (event, listener) => process.on(event, listener),
    off: (event, listener) => process.off(event, listener),
  };
  const siblingKeyChanges: SiblingKeyChanges = {
    tell: (text) => tellPrimary({ kind: 'interlingua-serve', op: 'key-change', text }),
    listen: (heard) => void onPrimary('key-change', (message) => message.op === 'key-change' && heard(message.text)),
  };
  return { localLimiter: () => new ClusterLimiter(limitsChannel), localJobs: clusterJobBackend(channel), dialsOnebot: role.lead, siblingKeyChanges };
}

/**
 * Each worker spills usage records (while the database is away) and waiting plugin jobs (while
 * Redis is) to files of its own, so no two processes write and read back one file; the lead
 * keeps the configured names, so what a single process spilled before is taken up by it.
 */
export function workerConfig(config: GatewayConfig, role: WorkerRole | undefined): GatewayConfig {
  if (role === undefined || role.lead) return config;
  return {
    ...config,
    ...(config.usageSpillFile !== undefined ? { usageSpillFile: `${config.usageSpillFile}.worker-${role.index}` } : {}),
    ...(config.jobSpillFile !== undefined ? { jobSpillFile: `${config.jobSpillFile}.worker-${role.index}` } : {}),
  };
}

/** Every log line of a worker names it (`worker: N`), so the lines of N processes on one stream can be told apart. */
export function workerLogger(logger: Logger, role: WorkerRole | undefined): Logger {
  if (role === undefined) return logger;
  const worker = role.index;
  const tagged = (inner: Logger): Logger => ({
    debug: (message, fields) => inner.debug(message, { worker, ...fields }),
    info: (message, fields) => inner.info(message, { worker, ...fields }),
    warn: (message, fields) => inner.warn(message, { worker, ...fields }),
    error: (message, fields) => inner.error(message, { worker, ...fields }),
    ...(inner.forRequest !== undefined ? { forRequest: (requestId: string) => tagged((inner.forRequest as (id: string) => Logger)(requestId)) } : {}),
  });
  return tagged(logger);
}

/** Tags every answer with the worker's index; `/metrics` answers for every worker together. */
export function joinCluster(gateway: Gateway, role: WorkerRole | undefined): void {
  if (role === undefined) return;
  const metrics = gateway.services.metrics;
  if (metrics !== undefined) metrics.useExposition(clusterExposition(metrics.registry, { send: (message) => process.connected && process.send?.(message), on: (event, listener) => process.on(event, listener) }));
  const index = String(role.index);
  gateway.server.prependListener('request', (_request, response) => response.setHeader(workerHeader, index));
}

/** Calls `handle` for each of the primary's messages of that kind; returns the unsubscribe. */
export function onPrimary(op: ServeClusterMessage['op'], handle: (message: ServeClusterMessage) => void): () => void {
  const listener = (message: unknown) => {
    if (isServeClusterMessage(message) && message.op === op) handle(message);
  };
  process.on('message', listener);
  return () => process.off('message', listener);
}

export function tellPrimary(message: ServeClusterMessage): void {
  if (process.connected) process.send?.(message);
}

/**
 * The configuration a worker starts on: the primary's running one, asked for rather than read
 * from the file, so a replacement runs what its siblings run (src/cli/workers-config.ts). Asked,
 * not waited for: a message sent before this listener existed would be lost.
 */
export function configFromPrimary(): Promise<{ config: GatewayConfig; file?: string }> {
  return new Promise((resolve) => {
    const stop = onPrimary('config', (message) => {
      if (message.op !== 'config') return;
      stop();
      resolve({ config: decodeConfig(message.config), ...(message.file !== undefined ? { file: message.file } : {}) });
    });
    tellPrimary({ kind: 'interlingua-serve', op: 'config-wanted' });
  });
}

/** Calls `reload` with each configuration the primary hands out on a reload; returns the unsubscribe. */
export function onReloadFromPrimary(reload: (config: GatewayConfig) => void): () => void {
  return onPrimary('reload', (message) => {
    if (message.op === 'reload') reload(decodeConfig(message.config));
  });
}

/** Resolves when this worker may print the banner: at once alone, once every worker listens for the lead, never for the others. */
export function bannerTurn(role: WorkerRole | undefined): Promise<boolean> {
  if (role === undefined) return Promise.resolve(true);
  tellPrimary({ kind: 'interlingua-serve', op: 'listening' });
  if (!role.lead) return Promise.resolve(false);
  return new Promise((resolve) => {
    const stop = onPrimary('announce', () => {
      stop();
      resolve(true);
    });
  });
}

/**
 * A worker drains when its primary asks, or when the primary is gone (the IPC channel closes:
 * a primary killed outright). Node's cluster ends a worker at once on a disconnect it did not
 * ask for: "Workers will call `process.exit(0)` if the 'disconnect' event occurs on `process`
 * and `.exitedAfterDisconnect` is not `true`. This protects against accidental disconnection"
 * (https://nodejs.org/docs/latest-v20.x/api/cluster.html#workerprocess; the listener is
 * `_setupWorker` in lib/internal/cluster/child.js of github.com/nodejs/node, and
 * test/parallel/test-cluster-worker-forced-exit.js tests it). That exit cut every stream in
 * flight and lost the usage records not yet written. A listener put before cluster's (a
 * documented EventEmitter call) sets the documented flag first, so cluster lets the worker be,
 * and the worker drains as on SIGTERM and then exits; the primary's listening socket died with
 * it, so no new connection reaches the worker meanwhile.
 */
export function stopOnPrimary(stop: () => void): void {
  onPrimary('shutdown', stop);
  process.prependOnceListener('disconnect', () => {
    exitOnOwnTerms();
    stop();
  });
}

/**
 * Tells cluster this worker ends itself once its channel closes (the flag above), so it exits
 * with its own code: a worker whose start failed exits 1, and its primary sees the failure,
 * rather than the 0 cluster's `process.exit(0)` gave it.
 */
export function exitOnOwnTerms(): void {
  if (cluster.worker !== undefined) cluster.worker.exitedAfterDisconnect = true;
}
