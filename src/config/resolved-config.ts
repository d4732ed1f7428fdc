import type { ModelPrice } from '../usage/prices.js';
import type { ConfiguredModelFacts } from '../catalog/model-catalog.js';
import type { DatabaseLocation } from '../store/database-url.js';
import type { ProviderDialectName, RoutingStrategyName, ToolFormatName } from './schema.js';
import type { OpenaiChatQuirks } from '../dialects/openai-chat/index.js';
import type { ProviderAuth } from '../providers/presets.js';
import type { ChatTemplate } from '../templates/chat-template.js';
import type { ModelPlugins, PluginConfig } from './plugin-config.js';
import type { HttpServerLimits } from '../net/http-server-limits.js';
import type { RealtimeLimits } from '../plugins/realtime-limits.js';

/** Configuration after defaults and environment variables are applied: what the gateway runs on. */
export interface GatewayConfig {
  /** `corsOrigins`: browser origins that may call the API routes, `*` for any; empty, none. */
  server: { host: string; port: number; maxBodyBytes: number; drainMs: number; corsOrigins: string[]; realtime: RealtimeLimits } & HttpServerLimits;
  providers: Map<string, ProviderConfig>;
  models: Map<string, DeploymentConfig[]>;
  /** Server-side tools by name (the top-level `plugins:` map). */
  plugins: Map<string, PluginConfig>;
  /** The aliases that use plugins, and which. */
  modelPlugins: Map<string, ModelPlugins>;
  /** Routing of every model without settings of its own. */
  routing: RoutingSettings;
  /** Models whose entry has `routing` of its own (merged over the global one). */
  modelRouting: Map<string, RoutingSettings>;
  /** Present only when the configuration has a `cache:` section. */
  cache?: ResponseCacheConfig;
  logging: { level: 'debug' | 'info' | 'warn' | 'error' | 'silent'; bodies: boolean };
  /** Present only when an OTLP endpoint is configured (here or in OTEL_EXPORTER_OTLP_ENDPOINT). */
  telemetry?: TelemetryConfig;
  retry: { attempts: number; initialDelayMs: number; maxDelayMs: number };
  images: { maxBytes: number; timeoutMs: number; allowPrivateNetworks: boolean; maxImages: number; maxTotalBytes: number };
  /** The configured store; without one a library gateway keeps state in memory (`serve` picks a file). */
  database?: DatabaseLocation;
  /** Where usage records wait while the database is away (`database.spillFile`); without it they wait in memory only. */
  usageSpillFile?: string;
  /** Where async plugin jobs still waiting for Redis at a shutdown are kept (`redis.spillFile`); without it each is logged as lost. */
  jobSpillFile?: string;
  auth: { required: boolean };
  adminKey?: string;
  /** Present when `GET /metrics` needs the admin key or `token` (`metrics.requireAuth`, or a `metrics.token`). */
  metricsAuth?: { token?: string };
  redis?: { url: string; keyPrefix: string; onOutage: 'degrade' | 'refuse' };
  prices: Record<string, ModelPrice>;
  /** `catalog:` entries by upstream model id, laid over the built-in catalog (src/catalog/). */
  catalog: Record<string, ConfiguredModelFacts>;
  /** `captureBodies`: how many recent chat exchanges the inspector keeps (0: none, and no capture cost). */
  console: { captureBodies: number };
  /** Present only when the configuration has a `grpc:` section. */
  grpc?: GrpcServerConfig;
  /** Present only when the configuration has an `onebot:` section (src/onebot/). */
  onebot?: OnebotConfig;
}

/** Models as chat bots on OneBot 12 implementations. */
export interface OnebotConfig {
  bots: OnebotBotConfig[];
  /** A separate listener for reverse-ws and webhook paths; without it they share the gateway's port. */
  listen?: { host: string; port: number };
  /** Largest message taken from an implementation: a longer WebSocket message is closed with 1009, a longer webhook body is refused. */
  maxMessageBytes: number;
}

export type OnebotTransportName = 'forward-ws' | 'reverse-ws' | 'http' | 'webhook';

