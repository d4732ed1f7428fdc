/**
 * The store's tables, one schema for SQLite and PostgreSQL. JSON documents are kept as text:
 * both databases store and return it unchanged, and the gateway never queries inside it.
 * Times are Unix epoch milliseconds.
 */
export interface StoreTables {
  responses: ResponsesTable;
  gateway_keys: GatewayKeysTable;
  usage_records: UsageRecordsTable;
  key_spend_days: KeySpendDaysTable;
}

/** A key callers present to the gateway. Only its SHA-256 is kept; the key itself is shown once. */
export interface GatewayKeysTable {
  id: string;
  name: string;
  /** Hex SHA-256 of the key: keys are long random strings, so a fast hash is safe and lookups stay cheap. */
  hash: string;
  /** The key's first characters, to tell keys apart in listings. */
  prefix: string;
  /** JSON array of model names (globs allowed) the key may use; null for all. */
  models: string | null;
  rpm: number | null;
  tpm: number | null;
  /** Spend limit in US dollars over `budget_period`. */
  budget: number | null;
  budget_period: string | null;
  expires_at: number | null;
  /** JSON object, the owner's own. */
  metadata: string;
  created_at: number;
  revoked_at: number | null;
}

/** One request through the gateway: who, what, how much, how fast, how it ended. */
export interface UsageRecordsTable {
  id: string;
  created_at: number;
  key_id: string | null;
  key_name: string | null;
  model: string;
  deployment: string | null;
  caller: string;
  stream: number;
  status: number;
  error_code: string | null;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  /**
   * US dollars, from the price table. With `no_price` 1, the dollars of the request's priced parts
   * (a failed attempt at a priced deployment before an unpriced answer), 0 when none had a price.
   */
  cost: number;
  /** 1 when the model had no price: the cost is unknown, not 0. Null in rows from before it was recorded. */
  no_price: number | null;
  latency_ms: number;
  /** Milliseconds to the first streamed content; null when not streamed or nothing came. */
  ttft_ms: number | null;
  /** The `x-request-id` of the answer; null in rows from before it was recorded. */
  request_id: string | null;
  error_message: string | null;
  /** JSON array of `UsageAttempt`s (src/usage/usage-record.ts); null when none was made or before it was recorded. */
  attempts: string | null;
  /** 1 when some token counts are the gateway's estimate (UsageRecord.estimated); null otherwise. */
  usage_estimated: number | null;
}

/**
 * What each key spent a UTC day, kept beside `usage_records` as its rows are written (in the same
 * transaction: src/usage/key-spend-days.ts), so a budget period is read as a handful of day rows
 * rather than summed over every request of the key. Records without a key are not counted here.
 */
export interface KeySpendDaysTable {
  key_id: string;
  /** Epoch milliseconds of the UTC midnight the day starts at. */
  day_start: number;
  /** US dollars of the day's priced requests: the sum of their `usage_records.cost`. */
  cost: number;
  /** The day's requests without a price: the sum of their `usage_records.no_price`. */
  unpriced_requests: number;
}

/** One stored Responses-API turn: what the caller added, what the model answered, and the body it saw. */
export interface ResponsesTable {
  id: string;
  created_at: number;
  model: string;
  previous_response_id: string | null;
  /** JSON `StoredTurn`: the turn's own input and the answer, in the interlingua. */
  turn: string;
  /** JSON: the response object as the caller received it, for `GET /v1/responses/{id}`. */
  body: string;
  /** The gateway key's id, `(anonymous)` or `(unknown)`: see src/conversations/response-owner.ts. */
  owner: string;
}
