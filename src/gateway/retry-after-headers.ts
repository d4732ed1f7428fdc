/**
 * How long a caller should wait, told two ways. `retry-after` is whole seconds (RFC 9110 §10.2.3),
 * so a wait of 232 ms can only be said as 1 s there; `retry-after-ms` says it exactly, and the
 * Stainless SDKs read it before `retry-after` (openai/openai-node src/client.ts and
 * anthropics/anthropic-sdk-typescript src/client.ts, `retryRequest`: "the `retry-after-ms` header may
 * not be standard, but is a good idea"). Other clients keep the seconds.
 */
export function retryAfterHeaders(retryAfterMs: number): { 'retry-after': string; 'retry-after-ms': string } {
  return {
    'retry-after': String(Math.ceil(retryAfterMs / 1000)),
    'retry-after-ms': String(Math.ceil(retryAfterMs)),
  };
}