export interface OnebotBotConfig {
  transport: OnebotTransportName;
  /** forward-ws: ws(s):// URL; http: the implementation's http(s):// URL; reverse-ws and webhook: the path we listen on. */
  url: string;
  /** webhook only: the implementation's HTTP action URL; without it, replies go back in the webhook response. */
  actionUrl?: string;
  accessToken?: string;
  model: string;
  systemPrompt?: string;
  /** Texts that address the bot in groups at the start of a message. */
  prefixes: string[];
  replyMode: 'whole' | 'sentences' | 'edit';
  /** The implementation's edit extension action used by `replyMode: edit`, when it lists it in get_supported_actions. */
  editAction?: string;
  maxMessageLength: number;
  historyMessages: number;
  reconnect: { initialDelayMs: number; maxDelayMs: number };
  actionTimeoutMs: number;
  pollTimeoutSeconds: number;
  /** Model calls of this bot at once; absent, src/onebot's default. */
  maxConcurrentTurns?: number;
  /** Turns that may wait for a model call; absent, src/onebot's default. */
  maxWaitingTurns?: number;
}

/** A `dialect: onebot` provider: a OneBot 12 bot application serving as a model. */
export interface OnebotProviderSettings {
  /** How long the bot may stay silent after its last message before the answer is complete. */
  quietMs: number;
  /** The platform name the bot application sees in `self`. */
  platform: string;
}

export interface RoutingSettings {
  strategy: RoutingStrategyName;
  sticky: boolean;
  stickyMs: number;
  /** Absent when cooldown is off. */
  cooldown?: CooldownSettings;
}

export interface CooldownSettings {
  failures: number;
  windowMs: number;
  cooldownMs: number;
}

export interface ResponseCacheConfig {
  ttlMs: number;
  maxEntries: number;
  store: 'memory' | 'redis';
  /** `key`: each gateway key hits only its own entries (keyless callers share theirs); `shared`: every caller hits every entry. */
  scope: 'key' | 'shared';
}

export interface TelemetryConfig {
  /** The full traces URL (`…/v1/traces`). */
  tracesUrl: string;
  serviceName: string;
  headers: Record<string, string>;
}

export interface GrpcServerConfig {
  host: string;
  port: number;
  defaultModel?: string;
  /** PEM contents, read when the configuration is loaded so a missing file stops the start. */
  tls?: { certificateChain: Buffer; privateKey: Buffer };
}

export interface VertexSettings {
  projectId: string;
  location: string;
  /** An absolute path to a service-account key file; absent, Application Default Credentials. */
  credentialsFile?: string;
}

export interface ProviderConfig {
  name: string;
  /** The wire dialect spoken upstream: an HTTP dialect, or `chathub` over gRPC. */
  dialect: ProviderDialectName;
  /** The preset it came from (`zhipu`, `deepseek`, …), if any. */
  preset?: string;
  quirks: Partial<OpenaiChatQuirks>;
  auth: ProviderAuth;
  /** Prompt-only upstreams: how to write a conversation into the model's prompt. */
  chatTemplate?: ChatTemplate;
  stopTokens?: string[];
  baseUrl: string;
  apiKey?: string;
  /** Bedrock dialects only: the AWS region requests are signed for. */
  region?: string;
  /** Azure dialects only: the dated API version; absent, the v1 API. */
  apiVersion?: string;
  /** Vertex dialects only: where the model runs and whose credentials call it. */
  vertex?: VertexSettings;
  headers: Record<string, string>;
  modelPatterns: RegExp[];
  defaultMaxTokens: number;
  /** Whether the gateway places prompt-cache breakpoints for callers that placed none (anthropic providers). */
  promptCache: 'caller' | 'auto';
  /** From sending a request (queueing for a connection included) until its response headers. */
  timeoutMs: number;
  /** Connections open to the provider at once; more requests queue within `timeoutMs`. */
  maxConnections: number;
  /** `dialect: onebot` providers only. */
  onebot?: OnebotProviderSettings;
}

export interface DeploymentConfig {
  provider: string;
  model: string;
  toolCalling?: 'native' | 'emulate';
  toolFormat?: ToolFormatName;
  weight?: number;
  priority?: number;
}
