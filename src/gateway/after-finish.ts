/**
 * What an upstream's stream is owed once its answer is complete (the dialect's terminal event came):
 * nothing it does afterwards can change the answer, so the caller is not held for it, and a timeout
 * or a broken connection then is no failure of the answer. The rest of the body is still read for a
 * moment, unread, so that an upstream ending its body right behind the terminal event keeps its
 * connection in the pool (undici closes a connection whose response body was given up before its end).
 */

/** How long an upstream has, once its answer is complete, to end its body (or, for OpenAI Chat, to send `[DONE]`). */
export const afterFinishGraceMs = 500;

const ignore = (): void => {};

interface UpstreamBody {
  readonly destroyed: boolean;
  readonly readableEnded: boolean;
  destroy(): void;
  on(event: 'error', listener: () => void): unknown;
}

/**
 * Reads the rest of a finished stream's body in the background until it ends, and cuts it should it
 * neither end nor close within the grace. `chunks` is the body's own iterator, one a reader may
 * still be waiting on; `seen` gets each chunk (the console's capture of the upstream's bytes).
 */
export function drainAfterFinish<T>(body: UpstreamBody, chunks: AsyncIterator<T>, seen?: (chunk: T) => void, graceMs: number = afterFinishGraceMs): void {
  // undici's body emits RequestAbortedError when destroyed before its end: keep a listener.
  body.on('error', ignore);
  if (body.destroyed || body.readableEnded) return;
  const timer = setTimeout(() => body.destroy(), graceMs);
  timer.unref();
  void (async () => {
    try {
      for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) seen?.(next.value);
    } catch {
      // a timeout, a cut or the grace's end: the answer was complete before it
    } finally {
      clearTimeout(timer);
    }
  })();
}
