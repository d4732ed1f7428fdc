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
  /** Output tokens spent on reasoning; included in `outputTokens`. */
  reasoningTokens?: number;
  raw?: { dialect: string; value: unknown };
}
