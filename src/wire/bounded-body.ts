import type { Readable } from 'node:stream';
import { watchDeadline } from '../core/deadline-watch.js';

/** How a bounded read ended: the whole body, or stopped at the size or time limit. */
export type BodyEnd = 'whole' | 'too-large' | 'too-slow';

export interface BoundedBody {
  /** The body, or its first `maxBytes` bytes when it was `too-large`, or what came in time when `too-slow`. */
  bytes: Buffer;
  end: BodyEnd;
}

export interface BodyLimits {
  maxBytes: number;
  /** When the read must have ended, in `Date.now()` milliseconds. */
  deadline: number;
}

const ignore = (): void => {};

/**
 * Reads a whole HTTP body within a size and a time limit, counting bytes as they come. A body
 * past either limit is not read on: the stream is destroyed (its connection is dropped rather than
 * drained), and what was read is returned with the reason. undici's own bounds do not fit here:
 * `bodyTimeout` bounds each silence, not the whole read, so a body that trickles never ends, and
 * `maxResponseSize` is an option of the whole pool (undici 6, docs/api/Client.md), so it would cut
 * long streams too. Rejects with the stream's own error when it breaks.
 */
export function readBoundedBody(body: Readable, limits: BodyLimits): Promise<BoundedBody> {
  // Destroyed before the read began (the caller left meanwhile): its events are over.
  if (body.destroyed) {
    // Its error event may still be on its way: it must find a listener.
    body.on('error', ignore);
    return Promise.reject(body.errored ?? new Error('The body closed before its end.'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      unwatch();
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
      // undici's body emits RequestAbortedError when destroyed before its end: keep a listener.
      body.on('error', ignore);
      return true;
    };
    const stop = (end: BodyEnd): void => {
      if (!settle()) return;
      body.destroy();
      resolve({ bytes: Buffer.concat(chunks, length), end });
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (length + bytes.length > limits.maxBytes) {
        const room = limits.maxBytes - length;
        if (room > 0) chunks.push(bytes.subarray(0, room));
        length = limits.maxBytes;
        stop('too-large');
        return;
      }
      chunks.push(bytes);
      length += bytes.length;
    };
    const onEnd = (): void => {
      if (settle()) resolve({ bytes: Buffer.concat(chunks, length), end: 'whole' });
    };
    const onError = (error: unknown): void => {
      if (settle()) reject(error);
    };
    const onClose = (): void => {
      if (settle()) reject(new Error('The body closed before its end.'));
    };
    // One coarse timer for every read (core/deadline-watch.ts): the deadline is noticed within its tick.
    const unwatch = watchDeadline(limits.deadline, () => stop('too-slow'));
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('close', onClose);
  });
}
