import type { status as GrpcStatus, StatusObject } from '@grpc/grpc-js';
import { grpcJs } from './grpc-packages.js';
import { InterlinguaError, type ErrorCode } from '../interlingua/error.js';

/**
 * The gRPC status for each gateway error code (https://grpc.github.io/grpc/core/md_doc_statuscodes.html):
 * a rate limit and an oversized request are RESOURCE_EXHAUSTED, an upstream that fails or cannot be
 * reached is UNAVAILABLE (a status gRPC clients retry), and a gateway fault is INTERNAL.
 */
export function grpcStatusFor(code: ErrorCode): GrpcStatus {
  const { status } = grpcJs();
  switch (code) {
    case 'invalid_request':
    case 'context_length_exceeded':
      return status.INVALID_ARGUMENT;
    case 'authentication':
      return status.UNAUTHENTICATED;
    case 'permission':
      return status.PERMISSION_DENIED;
    case 'not_found':
      return status.NOT_FOUND;
    case 'request_too_large':
    case 'rate_limited':
      return status.RESOURCE_EXHAUSTED;
    case 'internal':
      return status.INTERNAL;
    case 'upstream_error':
    case 'upstream_unreachable':
    case 'stream_interrupted':
    case 'overloaded':
    case 'store_unavailable':
      return status.UNAVAILABLE;
    case 'upstream_timeout':
      return status.DEADLINE_EXCEEDED;
    default: {
      const unhandled: never = code;
      throw new Error(`no gRPC status for ${String(unhandled)}`);
    }
  }
}

/** Trailing metadata keys that keep what a gRPC status cannot say. */
export const errorCodeKey = 'x-interlingua-error-code';
export const retryAfterKey = 'retry-after-ms';
/**
 * Server pushback (gRFC A6, "Pushback": https://github.com/grpc/proposal/blob/master/A6-client-retries.md#pushback):
 * the milliseconds a client's retry policy waits before its next attempt instead of its own
 * backoff; a negative value asks it not to retry at all; absent, the policy's backoff applies.
 * grpc-js reads it in `RetryingCall.getPushback` (node_modules/@grpc/grpc-js/build/src/retrying-call.js),
 * as the other gRPC libraries do; `retry-after-ms` is kept for clients that read it themselves.
 */
export const retryPushbackKey = 'grpc-retry-pushback-ms';

/** A gateway error as the status a server call ends with; the gateway's code travels in the trailers. */
export function statusForError(error: InterlinguaError): Partial<StatusObject> {
  const metadata = new (grpcJs().Metadata)();
  metadata.set(errorCodeKey, error.code);
  if (error.retryAfterMs !== undefined) metadata.set(retryAfterKey, String(error.retryAfterMs));
  const pushback = retryPushback(error);
  if (pushback !== undefined) metadata.set(retryPushbackKey, pushback);
  return { code: grpcStatusFor(error.code), details: error.message, metadata };
}

/** A6 caps the value at a signed 32-bit integer. */
const maxPushbackMs = 2 ** 31 - 1;

/**
 * The pushback for an error: its `retryAfterMs` when it has one (a rate limit's wait, which a key's
 * per-minute limit gives though the gateway itself does not retry it); "-1", do not retry, for a
 * caller's error that is not retryable (a bad or over-size request, a refused key, a spent budget),
 * which a later attempt would meet alike, so a policy that retries RESOURCE_EXHAUSTED for rate limits
 * does not resend an over-size request; none otherwise (a server or upstream fault, which a later
 * attempt may escape even where the gateway did not retry it), leaving the client's own backoff.
 */
function retryPushback(error: InterlinguaError): string | undefined {
  if (error.retryAfterMs !== undefined) return String(Math.min(maxPushbackMs, Math.max(0, Math.ceil(error.retryAfterMs))));
  return !error.retryable && error.status < 500 ? '-1' : undefined;
}

/** A failed upstream call's status → the gateway error it means; only transient statuses are retried. */
export function errorFromStatus(code: GrpcStatus, details: string, where: string): InterlinguaError {
  const { status } = grpcJs();
  const message = `${where}: ${details || status[code] || 'gRPC error'}`;
  switch (code) {
    case status.INVALID_ARGUMENT:
    case status.OUT_OF_RANGE:
    case status.FAILED_PRECONDITION:
      return new InterlinguaError('invalid_request', message, { vendorType: status[code] });
    case status.UNAUTHENTICATED:
      return new InterlinguaError('authentication', message, { vendorType: status[code] });
    case status.PERMISSION_DENIED:
      return new InterlinguaError('permission', message, { vendorType: status[code] });
    case status.NOT_FOUND:
    case status.UNIMPLEMENTED:
      return new InterlinguaError('not_found', message, { vendorType: status[code] });
    case status.RESOURCE_EXHAUSTED:
      return new InterlinguaError('rate_limited', message, { vendorType: status[code] });
    case status.DEADLINE_EXCEEDED:
      return new InterlinguaError('upstream_timeout', message, { vendorType: status[code] });
    case status.UNAVAILABLE:
      return new InterlinguaError('upstream_unreachable', message, { vendorType: status[code] });
    default:
      return new InterlinguaError('upstream_error', message, { vendorType: status[code] ?? String(code) });
  }
}
