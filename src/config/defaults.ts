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
  /** `{region}` is the provider's (https://docs.aws.amazon.com/general/latest/gr/bedrock.html, "bedrock-runtime.us-east-1.amazonaws.com"). */
  bedrock: 'https://bedrock-runtime.{region}.amazonaws.com',
  'bedrock-anthropic': 'https://bedrock-runtime.{region}.amazonaws.com',
  /** Azure has no public default: each resource has its own host, which the configuration must give. */
  'azure-openai': 'https://{resource}.openai.azure.com',
  'azure-openai-responses': 'https://{resource}.openai.azure.com',
  /** `{location}` is the provider's; `global` has its own host (see config/cloud-settings.ts). */
  vertex: 'https://{location}-aiplatform.googleapis.com',
  'vertex-anthropic': 'https://{location}-aiplatform.googleapis.com',
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
  upstreamMaxConnections: 1_024,
  retryAttempts: 2,
  retryInitialDelayMs: 250,
  retryMaxDelayMs: 8_000,
  imageMaxBytes: 20 * 1024 * 1024,
  imageTimeoutMs: 15_000,
  /**
   * Image URLs fetched for one request. Vendors take 20 (Bedrock Converse,
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html), 100 (Claude with
   * a 200k window, 600 for the others: https://platform.claude.com/docs/en/build-with-claude/vision),
   * 500 (OpenAI, https://platform.openai.com/docs/guides/images-vision) and 3,000 (Gemini 2.5,
   * https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/image-understanding). 100 bounds
   * how many fetches one small request can start; the byte budget below bounds the memory.
   */
  imageMaxCount: 100,
  /**
   * Bytes fetched for one request, all its images together. OpenAI reads 50 MB of image bytes in a
   * request (https://platform.openai.com/docs/guides/images-vision), Anthropic a 32 MB request
   * (https://platform.claude.com/docs/en/api/overview#request-size-limits), Gemini 20 MB of inline data
   * with its prompt (https://ai.google.dev/gemini-api/docs/image-understanding). The gateway then holds at
   * most this (and its base64) per request, where 60 URLs of 4 MiB each once made it hold 1.6 GB.
   */
  imageMaxTotalBytes: 50 * 1024 * 1024,
  drainMs: 30_000,
  /**
   * Headers arrive in one packet from any real client; 20 s is Apache's mod_reqtimeout first
   * limit for them (Node and nginx allow 60 s), and ends a slowloris client three times sooner.
   */
  headersTimeoutMs: 20_000,
  /**
   * The whole request, body included. Node allows 300 s; 120 s still carries a full 32 MiB body
   * (`maxBodyBytes`) over a 2.5 Mbit/s link, and a streamed answer is not counted.
   */
  requestTimeoutMs: 120_000,
  /**
   * Longer than the 60 s idle timeout of common load balancers (AWS ALB, GCP's is 600 s), so the
   * balancer closes idle connections first and never sends a request on one the gateway is closing;
   * Fastify (72 s) and nginx (75 s) choose alike. Node's own 5 s is meant for clients without a balancer.
   */
  keepAliveTimeoutMs: 65_000,
  /**
   * Node sets no cap. 10,000 leaves room for thousands of streamed answers at once (each a
   * connection) while a flood of idle sockets cannot exhaust memory or file descriptors.
   */
  serverMaxConnections: 10_000,
  /**
   * Realtime subscriptions one key (or, without keys, one address) may hold: more than any one
   * application opens (a socket per conversation it shows), yet 100 such callers cannot fill the
   * gateway. Over all callers the cap is half of `server.maxConnections` (config/server-limits.ts).
   */
  realtimeMaxSubscriptionsPerKey: 100,
  /** The interval of the ws README's heartbeat example (src/net/websocket-heartbeat.ts). */
  realtimePingIntervalMs: 30_000,
  /**
   * Largest OneBot message taken from a peer (one WebSocket message or webhook body). `get_file`
   * answers carry whole files in base64 (https://12.onebot.dev/interface/file/actions/), so this
   * is generous, yet far below the 100 MiB ws would buffer by default.
   */
  onebotMaxMessageBytes: 16 * 1024 * 1024,
  stickyMs: 3_600_000,
  cooldownFailures: 3,
  cooldownWindowMs: 60_000,
  cooldownMs: 30_000,
  cacheTtlMs: 300_000,
  cacheMaxEntries: 1_000,
  redisKeyPrefix: 'interlingua:',
  serviceName: 'interlingua',
} as const;
