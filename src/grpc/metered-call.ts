import type { Metadata } from '@grpc/grpc-js';
import type { GatewayServices } from '../gateway/services.js';
import { RequestMeter } from '../gateway/request-meter.js';
import { toInterlinguaError } from '../gateway/http-io.js';
import type { ChatCallOptions } from '../gateway/chat-engine.js';
import type { Cancellation } from '../gateway/cancellation.js';
import { bearerToken, type Authorize } from './served-call.js';

/**
 * A gRPC call let in as an HTTP request is: its key found, then checked for the model (allowed
 * models, budget, per-minute limits), and metered from here on, so usage, cost and metrics count
 * gRPC callers too. A refusal is recorded like any failed request.
 */
export async function admitCall(services: GatewayServices, authorize: Authorize, metadata: Metadata, caller: string, model: string, stream: boolean): Promise<RequestMeter> {
  const key = (await authorize(bearerToken(metadata))) ?? undefined;
  const meter = new RequestMeter(services, caller);
  meter.key = key;
  meter.model = model;
  meter.stream = stream;
  try {
    await services.access.admit(key, model);
  } catch (caught) {
    meter.failed(toInterlinguaError(caught));
    throw caught;
  }
  return meter;
}

/**
 * What the engine needs of an admitted call: its cancellation, its key (cached answers are the
 * key's own), and the meter's list, where each attempt's deployment and outcome are noted.
 */
export function engineOptions(meter: RequestMeter, cancellation: Cancellation): ChatCallOptions {
  return { cancellation, attempts: meter.attempts, ...(meter.key !== undefined ? { keyId: meter.key.id } : {}) };
}
