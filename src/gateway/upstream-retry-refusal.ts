/**
 * Whether an upstream's error answer says not to ask again: `x-should-retry: false`, the header the
 * Stainless SDKs (openai, @anthropic-ai/sdk) obey before the status (src/client.ts, `shouldRetry`).
 * Anthropic sends it (`x-should-retry: false` on a 400, home-assistant/core#140005), and so do
 * proxies in front of a vendor once their own retries are spent (earendil-works/pi#6586) and this
 * gateway on a quota refusal: a 429 or 5xx so marked must not turn retryable on its way through.
 */
export function upstreamRefusesRetry(headers: Record<string, string>): boolean {
  return headers['x-should-retry']?.trim().toLowerCase() === 'false';
}
