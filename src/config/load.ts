import { readFileSync } from 'node:fs';
import { parseConfigText } from './config-text.js';
import { parseDatabaseUrl } from '../store/database-url.js';
import { dirname, extname, resolve as resolvePath } from 'node:path';
import { requiredOnFirstUse } from '../core/on-first-use.js';
import { configSchema, grpcDialectNames, onebotDialectNames, upstreamDialectNames, type ProviderDialectName, type RawConfig, type UpstreamDialectName } from './schema.js';
import { builtInPresets, type ProviderPreset } from '../providers/presets.js';
import { loadChatTemplate } from './chat-template-file.js';
import { cloudSettings } from './cloud-settings.js';
import { ConfigError } from './config-error.js';
import { resolvePlugins, splitModels } from './plugin-resolution.js';

export { ConfigError } from './config-error.js';
import { defaultBaseUrls, defaultSettings } from './defaults.js';
import type { GatewayConfig, GrpcServerConfig, ProviderConfig, RoutingSettings, TelemetryConfig } from './resolved-config.js';
import { onebotConfig, onebotProviderSettings } from './onebot-config.js';
import { realtimeLimits, serverLimits } from './server-limits.js';
import { describeConfigIssues, issuesText } from './describe-issues.js';
import { configuredCatalog } from './catalog-config.js';
import { withoutUrlCredentials } from '../core/url-credentials.js';
import { knownKeysAt } from './known-keys.js';
import { closestWord } from './closest-word.js';
import { duplicateJsonKeys } from './json-duplicate-keys.js';
import { placeText, substituteEnvironment, withVariablesConverted, type WrittenValues } from './environment-values.js';

/** The YAML parser (some 70 modules) loads with the first YAML file: JSON files and the environment need none. */
const yaml = requiredOnFirstUse<typeof import('yaml')>('yaml');

/** Dialects that cache only at breakpoints, where `promptCache: auto` places them (for Converse, on Claude models). */
const automaticPromptCacheDialects: readonly ProviderDialectName[] = ['anthropic', 'bedrock-anthropic', 'vertex-anthropic', 'bedrock'];

type Environment = Record<string, string | undefined>;

/** Reads a YAML (or JSON, which is YAML) file, applies `${VAR}` from the environment, and validates it. */
export function loadConfigFile(path: string, environment: Environment = process.env): GatewayConfig {
  const { document, written } = readConfigDocument(path, environment);
  return resolveConfig(document, path, dirname(resolvePath(path)), environment, written);
}

/**
 * Only the named top-level sections of a configuration file, validated and with defaults: for
 * commands that use the store and nothing else (`keys`, `usage`), so that a provider key or the
 * admin key they never use need not be in their environment.
 */
export function loadConfigSections(path: string, sections: readonly string[], environment: Environment = process.env): GatewayConfig {
  const { document, written } = readConfigDocument(path, environment, sections);
  return resolveConfig({ providers: {}, ...(document as Record<string, unknown> | null) }, path, dirname(resolvePath(path)), environment, written);
}

