/**
 * What the primary of `interlingua serve --workers N` and its workers tell each other beside the
 * limit checks (src/limits/cluster-limits-protocol.ts): a worker asks for its configuration and
 * says it listens; the primary hands each worker the configuration it runs on (at its start and
 * on every reload: workers never read the file), asks each to drain, and the first worker to
 * print the banner once all listen.
 */
export type ServeClusterMessage =
  | { kind: 'interlingua-serve'; op: 'listening' | 'config-wanted' }
  | { kind: 'interlingua-serve'; op: 'shutdown' | 'announce' }
  | KeyChangeRelay
  | ConfigMessage;

/** A key change made through one worker, passed by the primary to every other (src/keys/key-change-feed.ts, SiblingKeyChanges). */
export interface KeyChangeRelay {
  kind: 'interlingua-serve';
  op: 'key-change';
  text: string;
}

/** The primary's running configuration (src/cli/worker-config-transfer.ts encodes it), at a worker's start or on a reload. */
export interface ConfigMessage {
  kind: 'interlingua-serve';
  op: 'config' | 'reload';
  config: string;
  /** The file it was read from, for the banner. */
  file?: string;
}

export function isServeClusterMessage(message: unknown): message is ServeClusterMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'interlingua-serve';
}

/** The environment variable that gives a worker its place (0 to N-1); a replacement takes the place of the one it replaces. */
export const workerIndexVariable = 'INTERLINGUA_WORKER_INDEX';
