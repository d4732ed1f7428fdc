import { z } from 'zod';
import { pluginNamePattern, pluginSchema } from './plugin-schema.js';
import { promptCacheFields, samplingControls } from '../catalog/model-facts.js';
import { baseModelIssues } from './catalog-config.js';

/** Dialects a provider can speak upstream. Grows as dialects are added. */
export const upstreamDialectNames = ['openai-chat', 'anthropic', 'gemini', 'ollama', 'ollama-generate', 'openai-responses', 'openai-completions', 'bedrock', 'bedrock-anthropic', 'azure-openai', 'azure-openai-responses', 'vertex', 'vertex-anthropic'] as const;
export type UpstreamDialectName = (typeof upstreamDialectNames)[number];

/** Dialects spoken over gRPC rather than HTTP: the seed's `aihub.ChatHub` service (see src/grpc/chathub/). */
export const grpcDialectNames = ['chathub'] as const;
export type GrpcDialectName = (typeof grpcDialectNames)[number];

/** Upstreams reached as OneBot 12 bot applications over WebSocket (see src/onebot/bot-as-model/). */
export const onebotDialectNames = ['onebot'] as const;
export type OnebotDialectName = (typeof onebotDialectNames)[number];

/** Whatever a provider may speak: an HTTP dialect, a gRPC one, or OneBot. */
export type ProviderDialectName = UpstreamDialectName | GrpcDialectName | OnebotDialectName;

const positiveInteger = z.number().int().positive();

/** Switches of the openai-chat codec for compatible vendors (see src/dialects/openai-chat/quirks.ts). */
export const quirksSchema = z
  .object({
    reasoningContentInHistory: z.boolean().optional(),
    reasoningOnToolCalls: z.string().optional(),
    developerRole: z.boolean().optional(),
    maxTokensField: z.enum(['max_completion_tokens', 'max_tokens']).optional(),
    streamOptions: z.boolean().optional(),
    toolChoice: z.enum(['all', 'auto-only']).optional(),
    allowedToolsChoice: z.boolean().optional(),
    reasoningSwitch: z.enum(['effort', 'zhipu-thinking', 'qwen-enable-thinking', 'deepseek-thinking']).optional(),
    maxStopSequences: positiveInteger.optional(),
    cacheBreakpoints: z.enum(['automatic', 'cache-control']).optional(),
    seedField: z.enum(['seed', 'random_seed']).optional(),
    temperatureMax: z.number().positive().optional(),
    maxCandidates: positiveInteger.optional(),
    toolCallIdLength: positiveInteger.optional(),
    toolDescriptionLength: positiveInteger.optional(),
    maxTools: positiveInteger.optional(),
    assistantPrefix: z.boolean().optional(),
    jsonSchema: z.boolean().optional(),
    toolContentAsString: z.boolean().optional(),
    systemContentAsString: z.boolean().optional(),
    completeAsStream: z.boolean().optional(),
    declaredFields: z.object({ body: z.array(z.string()), messages: z.record(z.string(), z.array(z.string())) }).strict().optional(),
    refusedFields: z.object({ body: z.array(z.string()), messages: z.array(z.string()) }).strict().optional(),
  })
  .strict();

/** A vendor declared in configuration, like the built-in presets (src/providers/presets.ts). */
export const presetSchema = z
  .object({
    dialect: z.literal('openai-chat'),
    baseUrl: z.url({ protocol: /^https?$/ }),
    quirks: quirksSchema.optional(),
    auth: z.enum(['bearer', 'zhipu']).optional(),
  })
  .strict();

