import { performance } from 'node:perf_hooks';

/**
 * How the probe follows one request from its caller to the holding upstream: a mark in the
 * request's text, which every dialect carries upstream, and a clock both processes read alike.
 */
export const markPattern = /probe-mark-[0-9a-z-]+/;

export const probeMark = (name: string, index: number) => `probe-mark-${name}-${index}`;

/** Wall-clock milliseconds with sub-millisecond precision, comparable between processes. */
export const wallClockMs = () => performance.timeOrigin + performance.now();
