import { InterlinguaError, type ErrorCode } from '../../interlingua/error.js';

/** Failures whose cause is the model's upstream, not the gateway: a warning to the operator, not an error. */
const upstreamCodes = new Set<ErrorCode>(['upstream_error', 'upstream_unreachable', 'stream_interrupted', 'overloaded', 'upstream_timeout', 'rate_limited', 'context_length_exceeded']);

/** Whether a failed turn was the upstream's doing (logged as a warning) rather than a fault of the gateway (an error). */
export function causedUpstream(error: unknown): boolean {
  return error instanceof InterlinguaError && (error.upstream !== undefined || upstreamCodes.has(error.code));
}

/**
 * What the chat is told when its answer fails: a few words, so a member is not left waiting or
 * reading a cut answer as a whole one. Never the error's own message, which may name an
 * upstream's address or quote its body: those are for the log.
 */
export function failureNotice(error: unknown, saidSomething: boolean): string {
  if (saidSomething) return '(The answer was cut off.)';
  const code = error instanceof InterlinguaError ? error.code : undefined;
  switch (code) {
    case 'rate_limited':
    case 'overloaded':
      return '(No answer: the model is busy. Please try again in a moment.)';
    case 'upstream_timeout':
      return '(No answer: the model took too long.)';
    case 'context_length_exceeded':
      return '(No answer: this conversation is too long for the model.)';
    default:
      return '(No answer: the model failed to respond.)';
  }
}
