/**
 * The IPC messages between the orchestrator (`run.ts`) and its child processes. Each process
 * of the benchmark runs alone so that the CPU the system under test reports is its own.
 */

/** What every child sends once it listens (the load generator reports port 0). */
export interface ReadyMessage {
  type: 'ready';
  port: number;
  /** Headers every caller of this server sends (the gateway's key), when it asks for any. */
  callerHeaders?: Record<string, string>;
}

/** Orchestrator → system under test: open or close a measured window. */
export type ProbeCommand = { type: 'measure-start' } | { type: 'measure-end' };

/** System under test → orchestrator. */
export type ProbeReport =
  | { type: 'measure-started' }
  | {
      type: 'measured';
      /** User + system CPU of the whole process (all threads, GC included) over the window. */
      cpuMicros: number;
      wallMicros: number;
      /** Highest RSS sampled every 50 ms over the window. */
      peakRssBytes: number;
    };

/**
 * Orchestrator → any server child: how much memory it holds now. With `collectGarbage` (and the
 * child started with `--expose-gc`), the heap is collected first, so what remains is what is kept.
 */
export interface MemoryCommand {
  type: 'memory';
  collectGarbage: boolean;
}

export interface MemoryReport {
  type: 'memory-used';
  rssBytes: number;
  heapUsedBytes: number;
  /** False when a collection was asked for but `--expose-gc` was not given. */
  collected: boolean;
}

/** A request the load generator repeats; bodies are strings so they travel as JSON over IPC. */
export interface LoadTarget {
  origin: string;
  path: string;
  body: string;
  /** A substring every answer must contain, e.g. `data: [DONE]` for an OpenAI stream. */
  expect: string;
  /** Sent beside `content-type` (a gateway key's `authorization`). */
  headers?: Record<string, string>;
}

/** One bounded phase: stops at `durationMs` or `maxRequests`, whichever comes first. */
export interface LoadPhase {
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** Return every latency, so that rounds can be merged before taking percentiles. */
  keepSamples?: boolean;
}

export interface LoadCommand {
  type: 'load';
  target: LoadTarget;
  phase: LoadPhase;
}

export interface LoadResult {
  completed: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Latencies in ms, when the phase asked for them. */
  samples?: number[];
}

export interface LoadReport {
  type: 'loaded';
  result: LoadResult;
}

/** Orchestrator → any child: close and exit (so `--cpu-prof` gets to write its profile). */
export interface StopCommand {
  type: 'stop';
}

/** Orchestrator → holding upstream: what became of the requests it holds (by the caller's mark). */
export interface HeldRequestsCommand {
  type: 'held-requests';
}

/** A request the holding upstream received; times are wall-clock ms (`performance.timeOrigin + now()`). */
export interface HeldRequest {
  mark: string;
  stream: boolean;
  arrivedAt: number;
  /** When the first frame of a streamed answer had been handed to the socket. */
  firstFrameAt?: number;
  /** When the upstream saw the connection close under the unfinished answer. */
  closedAt?: number;
}

export interface HeldRequestsReport {
  type: 'held-requests';
  requests: HeldRequest[];
}

/** Everything the orchestrator sends, and everything a child answers. */
export type OrchestratorCommand = ProbeCommand | MemoryCommand | LoadCommand | StopCommand | HeldRequestsCommand;
export type ChildReport = ReadyMessage | ProbeReport | MemoryReport | LoadReport | HeldRequestsReport;
