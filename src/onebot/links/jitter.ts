/**
 * A reconnection delay spread over its upper half ("equal jitter",
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/): links that dropped
 * together (the implementation restarted) are not all dialled again at the same instant, and the
 * wait still grows with each failure, never below half the backoff.
 */
export function withJitter(delayMs: number, random: () => number = Math.random): number {
  return Math.round(delayMs / 2 + random() * (delayMs / 2));
}
