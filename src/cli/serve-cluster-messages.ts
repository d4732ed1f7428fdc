/**
 * What the primary of `interlingua serve --workers N` and its workers tell each other beside the
 * limit checks (src/limits/cluster-limits-protocol.ts): a worker says it listens; the primary
 * asks each to reload or to drain, and the first worker to print the banner once all listen.
 */
export type ServeClusterMessage = { kind: 'interlingua-serve'; op: 'listening' } | { kind: 'interlingua-serve'; op: 'reload' | 'shutdown' | 'announce' };

export function isServeClusterMessage(message: unknown): message is ServeClusterMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'interlingua-serve';
}

/** The environment variable that gives a worker its place (0 to N-1); a replacement takes the place of the one it replaces. */
export const workerIndexVariable = 'INTERLINGUA_WORKER_INDEX';
