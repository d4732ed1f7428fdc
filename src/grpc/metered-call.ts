import type { Metadata } from '@grpc/grpc-js';
import type { GatewayServices } from '../gateway/services.js';
import { RequestMeter } from '../gateway/request-meter.js';
import { spendCeiling } from '../gateway/spend-ceiling.js';
import { furtherCallHolds } from '../gateway/grown-hold.js';
import type { ChatRequest } from '../interlingua/request.js';
import { toInterlinguaError } from '../gateway/http-io.js';
import type { ChatCallOptions } from '../gateway/chat-engine.js';
import type { Cancellation } from '../gateway/cancellation.js';
import { bearerToken, type Authorize } from './served-call.js';
import { resolveForKey } from '../gateway/resolve-for-key.js';

/** A call let in: its meter, and the request read from it. */
export interface AdmittedCall {
  meter: RequestMeter;
  request: ChatRequest;
}

/**
 * A gRPC call let in as an HTTP request is: its key found, its request read (`read`), then checked
 * for the model (allowed models, budget, per-minute limits), holding the most the request may cost
 * against the key's budget until it ends (spend-ceiling.ts), an unknown model refused offering only
 * the aliases the key may use (resolve-for-key.ts), and metered from here on, so usage,
 * cost, metrics and budget holds count gRPC callers too. A request that cannot be read, and a
 * refusal, are recorded like any failed request.
 */
export async function admitCall(services: GatewayServices, authorize: Authorize, metadata: Metadata, caller: string, model: string, stream: boolean, read: () => ChatRequest): Promise<AdmittedCall> {
  const key = (await authorize(bearerToken(metadata))) ?? undefined;
  const meter = new RequestMeter(services, caller);
  meter.key = key;
  meter.model = model;
  meter.stream = stream;
  try {
    const request = read();
    meter.request = request;
    const admitted = services.access.admit(key, model, () => spendCeiling(services, request));
    if (admitted !== undefined) meter.hold = await admitted;
    // A key limited to some models learns of no other from an unknown name's error; the engine would
    // refuse the name later with every alias offered.
    if (key?.models !== undefined) resolveForKey(services.router, model, key);
    return { meter, request };
  } catch (caught) {
    meter.failed(toInterlinguaError(caught));
    throw caught;
  }
}

/**
 * What the engine needs of an admitted call: its cancellation, its key (cached answers are the
 * key's own), the meter's list, where each attempt's deployment and outcome are noted, and the
 * meter's count of tokens an attempt used before it failed, and for a budgeted key the hold a call
 * an attempt makes of its own accord takes (as the HTTP pipeline gives it).
 */
export function engineOptions(services: GatewayServices, meter: RequestMeter, cancellation: Cancellation): ChatCallOptions {
  const key = meter.key;
  return {
    cancellation,
    attempts: meter.attempts,
    failedAttemptUsage: meter.attemptSpent,
    ...(key !== undefined ? { keyId: key.id } : {}),
    ...(key?.budget !== undefined ? { holdForFurtherCall: furtherCallHolds(services, key, meter) } : {}),
  };
}
