import type { PluginJobResult } from './plugin-job.js';

/**
 * What the workers of `interlingua serve --workers N` (without Redis) and their primary exchange
 * so that in-process plugin jobs behave as in one process: a job runs in the worker that started
 * it, its result waits in the primary for the conversation's next turn on any worker, reaches the
 * sockets subscribed on every worker, and a cancel reaches the worker running the job.
 */
export type JobsCall = { kind: 'interlingua-jobs'; id: number } & (
  | { op: 'inbox-add'; scope: string; result: PluginJobResult }
  | { op: 'inbox-take'; scope: string }
  | { op: 'inbox-lease'; scope: string }
  | { op: 'inbox-settle'; scope: string; lease: string; delivered: string[] }
  | { op: 'publish'; scope: string; result: PluginJobResult }
  /** Asked after the asking worker found no such job of its own. */
  | { op: 'cancel'; jobId: string; scope: string }
);

export interface JobsAnswer {
  kind: 'interlingua-jobs-answer';
  id: number;
  results?: PluginJobResult[];
  /** The lease an `inbox-lease` holds (see `ResultInbox`). */
  lease?: string;
  cancelled?: boolean;
}

/** From the primary, unasked: a result for this worker's subscribers, or a cancel to try here. */
export type JobsNotice =
  | { kind: 'interlingua-jobs-notice'; op: 'deliver'; scope: string; result: PluginJobResult }
  | { kind: 'interlingua-jobs-notice'; op: 'cancel'; askId: number; jobId: string; scope: string };

/** A worker's answer to a cancel notice. */
export interface JobsCancelled {
  kind: 'interlingua-jobs-cancelled';
  askId: number;
  cancelled: boolean;
}

function tagged<T>(kind: string): (message: unknown) => message is T {
  return (message: unknown): message is T => typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === kind;
}

export const isJobsCall = tagged<JobsCall>('interlingua-jobs');
export const isJobsAnswer = tagged<JobsAnswer>('interlingua-jobs-answer');
export const isJobsNotice = tagged<JobsNotice>('interlingua-jobs-notice');
export const isJobsCancelled = tagged<JobsCancelled>('interlingua-jobs-cancelled');

/** A process's end of the IPC channel (`process` in a worker). */
export interface JobsChannel {
  send(message: JobsCall | JobsCancelled): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}
