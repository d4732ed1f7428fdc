import { InterlinguaError } from '../interlingua/error.js';
import { isStoreOutage, storeUnavailable } from '../store/store-outage.js';

/**
 * A fault in the gateway's own code during an attempt: something other than an `InterlinguaError`
 * was thrown (a bug, a stack overflow while writing a request a caller made deep). Every failure an
 * upstream causes (an error status, a broken connection, an answer it cannot use) is raised as an
 * `InterlinguaError` by the transport, so a thrown value that is none says nothing about the
 * deployment: it does not cool the deployment down for every caller, nor is it retried there. The
 * next deployment is tried, as LiteLLM's fallbacks do on any exception: the fault may lie in
 * writing this one dialect (a caller's value the Gemini writer cannot take), and another answers.
 * Where none does, the caller gets `internal`, and the cause is logged.
 */
export class GatewayFault extends InterlinguaError {
  constructor(cause: unknown) {
    super('internal', 'The gateway failed while handling this request.', { retryable: false, cause });
  }
}

/** What an attempt threw, as the error the engine decides on: an `InterlinguaError` as it is, anything else a `GatewayFault`. */
export function attemptFailure(caught: unknown): InterlinguaError {
  if (caught instanceof InterlinguaError) return caught;
  // A store that is away is no bug of the gateway's: the caller may retry (http-io.ts toInterlinguaError).
  if (isStoreOutage(caught)) return storeUnavailable(caught);
  return new GatewayFault(caught);
}
