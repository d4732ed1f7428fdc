import type { UpstreamDialectName } from './schema.js';

/** Each vendor's public base URL, as its official SDK spells it. */
export const defaultBaseUrls: Record<UpstreamDialectName, string> = {
  'openai-chat': 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
  /** As the ollama client's `host`. */
  ollama: 'http://127.0.0.1:11434',
  'ollama-generate': 'http://127.0.0.1:11434',
  'openai-responses': 'https://api.openai.com/v1',
  'openai-completions': 'https://api.openai.com/v1',
};

export const defaultSettings = {
  host: '127.0.0.1',
  port: 4000,
  maxBodyBytes: 32 * 1024 * 1024,
  defaultMaxTokens: 4096,
  timeoutMs: 600_000,
  /**
   * Connections per provider. Each streamed answer holds one for its whole length, so the old fixed
   * 128 made the 129th concurrent stream wait for another to end. 1,024 upstream sockets plus as
   * many from callers still fit the 4,096 open files of a common hard limit, which Node raises its
   * soft limit to at start.
   */
  maxConnections: 1_024,
  retryAttempts: 2,
  retryInitialDelayMs: 250,
  retryMaxDelayMs: 8_000,
  imageMaxBytes: 20 * 1024 * 1024,
  imageTimeoutMs: 15_000,
  drainMs: 30_000,
  stickyMs: 3_600_000,
  cooldownFailures: 3,
  cooldownWindowMs: 60_000,
  cooldownMs: 30_000,
  cacheTtlMs: 300_000,
  cacheMaxEntries: 1_000,
  redisKeyPrefix: 'interlingua:',
  serviceName: 'interlingua',
} as const;
