import type { ChildReport, HeldRequestsCommand, MemoryCommand, MemoryReport, ProbeCommand, StopCommand } from './protocol.js';

/** A server started in a benchmark child. */
export interface ChildService {
  port: number;
  /** Headers every caller must send it (a gateway key). */
  callerHeaders?: Record<string, string>;
  close(): Promise<void>;
}

export interface ServerChildOptions {
  /** How long the server may take to close on `stop` or SIGTERM. */
  closeTimeoutMs?: number;
  /** Answers `held-requests` (a child that keeps track of the requests it holds). */
  heldRequests?: (command: HeldRequestsCommand) => ChildReport;
}

/** How long a child waits for its server to close before it exits anyway. */
const closeTimeoutMs = 3_000;
const rssSampleIntervalMs = 50;

/** Sends to the orchestrator; children are always forked with an IPC channel. */
export function sendToParent(message: ChildReport): void {
  if (process.send === undefined) throw new Error('bench children must be started by bench/run.js (no IPC channel)');
  process.send(message);
}

/**
 * Exits when the orchestrator goes away, so an aborted or crashed run never leaves a
 * process behind holding a port or a core.
 */
export function exitWithParent(): void {
  process.on('disconnect', () => process.exit(1));
}

/**
 * Runs a server child: reports `ready` with its port, measures its own CPU (process-wide:
 * every thread, GC included) and samples its RSS between `measure-start` and `measure-end`,
 * and closes then exits on `stop`. Exiting normally (not by a signal) lets `node --cpu-prof`
 * write its profile. The process serves the whole run, so the lifetime `maxRSS` would mix
 * scenarios: the peak is sampled per window instead. SIGTERM closes it as `stop` does, as a
 * real deployment's SIGTERM would (the probe sends it mid-load).
 */
export async function runServerChild(start: () => Promise<ChildService>, options: ServerChildOptions = {}): Promise<void> {
  exitWithParent();
  const service = await start();
  let cpuAtStart = process.cpuUsage();
  let wallAtStart = process.hrtime.bigint();
  let peakRss = 0;
  let sampler: NodeJS.Timeout | undefined;
  const sampleRss = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  };

  process.once('SIGTERM', () => void closeAndExit(service, options.closeTimeoutMs ?? closeTimeoutMs));
  process.on('message', (message: ProbeCommand | MemoryCommand | StopCommand | HeldRequestsCommand) => {
    switch (message.type) {
      case 'memory':
        sendToParent(memoryUsed(message.collectGarbage));
        return;
      case 'measure-start':
        peakRss = 0;
        sampleRss();
        clearInterval(sampler);
        sampler = setInterval(sampleRss, rssSampleIntervalMs);
        cpuAtStart = process.cpuUsage();
        wallAtStart = process.hrtime.bigint();
        sendToParent({ type: 'measure-started' });
        return;
      case 'measure-end': {
        const cpu = process.cpuUsage(cpuAtStart);
        const wallMicros = Number(process.hrtime.bigint() - wallAtStart) / 1e3;
        clearInterval(sampler);
        sampleRss();
        sendToParent({ type: 'measured', cpuMicros: cpu.user + cpu.system, wallMicros, peakRssBytes: peakRss });
        return;
      }
      case 'held-requests':
        if (options.heldRequests === undefined) throw new Error('this child holds no requests');
        sendToParent(options.heldRequests(message));
        return;
      case 'stop':
        void closeAndExit(service, options.closeTimeoutMs ?? closeTimeoutMs);
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  });
  sendToParent({ type: 'ready', port: service.port, ...(service.callerHeaders !== undefined ? { callerHeaders: service.callerHeaders } : {}) });
}

/**
 * RSS and heap now; a forced collection first when asked (twice: the first one's finalizers can
 * free more), so that garbage not yet collected is not taken for memory kept.
 */
function memoryUsed(collectGarbage: boolean): MemoryReport {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collectGarbage && collect !== undefined) {
    collect();
    collect();
  }
  const usage = process.memoryUsage();
  return { type: 'memory-used', rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, collected: collectGarbage && collect !== undefined };
}

async function closeAndExit(service: ChildService, timeoutMs: number): Promise<void> {
  const timer = setTimeout(() => process.exit(0), timeoutMs);
  try {
    await service.close();
  } finally {
    clearTimeout(timer);
    process.exit(0);
  }
}
