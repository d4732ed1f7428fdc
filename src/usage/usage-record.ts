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
  latencyMs: number;
  ttftMs?: number;
}
