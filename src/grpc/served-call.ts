import type { GatewayKey } from '../keys/gateway-key.js';
import type { Metadata } from '@grpc/grpc-js';
import { grpcJs } from './grpc-packages.js';
import { Cancellation } from '../gateway/cancellation.js';
import { warningsHeader, warningsHeaderValue } from '../gateway/warnings-header.js';
import type { Deployment } from '../gateway/model-router.js';
import type { Warning } from '../interlingua/warning.js';

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
 * A cancellation that fires when the caller cancels the call or its deadline passes (grpc-js
 * reports both as `cancelled`), so the upstream request is aborted with it.
 */
export function callCancellation(call: { cancelled: boolean; on(event: 'cancelled', listener: () => void): unknown }): Cancellation {
  const cancellation = new Cancellation();
  if (call.cancelled) cancellation.abort();
  else call.on('cancelled', () => cancellation.abort());
  return cancellation;
}

/** Initial metadata naming the deployment that answered and what could not be carried to it, as the HTTP headers do. */
export function answerMetadata(deployment: Deployment, warnings: readonly Warning[]): Metadata {
  const metadata = new (grpcJs().Metadata)();
  metadata.set('x-interlingua-deployment', `${deployment.provider.name}/${deployment.model}`);
  const value = warningsHeaderValue(warnings);
  if (value !== undefined) metadata.set(warningsHeader, value);
  return metadata;
}
