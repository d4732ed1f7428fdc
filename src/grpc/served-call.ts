import type { GatewayKey } from '../keys/gateway-key.js';
import type { Metadata, StatusObject } from '@grpc/grpc-js';
import { grpcJs } from './grpc-packages.js';
import { Cancellation } from '../gateway/cancellation.js';
import { warningsHeader, warningsHeaderValue } from '../gateway/warnings-header.js';
import type { Deployment } from '../gateway/model-router.js';
import type { Warning } from '../interlingua/warning.js';
import { InterlinguaError } from '../interlingua/error.js';
import type { RequestMeter } from '../gateway/request-meter.js';
import { errorCodeKey } from './status-codes.js';

/**
 * Checks a caller's bearer token; throws an `InterlinguaError` (`authentication`, `permission`)
 * to refuse. A gateway key it returns has its limits applied and its usage recorded.
 */
export type Authorize = (token: string | undefined) => Promise<GatewayKey | undefined | void>;

/** The one value of a metadata key, or undefined when absent or empty. */
export function metadataValue(metadata: Metadata, key: string): string | undefined {
  const value = metadata.get(key)[0];
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : value.toString('utf8');
  return text === '' ? undefined : text;
}

/** The token of `authorization: Bearer <token>` metadata, as gRPC clients send call credentials. */
export function bearerToken(metadata: Metadata): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(metadataValue(metadata, 'authorization') ?? '');
  return match?.[1]?.trim();
}

/**
 * How soon before its deadline a call that ends counts as ended by it. grpc-js ends the call when the
 * `grpc-timeout` it was given runs out (server-interceptors.js `handleTimeoutHeader`), but the client
 * cancels at the same deadline (its own timer, then RST_STREAM), and that may arrive first by the
 * difference of the two directions' delays; either way the deadline is what ended the call.
 */
const deadlineMarginMs = 100;

/** A call's cancellation, which also tells whether the call's deadline is what ended it. */
export class CallCancellation extends Cancellation {
  /** The call ended at its deadline (`grpc-timeout`) rather than by its caller's cancel. */
  deadlinePassed = false;
}

/**
 * A cancellation that fires when the caller cancels the call or its deadline passes (grpc-js
 * reports both as `cancelled`), so the upstream request is aborted with it.
 */
export function callCancellation(call: { cancelled: boolean; on(event: 'cancelled', listener: () => void): unknown; getDeadline(): Date | number }): CallCancellation {
  const cancellation = new CallCancellation();
  const cancel = () => {
    if (cancellation.aborted) return;
    cancellation.deadlinePassed = Date.now() >= deadlineMs(call.getDeadline()) - deadlineMarginMs;
    cancellation.abort();
  };
  if (call.cancelled) cancel();
  else call.on('cancelled', cancel);
  return cancellation;
}

function deadlineMs(deadline: Date | number): number {
  return deadline instanceof Date ? deadline.getTime() : deadline;
}

/**
 * Records a call cut short: by its caller or a shutdown as `abandoned` (499 `cancelled`,
 * `shutdown`); by its deadline with the same 499 (the caller stopped waiting, and is charged
 * as one that left) but the error code of a timeout, `upstream_timeout`, the code gRPC's
 * DEADLINE_EXCEEDED maps to in status-codes.ts, so that a usage listing tells a deadline from a cancel.
 */
export function recordCutShort(meter: RequestMeter | undefined, deployment: Deployment | undefined, cancellation: CallCancellation): void {
  if (meter === undefined) return;
  if (cancellation.reason === 'caller' && cancellation.deadlinePassed) meter.failed(deadlinePassed(), deployment);
  else meter.abandoned(deployment, cancellation.reason);
}

/**
 * Ends a call with UNAVAILABLE when a shutdown cuts it at the drain deadline, the status gRPC gives
 * "server shutting down" (https://grpc.github.io/grpc/core/md_doc_statuscodes.html), which clients
 * may retry elsewhere. It is sent at the cut itself, before the server resets what remains
 * (grpc-gateway.ts); without it the client saw its stream reset, CANCELLED, as if it had cancelled.
 * The trailers carry the code the usage record gets (`shutdown`, request-meter.ts `abandoned`).
 */
export function endAtShutdown(cancellation: Cancellation, end: (status: Partial<StatusObject>) => void): void {
  cancellation.once('abort', () => {
    if (cancellation.reason !== 'shutdown') return;
    const metadata = new (grpcJs().Metadata)();
    metadata.set(errorCodeKey, 'shutdown');
    end({ code: grpcJs().status.UNAVAILABLE, details: 'The gateway is shutting down; retry the call.', metadata });
  });
}

function deadlinePassed(): InterlinguaError {
  return new InterlinguaError('upstream_timeout', "The call's deadline (grpc-timeout) passed before its answer was done.", { status: 499 });
}

/** Initial metadata naming the deployment that answered and what could not be carried to it, as the HTTP headers do. */
export function answerMetadata(deployment: Deployment, warnings: readonly Warning[]): Metadata {
  const metadata = new (grpcJs().Metadata)();
  metadata.set('x-interlingua-deployment', `${deployment.provider.name}/${deployment.model}`);
  const value = warningsHeaderValue(warnings);
  if (value !== undefined) metadata.set(warningsHeader, value);
  return metadata;
}
