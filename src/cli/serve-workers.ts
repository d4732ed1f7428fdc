import { ignoreHangups, untilStopSignal } from './stop-signal.js';
import cluster, { type Worker } from 'node:cluster';
import { watchFile } from './config-file-watch.js';
import { isServeClusterMessage, workerIndexVariable, type ServeClusterMessage } from './serve-cluster-messages.js';
import { WorkersConfig } from './workers-config.js';
import { encodeConfig } from './worker-config-transfer.js';
import { RespawnBackoff } from './respawn-backoff.js';
import { ClusterLimitsHost, type LimitsPeer } from '../limits/cluster-limits-host.js';
import { isLimitsBatch } from '../limits/cluster-limits-protocol.js';
import { ClusterJobsHost, type JobsPeer } from '../plugins/jobs/cluster-jobs-host.js';
import { isJobsCall, isJobsCancelled } from '../plugins/jobs/cluster-jobs-protocol.js';
import { ClusterMetricsHost, isMetricsMessage, type MetricsPeer } from '../metrics/cluster-metrics.js';
import { shutdownCutGraceMs } from '../gateway/server.js';
import type { Logger } from '../gateway/logger.js';
import type { GatewayConfig } from '../config/resolved-config.js';

/**
 * The primary of `interlingua serve --workers N`, on Node's own `node:cluster`: the primary
 * accepts each connection and hands it to the workers in turn (round-robin, the default on every
 * platform but Windows: https://nodejs.org/api/cluster.html#how-it-works, "the primary process
 * listens on a port, accepts new connections and distributes them across the workers in a
 * round-robin fashion"). Chosen over SO_REUSEPORT, where each process accepts on a socket of its
 * own and the kernel spreads connections: Node's `reusePort` came after the Node 20 this package
 * supports (https://github.com/nodejs/node/pull/55408: "available only on some platforms, such as
 * Linux 3.9+"), and the processes would still need one place for what must be held once. The
 * primary is that place: key limits (src/limits/cluster-limits-host.ts), unread plugin-job
 * results and their relay to every worker's subscribers (src/plugins/jobs/cluster-jobs-host.ts),
 * the sum of every worker's metrics for a scrape (src/metrics/cluster-metrics.ts),
 * the configuration (read, checked and handed to each worker: src/cli/workers-config.ts), the
 * config-file watch and SIGHUP, shutdown, restarts.
 * The cost is one hop through the primary per new connection, not per request, with keep-alive.
 *
 * The primary runs no gateway. Workers start one after another for the first (it runs the
 * database's migrations alone), then together; a worker that dies is replaced at its index.
 */
