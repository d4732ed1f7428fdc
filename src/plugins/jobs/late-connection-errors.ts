import type { EventEmitter } from 'node:events';
import type { Logger } from '../../gateway/logger.js';

/**
 * Keeps an error that one of BullMQ's connections emits after its close from ending the process.
 * A connection reports a failed setup by emitting 'error' (bullmq RedisConnection's constructor:
 * `initializing.catch(err => this.emit('error', err))`), and its close removes every listener. A
 * setup still pending when the gateway shuts down with Redis away (a command queued for a server
 * that is gone) fails once the close has cut its client, after those listeners went; an 'error'
 * with no listener throws, there as an unhandled rejection, and the process exited with code 1
 * in about one such shutdown in six on a busy machine. The emitter's own `emit` is wrapped so
 * that an error no listener is left to hear is logged instead.
 */
export function logLateErrors(connection: EventEmitter | undefined, what: string, logger: Logger): void {
  if (connection === undefined) return;
  const emit = connection.emit.bind(connection);
  connection.emit = (event: string | symbol, ...values: unknown[]): boolean => {
    if (event !== 'error' || connection.listenerCount('error') > 0) return emit(event, ...values);
    logger.debug('plugin job queue: a Redis connection failed after it was closed', { connection: what, error: String(values[0]) });
    return false;
  };
}
