/**
 * The gateway's one error table: code → HTTP status → meaning. Every dialect renders an
 * `InterlinguaError` in its own error shape; the README documents this table and a test
 * checks that every code is documented.
 */
export const errorTable = {
  invalid_request: { status: 400, meaning: 'The request is malformed or names a value the target cannot take.' },
  context_length_exceeded: { status: 400, meaning: "The prompt, with the output asked for, is longer than the model's context window; the model's next deployment, whose window may be larger, is tried." },
  authentication: { status: 401, meaning: 'A key is missing or wrong.' },
  permission: { status: 403, meaning: 'The key may not do this.' },
  not_found: { status: 404, meaning: 'No such model or route.' },
  request_too_large: { status: 413, meaning: 'The request body is over the size limit.' },
  rate_limited: { status: 429, meaning: 'Too many requests or tokens; retry after the time given.' },
  internal: { status: 500, meaning: 'A fault inside the gateway.' },
  upstream_error: { status: 502, meaning: 'The upstream answered with something the gateway could not use.' },
  upstream_unreachable: { status: 502, meaning: 'No connection to the upstream could be made.' },
  stream_interrupted: { status: 502, meaning: 'The upstream stream ended before it finished.' },
  overloaded: { status: 503, meaning: 'The upstream is overloaded (Anthropic 529, Gemini UNAVAILABLE).' },
  upstream_timeout: { status: 504, meaning: 'The upstream did not answer in time.' },
  store_unavailable: { status: 503, meaning: 'The database or Redis this request needs is away; retry shortly.' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof errorTable;

/** What an upstream sent back, kept whole for logs and for a same-dialect pass-through. */
export interface UpstreamErrorDetails {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The dialect the body is written in. */
  dialect: string;
}

/**
 * The counts an upstream gave with a context-window overflow (`context_length_exceeded`), so each
 * caller dialect can say it in its own vendor's words and numbers: OpenAI's "This model's maximum
 * context length is L tokens. However, your messages resulted in I tokens.", Anthropic's "prompt is
 * too long: I tokens > L maximum", Gemini's "The input token count (I) exceeds the maximum number of
 * tokens allowed (L)." Clients read these to compact or trim a conversation (Codex CLI by the code,
 * Claude Code and LiteLLM by the words), so the words matter as much as the code.
 */
export interface ContextOverflow {
  /** The model's context window. */
  limitTokens?: number;
  /** The prompt, as the upstream counted it. */
  inputTokens?: number;
  /** The output asked for, when the upstream counted it against the window too (Anthropic's `max_tokens` overflow). */
  outputTokens?: number;
}

export interface InterlinguaErrorOptions {
  /** Overrides the table's status, e.g. to pass an upstream 422 through unchanged. */
  status?: number;
  retryable?: boolean;
  /** How long the caller should wait before retrying (from `retry-after` or Gemini `RetryInfo`). */
  retryAfterMs?: number;
  upstream?: UpstreamErrorDetails;
  /** The vendor's own error type word (`overloaded_error`, `RESOURCE_EXHAUSTED`), for pass-through. */
  vendorType?: string;
  /** The parameter at fault, when known (OpenAI `param`). */
  param?: string;
  /**
   * The caller's own vendor's code word, for an error the gateway raises on that vendor's behalf
   * (Responses' `previous_response_not_found`): clients act on the word, so it goes out as the code.
   */
  vendorCode?: string;
  /** For `context_length_exceeded`: the counts the upstream gave, when it gave them. */
  contextOverflow?: ContextOverflow;
  /**
   * The caller asking again cannot succeed, however long it waits (a billing refusal): unlike
   * `retryable`, which is the gateway's own retry, this is told to the caller.
   */
  retryFutile?: boolean;
  /**
   * What an operator needs to find the fault but a caller must not see (the upstream's URL, the
   * socket error naming an internal address): logged, never rendered by a dialect.
   */
  logFields?: Record<string, string>;
  cause?: unknown;
}

/** Statuses a retry may fix: timeouts, conflicts, rate limits, server faults, Anthropic overload. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export class InterlinguaError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly upstream?: UpstreamErrorDetails;
  readonly vendorType?: string;
  readonly param?: string;
  readonly vendorCode?: string;
  readonly contextOverflow?: ContextOverflow;
  readonly retryFutile?: boolean;
  readonly logFields?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: InterlinguaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'InterlinguaError';
    this.code = code;
    this.status = options.status ?? errorTable[code].status;
    this.retryable = options.retryable ?? isRetryableStatus(this.status);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.upstream !== undefined) this.upstream = options.upstream;
    if (options.vendorType !== undefined) this.vendorType = options.vendorType;
    if (options.param !== undefined) this.param = options.param;
    if (options.vendorCode !== undefined) this.vendorCode = options.vendorCode;
    if (options.contextOverflow !== undefined) this.contextOverflow = options.contextOverflow;
    if (options.retryFutile === true) this.retryFutile = true;
    if (options.logFields !== undefined) this.logFields = options.logFields;
  }
}

/**
 * Everything an error carries besides its code and message, to build the same error with one
 * option changed (another dialect's name on its upstream): copying field by field lost the
 * fields added later (a context overflow's counts).
 */
export function errorOptions(error: InterlinguaError): InterlinguaErrorOptions {
  const options: InterlinguaErrorOptions = { status: error.status, retryable: error.retryable };
  if (error.retryAfterMs !== undefined) options.retryAfterMs = error.retryAfterMs;
  if (error.upstream !== undefined) options.upstream = error.upstream;
  if (error.vendorType !== undefined) options.vendorType = error.vendorType;
  if (error.param !== undefined) options.param = error.param;
  if (error.vendorCode !== undefined) options.vendorCode = error.vendorCode;
  if (error.contextOverflow !== undefined) options.contextOverflow = error.contextOverflow;
  if (error.retryFutile === true) options.retryFutile = true;
  if (error.logFields !== undefined) options.logFields = error.logFields;
  if (error.cause !== undefined) options.cause = error.cause;
  return options;
}

/**
 * The upstream's own status when it is a 4xx the table gives `code` another of (a 402 billing
 * refusal, a 409 conflict, a 422), else undefined. Passed on, the caller's SDK raises the class for
 * what happened and retries what the upstream meant to be retried: the Stainless SDKs retry a 409
 * (openai-node and anthropic-sdk-typescript src/client.ts, `shouldRetry`: "Retry on lock timeouts"),
 * which as the table's 400 they would never do.
 */
export function unlistedClientStatus(code: ErrorCode, status: number): number | undefined {
  return status >= 400 && status < 500 && status !== errorTable[code].status ? status : undefined;
}

/** The error code that best describes an HTTP status an upstream returned. */
export function errorCodeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'invalid_request';
    case 401:
      return 'authentication';
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 408:
    case 504:
      return 'upstream_timeout';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limited';
    case 503:
    case 529:
      return 'overloaded';
    default:
      if (status >= 500) return 'upstream_error';
      return 'invalid_request';
  }
}