export async function runServeWorkers(count: number, options: { config?: string }, createLogger: (config: GatewayConfig) => Logger): Promise<number> {
  const configuration = new WorkersConfig(options.config);
  const file = configuration.file;
  const logger = createLogger(configuration.current);
  const backoffs = new Map<number, RespawnBackoff>();
  const limits = new ClusterLimitsHost();
  const workers = new Map<number, Worker>();
  const peers = new Map<Worker, JobsPeer & MetricsPeer & LimitsPeer>();
  const everyPeer = () => [...workers.values()].flatMap((worker) => peers.get(worker) ?? []);
  const jobs = new ClusterJobsHost(everyPeer, logger);
  const metrics = new ClusterMetricsHost(everyPeer);
  const listening = new Set<number>();
  let stopping = false;
  let started = false;
  let failedStart: (error: Error) => void = () => {};

  /**
   * A worker that is exiting can still look connected while its end of the channel is closed. "If
   * no callback function is provided and the message cannot be sent, an 'error' event will be
   * emitted by the ChildProcess object … for instance, when the child process has already exited"
   * (https://nodejs.org/api/child_process.html#subprocesssendmessage-sendhandle-options-callback):
   * that EPIPE, unhandled on the worker, stopped the primary while SIGTERM drained two workers. A
   * message a worker can no longer take is dropped.
   */
  const sendTo = (worker: Worker, message: Parameters<Worker['send']>[0]) => {
    if (!worker.isConnected()) return;
    worker.send(message, (error) => {
      if (error !== null) logger.debug('a message to a worker was not delivered', { pid: worker.process.pid, error: error.message });
    });
  };
  const send = (worker: Worker, message: ServeClusterMessage) => sendTo(worker, message);
  const broadcast = (message: ServeClusterMessage) => {
    for (const worker of workers.values()) send(worker, message);
  };
  const forEachOther = (from: Worker, each: (worker: Worker) => void) => {
    for (const worker of workers.values()) if (worker !== from) each(worker);
  };
  const configMessage = (op: 'config' | 'reload'): ServeClusterMessage => ({ kind: 'interlingua-serve', op, config: encodeConfig(configuration.current), ...(file !== undefined ? { file } : {}) });
  const listeners = new Set<() => void>();

  const fork = (index: number) => {
    const worker = cluster.fork({ [workerIndexVariable]: String(index) });
    const bornAt = Date.now();
    workers.set(index, worker);
    const peer: JobsPeer & MetricsPeer & LimitsPeer = { send: (message) => sendTo(worker, message) };
    // Channel errors of a worker that is going away are not the primary's to die of.
    worker.on('error', (error: Error) => logger.debug('a worker channel failed', { worker: index, pid: worker.process.pid, error: error.message }));
    peers.set(worker, peer);
    const workerLimits = limits.connect(peer);
    worker.on('message', (message: unknown) => {
      if (isJobsCall(message)) return void jobs.answer(peer, message);
      if (isJobsCancelled(message)) return jobs.cancelled(message);
      if (isMetricsMessage(message)) return metrics.handle(peer, message);
      if (isLimitsBatch(message)) return void workerLimits.receive(message);
      if (!isServeClusterMessage(message)) return;
      if (message.op === 'config-wanted') return send(worker, configMessage('config'));
      // Each worker caches keys; the one a key changed through tells the others here.
      if (message.op === 'key-change') return forEachOther(worker, (other) => send(other, message));
      if (message.op !== 'listening') return;
      listening.add(index);
      // A lead that replaces one after the start prints its banner at once.
      if (index === 0 && started) send(worker, { kind: 'interlingua-serve', op: 'announce' });
      for (const listener of listeners) listener();
    });
    worker.on('exit', (code, signal) => {
      workerLimits.gone();
      listening.delete(index);
      peers.delete(worker);
      if (workers.get(index) === worker) workers.delete(index);
      if (stopping) return;
      if (!started) {
        failedStart(new Error(`worker ${index} exited before it listened (code ${code ?? 'none'}${signal ? `, signal ${signal}` : ''})`));
        return;
      }
      const backoff = backoffs.get(index) ?? new RespawnBackoff();
      backoffs.set(index, backoff);
      const delay = backoff.delayAfter(Date.now() - bornAt);
      logger.warn('worker exited; starting another in its place', { worker: index, pid: worker.process.pid, code, signal, inMs: delay });
      setTimeout(() => {
        if (!stopping) fork(index);
      }, delay).unref();
    });
    return worker;
  };

  const allListening = (wanted: number) =>
    new Promise<void>((resolve, reject) => {
      failedStart = reject;
      const check = () => {
        if (listening.size < wanted) return;
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
      check();
    });

  // One reload at a time: a SIGHUP and the file watch together read the file twice, in order.
  let reloads = Promise.resolve();
  const reload = () => {
    reloads = reloads.then(async () => {
      const outcome = await configuration.reload();
      if (!outcome.ok) return logger.error('configuration not reloaded; the running one stays', { error: outcome.error });
      // Each restart-only key that changed is named, so the operator knows what still runs on the old values.
      for (const key of outcome.restartNeeded) logger.warn(`configuration changed that applies only after a restart: ${key}`, { key });
      logger.info('reloading every worker', { workers: workers.size });
      broadcast(configMessage('reload'));
    }).catch((error: unknown) => logger.error('configuration not reloaded; the running one stays', { error: String(error) }));
  };
  // Taken before any worker starts, as a single process takes them before it listens: SIGHUP with no
  // listener ends a Node process, and once the banner is out a reload may come at any moment (taken
  // after it, a SIGHUP sent on the banner ended the primary when its turn came late on a busy machine).
  // A worker that starts after a reload asks for the configuration and gets the reloaded one.
  process.on('SIGHUP', reload);
  const watcher = file === undefined ? undefined : watchFile(file, reload);
  const stopReloading = () => {
    ignoreHangups();
    process.off('SIGHUP', reload);
    watcher?.close();
  };
  try {
    fork(0);
    await allListening(1);
    for (let index = 1; index < count; index++) fork(index);
    await allListening(count);
  } catch (error) {
    stopping = true;
    stopReloading();
    broadcast({ kind: 'interlingua-serve', op: 'shutdown' });
    for (const worker of workers.values()) worker.kill();
    throw error;
  }
  started = true;
  process.stdout.write(`interlingua: ${count} workers on one port (pids ${[...workers.values()].map((worker) => worker.process.pid).join(', ')})\n`);
  const lead = workers.get(0);
  if (lead !== undefined) send(lead, { kind: 'interlingua-serve', op: 'announce' });

  await untilStopSignal();
  stopping = true;
  stopReloading();
  // The drain time the workers run on now: a reload may have changed it since the start.
  const drainMs = configuration.current.server.drainMs;
  logger.info('shutting down every worker', { workers: workers.size, drainMs });
  await drainAll(workers, drainMs + shutdownCutGraceMs + 5_000, () => broadcast({ kind: 'interlingua-serve', op: 'shutdown' }));
  return 0;
}

/** Asks every worker to drain and waits for each to exit; one that outlives `backstopMs` is killed. */
async function drainAll(workers: Map<number, Worker>, backstopMs: number, askAll: () => void): Promise<void> {
  const exits = [...workers.values()].map((worker) => (worker.isDead() ? Promise.resolve() : new Promise<void>((resolve) => worker.once('exit', () => resolve()))));
  askAll();
  const backstop = setTimeout(() => {
    for (const worker of workers.values()) if (!worker.isDead()) worker.process.kill('SIGKILL');
  }, backstopMs);
  backstop.unref();
  await Promise.all(exits);
  clearTimeout(backstop);
}
