import type { Admission } from './limiter.js';

/**
 * The messages a worker and the primary of `interlingua serve --workers N` exchange over the
 * cluster's IPC channel so that one set of counters (the primary's) holds each key's limits.
 * Every message is tagged, so the channel can carry other kinds beside these.
 */
export type LimitsRequest =
  | { kind: 'interlingua-limits'; id: number; op: 'admit-request'; keyId: string; rpm: number }
  | { kind: 'interlingua-limits'; id: number; op: 'admit-tokens'; keyId: string; tpm: number }
  | { kind: 'interlingua-limits'; id: number; op: 'add-tokens'; keyId: string; tokens: number }
  /** The period's dollars when the primary knows them; `seed` is what the worker read from the store. */
  | { kind: 'interlingua-limits'; id: number; op: 'spent'; keyId: string; periodStart: number; seed?: number }
  | { kind: 'interlingua-limits'; id: number; op: 'add-spend'; keyId: string; periodStart: number; dollars: number };

export type LimitsReply =
  | { kind: 'interlingua-limits-reply'; id: number; op: 'admission'; admission: Admission }
  | { kind: 'interlingua-limits-reply'; id: number; op: 'spent'; dollars: number | null }
  | { kind: 'interlingua-limits-reply'; id: number; op: 'done' };

/**
 * The questions a worker asked within one turn of its event loop travel as one message, and
 * their answers as one: under load this is one pipe write and one wake-up of the primary for
 * many requests, not one per request.
 */
export interface LimitsBatch {
  kind: 'interlingua-limits-batch';
  requests: LimitsRequest[];
}

export interface LimitsReplies {
  kind: 'interlingua-limits-replies';
  replies: LimitsReply[];
}

export function isLimitsBatch(message: unknown): message is LimitsBatch {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'interlingua-limits-batch';
}

export function isLimitsReplies(message: unknown): message is LimitsReplies {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'interlingua-limits-replies';
}