/** The file's document with `${VAR}` applied, and where it was written; with `sections`, only those top-level keys are kept. */
function readConfigDocument(path: string, environment: Environment, sections?: readonly string[]): { document: unknown; written: WrittenValues } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${readFailure(error as NodeJS.ErrnoException)}`);
  }
  const parsed = parseConfigText(text, extname(path) === '.json', (source) => yaml().parse(source));
  if (!parsed.ok) throw new ConfigError(`${path} ${parsed.problem}`);
  let document = parsed.document;
  // The YAML parser refuses a repeated key; JSON.parse would keep the last without a word.
  const repeated = extname(path) === '.json' ? [...new Set(duplicateJsonKeys(text))] : [];
  if (repeated.length > 0) throw new ConfigError(issuesText(path, repeated.map((place) => `${place}: given twice in one object (the second would replace the first)`)));
  if (sections !== undefined && document !== null && typeof document === 'object') {
    // The sections left out are not checked, but a misspelt one (`databse:`) must not pass for absent.
    const unknown = unknownTopLevelKeys(document);
    if (unknown.length > 0) throw new ConfigError(issuesText(path, unknown));
    document = Object.fromEntries(Object.entries(document).filter(([key]) => sections.includes(key)));
  }
  const substituted = substituteEnvironment(document, environment);
  // Named with the file, like every other complaint about it, and all at once, not one a start.
  if (substituted.unset.length > 0) throw new ConfigError(issuesText(path, substituted.unset));
  return { document: substituted.document, written: substituted.written };
}

/** Top-level keys the schema does not know, each with the closest known one, as `serve` words them. */
function unknownTopLevelKeys(document: object): string[] {
  const known = knownKeysAt(configSchema, []);
  return Object.keys(document)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const close = closestWord(key, known);
      return `${key}: unknown key${close === undefined ? '' : ` (did you mean "${close}"?)`}`;
    });
}

/** Why a file could not be read, in words; Node's own message ("ENOENT: no such file or directory, open …") for the rest. */
function readFailure(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
      return 'not allowed to read it';
    default:
      return error.message;
  }
}

/**
 * Validates an already-parsed configuration object and fills in defaults. `written` says where the
 * file had `${VAR}`: such a value may become the number or true/false the schema takes there, and a
 * complaint about it shows the `${VAR}`, not the value.
 */
export function resolveConfig(
  document: unknown,
  source = 'config',
  baseDirectory = process.cwd(),
  environment: Environment = process.env,
  written: WrittenValues = new Map(),
): GatewayConfig {
  let checked: unknown = document ?? {};
  let result = configSchema.safeParse(checked, { reportInput: true });
  // A round per layer of unions whose branches only show their complaints once the outer value fits.
  for (let round = 0; !result.success && round < 3; round += 1) {
    const converted = withVariablesConverted(checked, result.error.issues, written);
    if (converted === undefined) break;
    checked = converted;
    result = configSchema.safeParse(checked, { reportInput: true });
  }
  if (!result.success) throw new ConfigError(issuesText(source, describeConfigIssues(result.error.issues, configSchema, '', written)));
  return applyDefaults(result.data, source, baseDirectory, environment, written);
}

/**
 * With no config file, serve the providers whose usual environment variables are set, each
 * claiming its vendor's model-name prefixes so that `gpt-4.1` or `claude-sonnet-4-5` just work.
 */
export function configFromEnvironment(environment: Environment = process.env): GatewayConfig {
  const providers: NonNullable<RawConfig['providers']> = {};
  const add = (name: string, dialect: UpstreamDialectName, key: string | undefined, baseUrl: string | undefined, models: string[]) => {
    if (key === undefined || key === '') return;
    providers[name] = { dialect, apiKey: key, models, ...(baseUrl ? { baseUrl } : {}) };
  };
  add('openai', 'openai-chat', environment.OPENAI_API_KEY, environment.OPENAI_BASE_URL, ['gpt-*', 'o[0-9]*', 'chatgpt-*']);
  add('anthropic', 'anthropic', environment.ANTHROPIC_API_KEY, environment.ANTHROPIC_BASE_URL, ['claude-*']);
  add('gemini', 'gemini', environment.GEMINI_API_KEY ?? environment.GOOGLE_API_KEY, environment.GOOGLE_GEMINI_BASE_URL, ['gemini-*', 'gemma-*']);
  return resolveConfig({ providers }, 'environment', process.cwd(), environment);
}

function applyDefaults(raw: RawConfig, source: string, baseDirectory: string, environment: Environment, written: WrittenValues): GatewayConfig {
  const providers = new Map<string, ProviderConfig>();
  const presets: Record<string, ProviderPreset> = { ...builtInPresets };
  for (const [name, preset] of Object.entries(raw.presets ?? {})) {
    presets[name] = { dialect: preset.dialect, baseUrl: preset.baseUrl, quirks: preset.quirks ?? {}, auth: preset.auth ?? 'bearer' };
  }
  for (const [name, provider] of Object.entries(raw.providers)) {
    const knownDialects: readonly string[] = [...upstreamDialectNames, ...grpcDialectNames, ...onebotDialectNames];
    const isDialect = knownDialects.includes(provider.dialect);
    const preset = isDialect ? undefined : presets[provider.dialect];
    if (!isDialect && preset === undefined) {
      throw new ConfigError(
        `${source}: providers.${name}.dialect: ${shownValue(provider.dialect, ['providers', name, 'dialect'], written)} is neither a dialect (${knownDialects.join(', ')}) nor a preset (${Object.keys(presets).join(', ')})`,
      );
    }
    const dialect = preset?.dialect ?? (provider.dialect as ProviderDialectName);
    const region = providerRegion(preset === undefined ? provider.region : undefined, dialect, `${source}: providers.${name}.region`, environment);
    const cloud = cloudSettings(provider, dialect, `${source}: providers.${name}`, baseDirectory);
    const presetUrl = preset === undefined ? undefined : presetBaseUrl(preset, provider.region, provider.dialect, `${source}: providers.${name}.region`);
    const baseUrl = providerBaseUrl(provider.baseUrl ?? presetUrl ?? cloud.defaultBaseUrl, dialect, `${source}: providers.${name}.baseUrl`, region, provider.baseUrl === undefined ? undefined : written.get(`providers.${name}.baseUrl`));
    if (provider.quirks !== undefined && dialect !== 'openai-chat') {
      throw new ConfigError(`${source}: providers.${name}.quirks: quirks apply to openai-chat providers only, not ${dialect}`);
    }
    const resolved: ProviderConfig = {
      name,
      dialect,
      // A preset is a compatible service: OpenAI's allowed_tools choice is its own API's (quirks.ts), unless the preset says so.
      quirks: { ...(preset === undefined ? {} : { allowedToolsChoice: false }), ...preset?.quirks, ...provider.quirks },
      auth: preset?.auth ?? cloud.auth ?? 'bearer',
      baseUrl,
      headers: provider.headers ?? {},
      modelPatterns: (provider.models ?? []).map(globToRegExp),
      defaultMaxTokens: provider.defaultMaxTokens ?? defaultSettings.defaultMaxTokens,
      promptCache: provider.promptCache ?? 'caller',
      timeoutMs: provider.timeoutMs ?? defaultSettings.timeoutMs,
      maxConnections: provider.maxConnections ?? defaultSettings.upstreamMaxConnections,
    };
    if (provider.apiKey !== undefined && provider.apiKey !== '') resolved.apiKey = provider.apiKey;
    if (region !== undefined) resolved.region = region;
    if (cloud.apiVersion !== undefined) resolved.apiVersion = cloud.apiVersion;
    if (cloud.vertex !== undefined) resolved.vertex = cloud.vertex;
    if (preset !== undefined) resolved.preset = provider.dialect;
    if ((provider.chatTemplate !== undefined || provider.stopTokens !== undefined) && dialect !== 'openai-completions') {
      throw new ConfigError(`${source}: providers.${name}: chatTemplate and stopTokens apply to openai-completions providers only, not ${dialect}`);
    }
    if (provider.chatTemplate !== undefined) resolved.chatTemplate = loadChatTemplate(provider.chatTemplate, `${source}: providers.${name}.chatTemplate`, baseDirectory);
    if (provider.stopTokens !== undefined) resolved.stopTokens = provider.stopTokens;
    if (provider.promptCache === 'auto' && !automaticPromptCacheDialects.includes(dialect)) {
      throw new ConfigError(
        `${source}: providers.${name}.promptCache: "auto" applies to ${automaticPromptCacheDialects.join(', ')} providers only (others cache by prefix on their own), not ${dialect}`,
      );
    }
    if (provider.onebot !== undefined && dialect !== 'onebot') throw new ConfigError(`${source}: providers.${name}.onebot: applies to onebot providers only, not ${dialect}`);
    if (dialect === 'onebot') resolved.onebot = onebotProviderSettings(provider.onebot);
    providers.set(name, resolved);
  }
  const plugins = resolvePlugins(raw.plugins, source, baseDirectory);
  const { models, modelPlugins, ownRouting } = splitModels(raw.models, plugins, source);
  const routing = routingSettings(raw.routing, undefined);
  const modelRouting = new Map<string, RoutingSettings>();
  for (const [model, deployments] of models) {
    const where = Array.isArray(raw.models?.[model]) ? `models.${model}` : `models.${model}.deployments`;
    deployments.forEach((deployment, index) => {
      if (!providers.has(deployment.provider)) {
        throw new ConfigError(
          `${source}: ${where}[${index}].provider: "${deployment.provider}" is not a provider defined under providers (known: ${[...providers.keys()].join(', ') || 'none'})`,
        );
      }
    });
    const own = ownRouting.get(model);
    if (own !== undefined) modelRouting.set(model, routingSettings(own, raw.routing));
  }
  if (raw.cache?.store === 'redis' && raw.redis === undefined) throw new ConfigError(`${source}: cache.store: "redis" needs a redis section with its url`);
  const grpc = raw.grpc === undefined ? undefined : grpcServerConfig(raw.grpc, `${source}: grpc`, baseDirectory);
  const onebot = raw.onebot === undefined ? undefined : onebotConfig(raw.onebot, `${source}: onebot`, defaultSettings.host, raw.auth?.required ?? false);
  const limits = serverLimits(raw.server, source);
  const config: GatewayConfig = {
    ...(grpc !== undefined ? { grpc } : {}),
    ...(onebot !== undefined ? { onebot } : {}),
    server: {
      host: raw.server?.host ?? defaultSettings.host,
      port: raw.server?.port ?? defaultSettings.port,
      maxBodyBytes: raw.server?.maxBodyBytes ?? defaultSettings.maxBodyBytes,
      drainMs: raw.server?.drainMs ?? defaultSettings.drainMs,
      corsOrigins: raw.server?.corsOrigins ?? [],
      ...limits,
      realtime: realtimeLimits(raw.server, limits.maxConnections, source),
    },
    providers,
    models,
    plugins,
    modelPlugins,
    routing,
    modelRouting,
    logging: { level: raw.logging?.level ?? 'info', bodies: raw.logging?.bodies ?? false },
    retry: {
      attempts: raw.retry?.attempts ?? defaultSettings.retryAttempts,
      initialDelayMs: raw.retry?.initialDelayMs ?? defaultSettings.retryInitialDelayMs,
      maxDelayMs: raw.retry?.maxDelayMs ?? defaultSettings.retryMaxDelayMs,
    },
    images: {
      maxBytes: raw.images?.maxBytes ?? defaultSettings.imageMaxBytes,
      timeoutMs: raw.images?.timeoutMs ?? defaultSettings.imageTimeoutMs,
      maxImages: raw.images?.maxImages ?? defaultSettings.imageMaxCount,
      maxTotalBytes: raw.images?.maxTotalBytes ?? defaultSettings.imageMaxTotalBytes,
      allowPrivateNetworks: raw.images?.allowPrivateNetworks ?? false,
    },
    auth: { required: raw.auth?.required ?? false },
    prices: raw.prices ?? {},
    catalog: configuredCatalog(raw.catalog ?? {}),
    console: { captureBodies: raw.console?.captureBodies ?? 0 },
  };
  if (raw.adminKey !== undefined) config.adminKey = raw.adminKey;
  if (raw.metrics?.requireAuth ?? raw.metrics?.token !== undefined) config.metricsAuth = raw.metrics?.token === undefined ? {} : { token: raw.metrics.token };
  if (raw.redis !== undefined) config.redis = { url: raw.redis.url, keyPrefix: raw.redis.keyPrefix ?? defaultSettings.redisKeyPrefix, onOutage: raw.redis.onOutage ?? 'degrade' };
  if (raw.redis?.spillFile !== undefined) config.jobSpillFile = resolvePath(baseDirectory, raw.redis.spillFile);
  if (raw.cache !== undefined) {
    config.cache = {
      ttlMs: (raw.cache.ttlSeconds ?? defaultSettings.cacheTtlMs / 1000) * 1000,
      maxEntries: raw.cache.maxEntries ?? defaultSettings.cacheMaxEntries,
      store: raw.cache.store ?? 'memory',
      scope: raw.cache.scope ?? 'key',
    };
  }
  const telemetry = telemetryConfig(raw.telemetry, environment);
  if (telemetry !== undefined) config.telemetry = telemetry;
  if (raw.database !== undefined) {
    try {
      config.database = parseDatabaseUrl(raw.database.url, baseDirectory);
      if (raw.database.spillFile !== undefined) config.usageSpillFile = resolvePath(baseDirectory, raw.database.spillFile);
    } catch (error) {
      throw new ConfigError(`${source}: ${(error as Error).message}`);
    }
  }
  return config;
}

/** A model's own routing over the global one, over the defaults: each key falls back on its own. */
function routingSettings(own: RawConfig['routing'], global: RawConfig['routing']): RoutingSettings {
  const pick = <K extends keyof NonNullable<RawConfig['routing']>>(key: K) => own?.[key] ?? global?.[key];
  const cooldown = pick('cooldown');
  const settings: RoutingSettings = {
    strategy: pick('strategy') ?? 'ordered',
    sticky: pick('sticky') ?? false,
    stickyMs: (pick('stickySeconds') ?? defaultSettings.stickyMs / 1000) * 1000,
  };
  if (cooldown !== false) {
    settings.cooldown = {
      failures: cooldown?.failures ?? defaultSettings.cooldownFailures,
      windowMs: cooldown?.windowMs ?? defaultSettings.cooldownWindowMs,
      cooldownMs: cooldown?.cooldownMs ?? defaultSettings.cooldownMs,
    };
  }
  return settings;
}

/**
 * Traces are on when an endpoint is configured, here or in the standard OTEL_EXPORTER_OTLP_ENDPOINT
 * (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, a full URL, wins). See
 * https://opentelemetry.io/docs/specs/otel/protocol/exporter/ for how the path is appended.
 */
function telemetryConfig(raw: RawConfig['telemetry'], environment: Environment): TelemetryConfig | undefined {
  const tracesEndpoint = environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = raw?.otlpEndpoint ?? environment.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl = raw?.otlpEndpoint === undefined && tracesEndpoint ? tracesEndpoint : base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
  if (tracesUrl === undefined) return undefined;
  return { tracesUrl, serviceName: raw?.serviceName ?? environment.OTEL_SERVICE_NAME ?? defaultSettings.serviceName, headers: raw?.headers ?? {} };
}

/**
 * The base URL with its trailing slashes trimmed. HTTP dialects take http(s) and default to the
 * vendor's public URL; a ChatHub upstream has no public default and is addressed as grpc(s)://.
 * A complaint shows the URL without its user-info, or the `${VAR}` it was written as.
 */
function providerBaseUrl(configured: string | undefined, dialect: ProviderDialectName, where: string, region: string | undefined, writtenAs: string | undefined): string {
  const shown = (url: string) => (writtenAs === undefined ? `"${withoutUrlCredentials(url)}"` : `${JSON.stringify(writtenAs)} (its value is not shown)`);
  if (dialect === 'onebot') {
    if (configured === undefined) throw new ConfigError(`${where}: a onebot provider needs the bot application's ws://host:port/path (or wss://)`);
    if (!/^wss?:\/\//.test(configured)) throw new ConfigError(`${where}: ${shown(configured)} is not a ws:// or wss:// URL, which a onebot provider needs`);
    return configured;
  }
  if (dialect === 'chathub') {
    if (configured === undefined) throw new ConfigError(`${where}: a chathub provider needs grpc://host:port (or grpcs://host:port for TLS)`);
    if (!/^grpcs?:\/\//.test(configured)) throw new ConfigError(`${where}: ${shown(configured)} is not grpc://host:port or grpcs://host:port, which a chathub provider needs`);
    return configured.replace(/\/+$/, '');
  }
  const url = configured ?? defaultBaseUrls[dialect].replace('{region}', region ?? '');
  if (!/^https?:\/\//.test(url)) throw new ConfigError(`${where}: ${shown(url)} is not an http(s) URL, which a ${dialect} provider needs`);
  // Paths (`/chat/completions`) are joined onto the base URL, so `?api-key=…` would end up inside them.
  // No HTTP provider takes a query here: Azure's api-version has its own `apiVersion` setting.
  if (/[?#]/.test(url)) {
    throw new ConfigError(
      `${where}: ${shown(url.replace(/[?#].*$/s, ''))} is followed by a query or fragment (?… or #…), which a base URL cannot take: request paths are added after it; put a key in apiKey or headers`,
    );
  }
  return url.replace(/\/+$/, '');
}

/**
 * A preset's base URL, its `{region}` the provider's `region:` or the preset's default; a region
 * given to a preset whose host names none is refused as for any other provider that takes none.
 */
function presetBaseUrl(preset: ProviderPreset, configured: string | undefined, presetName: string, where: string): string {
  if (preset.defaultRegion === undefined) {
    if (configured !== undefined) throw new ConfigError(`${where}: a region applies to bedrock and bedrock-anthropic providers only (and the bedrock-openai preset), not ${presetName}`);
    return preset.baseUrl;
  }
  return preset.baseUrl.replace('{region}', configured ?? preset.defaultRegion);
}

/**
 * A Bedrock provider's AWS region: configured, or the environment's `AWS_REGION` /
 * `AWS_DEFAULT_REGION`, where the AWS SDKs look for it
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html). Other dialects take none.
 */
function providerRegion(configured: string | undefined, dialect: ProviderDialectName, where: string, environment: Environment): string | undefined {
  if (dialect !== 'bedrock' && dialect !== 'bedrock-anthropic') {
    if (configured !== undefined) throw new ConfigError(`${where}: a region applies to bedrock and bedrock-anthropic providers only (and the bedrock-openai preset), not ${dialect}`);
    return undefined;
  }
  const region = configured ?? environment.AWS_REGION ?? environment.AWS_DEFAULT_REGION;
  if (region === undefined || region === '') throw new ConfigError(`${where}: a ${dialect} provider needs its AWS region (us-east-1), here or in AWS_REGION`);
  return region;
}

function grpcServerConfig(raw: NonNullable<RawConfig['grpc']>, where: string, baseDirectory: string): GrpcServerConfig {
  const config: GrpcServerConfig = { host: raw.host ?? defaultSettings.host, port: raw.port };
  if (raw.defaultModel !== undefined) config.defaultModel = raw.defaultModel;
  if (raw.tls !== undefined) {
    config.tls = {
      certificateChain: readConfiguredFile(raw.tls.certFile, `${where}.tls.certFile`, baseDirectory),
      privateKey: readConfiguredFile(raw.tls.keyFile, `${where}.tls.keyFile`, baseDirectory),
    };
  }
  return config;
}

function readConfiguredFile(path: string, where: string, baseDirectory: string): Buffer {
  const absolute = resolvePath(baseDirectory, path);
  try {
    return readFileSync(absolute);
  } catch (error) {
    throw new ConfigError(`${where}: cannot read ${absolute}: ${(error as Error).message}`);
  }
}

/** A value in a complaint: quoted as found, or, where the file had `${VAR}`, as written there. */
function shownValue(value: string, path: readonly PropertyKey[], written: WrittenValues): string {
  const text = written.get(placeText(path));
  return text === undefined ? JSON.stringify(value) : `${JSON.stringify(text)} (its value is not shown)`;
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] ?? '';
    if (character === '*') source += '.*';
    else if (character === '?') source += '.';
    else if (character === '[') {
      const close = pattern.indexOf(']', index);
      if (close === -1) source += '\\[';
      else {
        source += pattern.slice(index, close + 1);
        index = close;
      }
    } else source += character.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
