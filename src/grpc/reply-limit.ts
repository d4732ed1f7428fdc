import { InterlinguaError } from '../interlingua/error.js';

/**
 * An answer too large for one reply message. The gateway sends no message over `server.maxBodyBytes`
 * (`grpc.max_send_message_length`, grpc-server-options.ts), so one such answer fails as a gateway
 * error, recorded in usage and carrying its code in the trailers, rather than as grpc-js's own bare
 * refusal, which the service would take for a caller that went away. `request_too_large` is the one
 * code of the error table that means a size limit (RESOURCE_EXHAUSTED, not retried: the same request
 * would meet the same limit).
 */
export function replyTooLarge(limitBytes: number): InterlinguaError {
  return new InterlinguaError(
    'request_too_large',
    `The answer is larger than the largest message the gateway sends (${limitBytes} bytes, server.maxBodyBytes); ask for a shorter answer.`,
  );
}
