import { EventEmitter } from 'node:events';
import { ClusterLimiter } from '../../../src/limits/cluster-limiter.js';
import type { ClusterLimitsHost, LimitsConnection } from '../../../src/limits/cluster-limits-host.js';
import type { LimitsBatch } from '../../../src/limits/cluster-limits-protocol.js';

/** A worker joined to the primary's `host` by an in-memory stand-in for the cluster IPC channel. */
export interface TestWorker {
  limiter: ClusterLimiter;
  /** Every batch the worker sent. */
  sent: LimitsBatch[];
  /** The primary's end of this worker: `gone()` is the worker's exit. */
  connection: LimitsConnection;
  /** From now on the worker hears nothing and says nothing, as a process that hangs or is being killed. */
  mute(): void;
}

/**
 * Both directions deliver asynchronously and in order (each message a later turn of the event
 * loop), as the IPC pipe does.
 */
export function workerOn(host: ClusterLimitsHost, clock: () => number = Date.now): TestWorker {
  const inbox = new EventEmitter();
  const sent: LimitsBatch[] = [];
  let muted = false;
  const connection = host.connect({ send: (message) => setImmediate(() => muted || inbox.emit('message', message)) });
  const limiter = new ClusterLimiter(
    {
      send: (message: LimitsBatch) => {
        if (muted) return;
        sent.push(message);
        setImmediate(() => void connection.receive(message));
      },
      on: (event, listener) => inbox.on(event, listener),
      off: (event, listener) => inbox.off(event, listener),
    },
    clock,
  );
  return { limiter, sent, connection, mute: () => (muted = true) };
}

/** Lets every message under way arrive and be answered. */
export async function settle(turns = 20): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
}
