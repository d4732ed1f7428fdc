/**
 * Token usage. Every count is optional because vendors report different subsets; `inputTokens`
 * always includes cached tokens (OpenAI's convention; the Anthropic codec adds its cache counts in).
 * `raw` keeps the vendor's own object so a same-dialect pass-through loses nothing.
 */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  /** Input tokens read from a prompt cache. */
  cachedInputTokens?: number;
  /** Input tokens written to a prompt cache (Anthropic `cache_creation_input_tokens`). */
  cacheWriteTokens?: number;
  /**
   * Of `cacheWriteTokens`, those written with the one-hour lifetime (Anthropic
   * `cache_creation.ephemeral_1h_input_tokens`, Bedrock Converse `cacheDetails` entries with
   * `ttl: "1h"`), which cost more than five-minute writes; the rest
   * were written for five minutes. Unset when the vendor does not say.
   */
  cacheWrite1hTokens?: number;
  /** Output tokens spent on reasoning; included in `outputTokens`. */
  reasoningTokens?: number;
  raw?: { dialect: string; value: unknown };
}