export const providerSchema = z
  .object({
    /** A dialect (`openai-chat`, `anthropic`, `gemini`) or a preset name (`zhipu`, `deepseek`, …). */
    dialect: z.string().min(1),
    /** Quirk switches over the preset's (openai-chat providers only). */
    quirks: quirksSchema.optional(),
    /**
     * For prompt-only (openai-completions) upstreams: the model's chat template, inline (`source`)
     * or from a file (`file`: a .jinja file or the model's tokenizer_config.json).
     */
    chatTemplate: z
      .object({
        source: z.string().min(1).optional(),
        file: z.string().min(1).optional(),
        bosToken: z.string().optional(),
        eosToken: z.string().optional(),
        /** Whether the server's tokenizer adds `bosToken` itself (default true): then the template's own is left out. */
        addBosToken: z.boolean().optional(),
        addGenerationPrompt: z.boolean().optional(),
        variables: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .refine((template) => (template.source === undefined) !== (template.file === undefined), 'give exactly one of source or file')
      .optional(),
    /** Tokens that end the model's turn, added to `stop` (Qwen `<|im_end|>`, Llama 3 `<|eot_id|>`). */
    stopTokens: z.array(z.string().min(1)).optional(),
    /**
     * Exactly what the vendor's official SDK calls its base URL. Defaults to the vendor's public one.
     * A `chathub` provider has no default: `grpc://host:port`, or `grpcs://host:port` for TLS.
     */
    baseUrl: z.url({ protocol: /^(https?|grpcs?|wss?)$/ }).optional(),
    apiKey: z.string().optional(),
    /**
     * `dialect: bedrock` and `bedrock-anthropic` only: the AWS region (`us-east-1`), which names the endpoint
     * (`https://bedrock-runtime.{region}.amazonaws.com`) and scopes the SigV4 signature. The
     * `bedrock-openai` preset takes it too, for `https://bedrock-runtime.{region}.amazonaws.com/openai/v1`
     * (us-west-2 without one).
     */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as us-east-1').optional(),
    /**
     * `dialect: azure-openai` and `azure-openai-responses` only: a dated API version
     * (`2025-04-01-preview`), sent as `?api-version=` on the deployments path; without it the
     * v1 API at `{baseUrl}/openai/v1` is called.
     */
    apiVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'an Azure OpenAI API version such as 2024-10-21 or 2025-04-01-preview').optional(),
    /** Azure dialects only: `{ type: entra }` authenticates with Microsoft Entra ID tokens instead of `apiKey`. */
    auth: z.object({ type: z.enum(['entra']) }).strict().optional(),
    /** `dialect: vertex` and `vertex-anthropic` only: the Google Cloud project. */
    projectId: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a Google Cloud project id such as my-project').optional(),
    /** Vertex dialects only: the location (`us-central1`, `us-east5`, `global`). */
    location: z.string().regex(/^(global|[a-z]+(-[a-z]+)*\d*)$/, 'a Vertex AI location such as us-central1 or global').optional(),
    /** Vertex dialects only: a service-account key file; without it Application Default Credentials are used. */
    credentialsFile: z.string().min(1).optional(),
    /** Extra headers sent with every upstream request (e.g. `anthropic-beta`). */
    headers: z.record(z.string(), z.string()).optional(),
    /** Glob patterns (`gpt-*`) of bare model names this provider serves without a `models` entry. */
    models: z.array(z.string().min(1)).optional(),
    /**
     * Prompt-cache breakpoints: `caller` (the default) sends only those the caller placed; `auto`
     * also places them for callers that placed none (after the tools, the system prompt and the
     * last turns, within the vendor's limits). Anthropic providers only: the others cache by prefix
     * on their own.
     */
    promptCache: z.enum(['caller', 'auto']).optional(),
    /** `max_tokens` sent when the caller gave none and the dialect requires one (Anthropic). */
    defaultMaxTokens: positiveInteger.optional(),
    /**
     * Milliseconds from sending a request (waiting for a free connection included) until the
     * upstream's response headers, and until the end of a whole (non-streamed) answer; in a
     * stream, the longest silence.
     */
    timeoutMs: positiveInteger.optional(),
    /**
     * Most connections open to this provider at once (HTTP dialects). A streamed answer holds its
     * connection until it ends, so this is the number of answers in flight; more requests queue,
     * within `timeoutMs`.
     */
    maxConnections: positiveInteger.optional(),
    /** `dialect: onebot` only: how the bot application's answer is read. */
    onebot: z
      .object({
        /** Milliseconds of silence after the bot's last message that end its answer. */
        quietMs: positiveInteger.optional(),
        /** The platform name the bot application sees in `self`. */
        platform: z.string().regex(/^[_a-z0-9.]+$/).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const onebotBotSchema = z
  .object({
    transport: z.enum(['forward-ws', 'reverse-ws', 'http', 'webhook']),
    /** forward-ws: ws(s):// URL; http: the implementation's http(s):// URL; reverse-ws and webhook: the path we listen on. */
    url: z.string().min(1),
    /** webhook only: the implementation's HTTP action URL; without it replies go back in the webhook response. */
    actionUrl: z.url({ protocol: /^https?$/ }).optional(),
    accessToken: z.string().optional(),
    /** Any model name the gateway serves. */
    model: z.string().min(1),
    systemPrompt: z.string().optional(),
    /** Texts that address the bot in a group at the start of a message, besides mentions and replies. */
    prefixes: z.array(z.string().min(1)).optional(),
    /** `whole` reply, one message per `sentences` as they come, or `edit` one message through `editAction`. */
    replyMode: z.enum(['whole', 'sentences', 'edit']).optional(),
    editAction: z.string().min(1).optional(),
    /** The platform's longest message, in characters; longer replies are split. */
    maxMessageLength: positiveInteger.optional(),
    /** Messages of each chat kept as the model's context. */
    historyMessages: positiveInteger.optional(),
    reconnect: z.object({ initialDelayMs: positiveInteger.optional(), maxDelayMs: positiveInteger.optional() }).strict().optional(),
    actionTimeoutMs: positiveInteger.optional(),
    /** http only: seconds a `get_latest_events` long poll may wait. */
    pollTimeoutSeconds: z.number().int().min(0).optional(),
    /** Model calls of this bot at once, across its chats; more wait their turn (default 16). */
    maxConcurrentTurns: positiveInteger.optional(),
    /** Turns that may wait for one of those calls (default 1,000); a message past them stays in its chat's history, unanswered. */
    maxWaitingTurns: positiveInteger.optional(),
  })
  .strict();

/** How a model without native tool calling is given tools in its prompt (src/tool-emulation/). */
export const toolFormatNames = ['json', 'react', 'hermes', 'chatglm3'] as const;
export type ToolFormatName = (typeof toolFormatNames)[number];

export const deploymentSchema = z
  .object({
    provider: z.string().min(1),
    model: z.string().min(1),
    /** `emulate`: tools are written into the prompt and the model's text is read back as calls. */
    toolCalling: z.enum(['native', 'emulate']).optional(),
    /** The prompt format of emulated tools; omitted, one is chosen by model family. */
    toolFormat: z.enum(toolFormatNames).optional(),
    /** Share of traffic under the `weighted` strategy, relative to the other deployments of its tier (default 1). */
    weight: z.number().positive().optional(),
    /** Fallback tier: every deployment of a lower priority is tried before any of a higher one (default 0). */
    priority: z.number().int().min(0).optional(),
  })
  .strict();

/** How a model's deployments are put in order for each request (src/gateway/routing/). */
export const routingStrategyNames = ['ordered', 'weighted', 'least-busy', 'lowest-latency'] as const;
export type RoutingStrategyName = (typeof routingStrategyNames)[number];

export const routingSchema = z
  .object({
    /** `ordered` (as listed), `weighted` (random by weight), `least-busy` (fewest in flight), `lowest-latency`. */
    strategy: z.enum(routingStrategyNames).optional(),
    /** Keep a conversation on the deployment that answered it first, so the upstream's prompt cache keeps hitting. */
    sticky: z.boolean().optional(),
    /** How long a conversation stays with its deployment after its last request. */
    stickySeconds: positiveInteger.optional(),
    /** Take a deployment out of rotation after `failures` failures within `windowMs`, for `cooldownMs`; `false` turns it off. */
    cooldown: z
      .union([
        z.literal(false),
        z.object({ failures: positiveInteger.optional(), windowMs: positiveInteger.optional(), cooldownMs: positiveInteger.optional() }).strict(),
      ])
      .optional(),
  })
  .strict();

/**
 * A model written as an object: its deployments, and settings of its own — server-side plugins
 * (the gateway runs the tool loop itself, src/plugins/) and routing.
 */
export const modelObjectSchema = z
  .object({
    deployments: z.array(deploymentSchema).min(1),
    /** Names under the top-level `plugins:` map. */
    plugins: z.array(z.string().min(1)).optional(),
    /** Model calls in one answer, tool rounds included; the last is asked to answer without tools. */
    maxSteps: z.number().int().min(1).max(50).optional(),
    /** How this model's deployments are chosen, over the global `routing`. */
    routing: routingSchema.optional(),
  })
  .strict();

export const deploymentListSchema = z.array(deploymentSchema).min(1);

const priceRates = {
  input: z.number().min(0),
  output: z.number().min(0),
  cachedInput: z.number().min(0).optional(),
  cacheWrite: z.number().min(0).optional(),
  cacheWrite1h: z.number().min(0).optional(),
};

const priceSchema = z
  .object({
    ...priceRates,
    /** The rates of every token of a request whose prompt is longer than `aboveTokens`. */
    longPrompt: z.object({ aboveTokens: positiveInteger, ...priceRates }).strict().optional(),
  })
  .strict();

/** One `catalog:` entry: the facts of a model that src/catalog/ fits requests to; each is optional. */
export const catalogEntrySchema = z
  .object({
    /** The model this one is (an Azure deployment's, a fine-tune's): its facts, rules and price, under this entry's other fields. */
    baseModel: z.string().min(1).optional(),
    contextTokens: positiveInteger.optional(),
    /** Requests asking for more output are lowered to this, with a warning. */
    maxOutputTokens: positiveInteger.optional(),
    /** `none`: reasoning settings are left out; `effort`, `budget` (with its range): how reasoning is asked for; `automatic`: it reasons by itself, and settings are left out. */
    reasoning: z
      .union([
        z.enum(['none', 'effort', 'reasons', 'automatic']),
        z
          .object({
            type: z.literal('budget'),
            minTokens: z.number().int().min(0).optional(),
            maxTokens: positiveInteger.optional(),
            canTurnOff: z.boolean().optional(),
            thinkingInOutput: z.boolean().optional(),
          })
          .strict(),
      ])
      .optional(),
    /** Sampling controls the model refuses: left out, with a warning. */
    refusedSampling: z.array(z.enum(samplingControls)).optional(),
    /** Sampling controls the model takes only at 0: another value is left out, with a warning. */
    refusedUnlessZero: z.array(z.enum(samplingControls)).optional(),
    /** The most candidates (`n`, `candidateCount`) one request may ask for: more are lowered to it, with a warning. */
    maxCandidates: positiveInteger.optional(),
    /** The model refuses `temperature` together with `topP`: `topP` is left out. */
    temperatureOrTopP: z.boolean().optional(),
    tools: z.boolean().optional(),
    /** false: the model refuses a tool choice that forces a call; it goes as `auto`. */
    forcedToolChoice: z.boolean().optional(),
    /** OpenAI Chat Completions refuses function tools while the model reasons: such requests go to the provider's Responses endpoint. */
    chatRefusesToolsWhileReasoning: z.enum(['when-asked', 'unless-off']).optional(),
    /** false: the model is served by the Responses API only; every request goes to the provider's Responses endpoint. */
    chatCompletions: z.boolean().optional(),
    /** false: the model refuses a say over parallel tool calls (`parallel_tool_calls`); it is left out. */
    parallelToolCalls: z.boolean().optional(),
    vision: z.boolean().optional(),
    /** false: the model refuses a conversation ending on an assistant turn; a user turn asking it to continue is added. */
    assistantPrefill: z.boolean().optional(),
    /** false: the model cannot be held to a JSON Schema; a response schema goes to it as an instruction. */
    structuredOutput: z.boolean().optional(),
    promptCaching: z.boolean().optional(),
    /** Where the model takes cache breakpoints, when not everywhere its API does: others are left out, with a warning. */
    promptCacheFields: z.array(z.enum(promptCacheFields)).optional(),
    /** US dollars per million tokens; `prices:` still wins over it. */
    price: priceSchema.optional(),
  })
  .strict();

export const configSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).optional(),
        port: z.number().int().min(0).max(65535).optional(),
        /** Largest request body accepted, in bytes. */
        maxBodyBytes: positiveInteger.optional(),
        /** On shutdown (SIGTERM), how long requests in flight (streams too) may take to finish. */
        drainMs: z.number().int().min(0).optional(),
        /** How long a client may take to send a request's headers (from its first byte). */
        headersTimeoutMs: positiveInteger.optional(),
        /** How long a client may take to send a whole request, body included; 0: no limit. The answer, however long it streams, is not counted. */
        requestTimeoutMs: z.number().int().min(0).optional(),
        /** How long an idle keep-alive connection is kept open. */
        keepAliveTimeoutMs: positiveInteger.optional(),
        /** Connections open at once; more are closed as they arrive. */
        maxConnections: positiveInteger.optional(),
        /** Realtime event subscriptions (`/v1/realtime/events`) open at once; below `maxConnections` (default: half of it). */
        maxRealtimeSubscriptions: positiveInteger.optional(),
        /** Realtime subscriptions open at once for one gateway key (default 100); given, it also caps one remote address without a key. */
        maxRealtimeSubscriptionsPerKey: positiveInteger.optional(),
        /** Between pings of each realtime subscriber; one that did not answer the previous ping is closed. */
        realtimePingIntervalMs: positiveInteger.optional(),
        /** Browser origins allowed to call the API routes (`https://app.example.com`, or `*` for any); none unless listed (gateway/cross-origin.ts). */
        corsOrigins: z.array(z.string().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'an origin is a scheme and a host with an optional port (https://app.example.com), or "*"')).optional(),
      })
      .strict()
      .optional(),
    presets: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), presetSchema).optional(),
    providers: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a provider name may hold letters, digits, "_", "." and "-"'), providerSchema),
    /** A name callers ask for → the deployments that serve it, tried in order (or those and its plugins). */
    /** Each value is checked by `splitModels` (src/config/plugin-resolution.ts), so errors name the exact key of either shape. */
    models: z.record(z.string().min(1), z.unknown()).optional(),
    /** Tools the gateway runs itself, by the name the model sees; a model lists the ones it may use. */
    plugins: z.record(z.string().regex(pluginNamePattern, 'a plugin name may hold letters, digits, "_" and "-" (at most 64)'), pluginSchema).optional(),
    /** How every model's deployments are chosen, unless the model has `routing` of its own. */
    routing: routingSchema.optional(),
    /** Answers kept and replayed for identical requests (opt-in). */
    cache: z
      .object({
        ttlSeconds: positiveInteger.optional(),
        /** Entries kept in memory (the `memory` store only). */
        maxEntries: positiveInteger.optional(),
        /** `redis` shares the cache between replicas (needs `redis`). */
        store: z.enum(['memory', 'redis']).optional(),
        /**
         * `key` (the default) keeps each gateway key's answers apart: a hit on another key's entry
         * would tell a caller what that key asked, and give it an answer sampled for someone else.
         * `shared` lets every key hit every entry.
         */
        scope: z.enum(['key', 'shared']).optional(),
      })
      .strict()
      .optional(),
    /** Structured logs (JSON lines on stderr). */
    logging: z
      .object({
        level: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
        /** Log request and response bodies (message content). Off by default. */
        bodies: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** OpenTelemetry traces, exported over OTLP/HTTP when an endpoint is set here or in OTEL_EXPORTER_OTLP_ENDPOINT. */
    telemetry: z
      .object({
        /** The collector's base URL (`http://collector:4318`); traces go to `/v1/traces` under it. */
        otlpEndpoint: z.url({ protocol: /^https?$/ }).optional(),
        serviceName: z.string().min(1).optional(),
        headers: z.record(z.string(), z.string()).optional(),
      })
      .strict()
      .optional(),
    retry: z
      .object({
        /** Retries of one deployment after its first try, before the next deployment is tried. */
        attempts: z.number().int().min(0).max(10).optional(),
        initialDelayMs: z.number().int().min(0).optional(),
        maxDelayMs: z.number().int().min(0).optional(),
      })
      .strict()
      .optional(),
    /** Gateway keys: with `required`, every request must present one. */
    auth: z.object({ required: z.boolean().optional() }).strict().optional(),
    /** The key of the admin API and console (`Authorization: Bearer`); without it both are off. */
    adminKey: z.string().min(16, 'an admin key needs at least 16 characters').optional(),
    /** State shared by replicas (rate limits, budgets): `redis://host:6379`. */
    redis: z
      .object({
        url: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL'),
        /** Prefix of every key the gateway writes (default `interlingua:`), to share one Redis between gateways. */
        keyPrefix: z.string().min(1).optional(),
        /**
         * While Redis is away: `degrade` (default) counts limits per replica, each taking its share;
         * `refuse` answers requests under a key with limits or a budget with 503 until it returns.
         */
        onOutage: z.enum(['degrade', 'refuse']).optional(),
        /** Where async plugin jobs still waiting for Redis at a shutdown are kept for the next start (`serve`: beside the configuration). */
        spillFile: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** US dollars per million tokens, by upstream model name (longest prefix wins); wins over `catalog:` prices and the built-in catalog. */
    prices: z.record(z.string().min(1), priceSchema).optional(),
    /**
     * What models accept and cost, by upstream model id, over the built-in catalog (src/catalog/):
     * an entry adds a model the catalog lacks or overrides any of its facts.
     */
    catalog: z
      .record(z.string().min(1), catalogEntrySchema)
      .superRefine((entries, context) => {
        for (const { model, message } of baseModelIssues(entries)) context.addIssue({ code: 'custom', path: [model, 'baseModel'], message, input: entries[model]?.baseModel });
      })
      .optional(),
    /** Where the gateway keeps what it stores (responses, keys, usage). */
    database: z
      .object({
        /** An SQLite file (a path, `sqlite:PATH`, `:memory:`) or a `postgres://` URL. */
        url: z.string().min(1),
        /**
         * Where usage records wait while the database is away and memory is full, or when the
         * gateway stops during an outage (JSON lines, one file per replica; written back when the
         * database returns or at the next start). `serve` puts it beside the configuration.
         */
        spillFile: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** The gRPC server (ChatHub and interlingua.v1), started by `serve` only when this section is present. */
    grpc: z
      .object({
        host: z.string().min(1).optional(),
        port: z.number().int().min(0).max(65535),
        /** The model a ChatHub call gets when it names none in its `x-model` metadata. */
        defaultModel: z.string().min(1).optional(),
        /** PEM files; without them the server speaks plaintext (h2c). */
        tls: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).strict().optional(),
      })
      .strict()
      .optional(),
    /** Models as chat bots on OneBot 12 implementations (src/onebot/). */
    onebot: z
      .object({
        bots: z.array(onebotBotSchema).min(1),
        /** A separate listener for reverse-ws and webhook paths; without it they share the gateway's port. */
        listen: z.object({ host: z.string().min(1).optional(), port: z.number().int().min(0).max(65535) }).strict().optional(),
        /** Largest message taken from an implementation (a WebSocket message or a webhook body), in bytes. */
        maxMessageBytes: positiveInteger.optional(),
      })
      .strict()
      .optional(),
    /**
     * `GET /metrics` (Prometheus). Open by default, as scrapers expect; `requireAuth` (as LiteLLM's
     * `require_auth_for_metrics_endpoint`) makes it answer only the admin key or `token` as
     * `Authorization: Bearer`, which a Prometheus scrape job sends from its `authorization` setting.
     */
    metrics: z
      .object({
        /** Refuse a scrape without the admin key or `token` (401); on by default once `token` is set. */
        requireAuth: z.boolean().optional(),
        /** A token for scrapers only, so they need not hold the admin key. */
        token: z.string().min(16, 'a metrics token needs at least 16 characters').optional(),
      })
      .strict()
      .optional(),
    /** The web console at `/console` (served when `adminKey` is set). */
    console: z
      .object({
        /**
         * Keep the last N chat exchanges in memory (the caller's body, the interlingua, the upstream's
         * body, every stream chunk both ways, warnings) for the console's inspector. 0 (the default): off.
         */
        captureBodies: z.number().int().min(0).max(10_000).optional(),
      })
      .strict()
      .optional(),
    images: z
      .object({
        /** Largest image fetched to inline it for a dialect that takes no URLs. */
        maxBytes: positiveInteger.optional(),
        timeoutMs: positiveInteger.optional(),
        /** Most image URLs fetched for one request; more are refused before any is fetched. */
        maxImages: positiveInteger.optional(),
        /** Most bytes fetched for one request, all its images together. */
        maxTotalBytes: positiveInteger.optional(),
        /** Allow fetching from loopback and private networks (off: a request could reach internal hosts). */
        allowPrivateNetworks: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type RawConfig = z.infer<typeof configSchema>;
