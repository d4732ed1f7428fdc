/** One request through the gateway, as recorded for usage, cost and billing. */
export interface UsageRecord {
  id: string;
  /** Epoch milliseconds when the request arrived. */
  createdAt: number;
  keyId?: string;
  keyName?: string;
  /** The model the caller asked for. */
  model: string;
  /** `provider/model` that answered; absent when none did. */
  deployment?: string;
  /** The caller's dialect. */
  caller: string;
  stream: boolean;
  /** HTTP status the caller got (200 for a stream that began, even if it broke later). */
  status: number;
  errorCode?: string;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  /** US dollars; null when the model has no price ("no price": unknown, not free). */
  cost: number | null;
  /**
   * When `cost` is null because part of the request's tokens had no price (an answer from an
   * unpriced deployment after a failed attempt at a priced one, or the reverse): the dollars of the
   * parts that had one. Counted against the key's budget and in spend totals; the unpriced part is
   * not guessed, so the request still counts as one with no price. Absent when nothing was priced.
   */
  knownCost?: number;
  latencyMs: number;
  ttftMs?: number;
  /** The `x-request-id` the answer carried, to find the request in logs and the inspector. */
  requestId?: string;
  /** What the caller was told went wrong, when it did. */
  errorMessage?: string;
  /**
   * Every try at a deployment, in order: an answer that took a retry and a fallback is one
   * record with three attempts. Empty or absent when no deployment was tried (refused, cached).
   */
  attempts?: UsageAttempt[];
  /**
   * Some of the token counts are the gateway's estimate (src/gateway/usage-estimate.ts): the
   * upstream reported none, or the stream ended before its count came (the caller left, it broke).
   */
  estimated?: boolean;
}

/** One try of a request at one deployment, and how it ended. */
export interface UsageAttempt {
  /** `provider/model`. */
  deployment: string;
  /** 200 when it answered; otherwise the status of its failure (the upstream's own when it sent one). */
  status: number;
  /** The error code of a failed attempt (`rate_limited`, `upstream_timeout`, ...; `cancelled`, or `cancelled_unsent` when the caller left before it was sent). */
  errorCode?: string;
  /** From sending to the end of the answer, or to the failure. */
  ms: number;
}
