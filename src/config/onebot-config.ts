import type { RawConfig } from './schema.js';
import type { OnebotBotConfig, OnebotConfig, OnebotProviderSettings } from './resolved-config.js';
import { ConfigError } from './config-error.js';
import { defaultSettings } from './defaults.js';

/** Defaults of a OneBot bot: QQ-like limits and a history long enough to follow a group thread. */
const botDefaults = {
  replyMode: 'sentences',
  maxMessageLength: 2000,
  historyMessages: 30,
  initialDelayMs: 1_000,
  maxDelayMs: 60_000,
  actionTimeoutMs: 30_000,
  pollTimeoutSeconds: 30,
} as const;

/**
 * The `onebot:` section with defaults filled in; each bot's `url` is checked against its transport.
 * With `auth.required`, a bot that takes events (reverse-ws, webhook) must check a token: without
 * one, whoever reaches its path could post events as any user, so use its model without a gateway
 * key and be answered from that chat's history.
 */
export function onebotConfig(raw: NonNullable<RawConfig['onebot']>, where: string, defaultHost: string, authRequired = false): OnebotConfig {
  const bots = raw.bots.map((bot, index): OnebotBotConfig => {
    const at = `${where}.bots[${index}]`;
    checkUrl(bot.transport, bot.url, `${at}.url`);
    if (authRequired && takesEvents(bot.transport) && (bot.accessToken === undefined || bot.accessToken === '')) {
      throw new ConfigError(
        `${at}.accessToken: a ${bot.transport} bot takes events from whoever reaches ${bot.url}; with auth.required it needs an accessToken, or anyone could use "${bot.model}" without a gateway key and read its chats`,
      );
    }
    if (bot.actionUrl !== undefined && bot.transport !== 'webhook') throw new ConfigError(`${at}.actionUrl: applies to the webhook transport only, not ${bot.transport}`);
    if (bot.replyMode === 'edit' && bot.editAction === undefined) throw new ConfigError(`${at}.editAction: replyMode edit needs the implementation's edit action name`);
    const config: OnebotBotConfig = {
      transport: bot.transport,
      url: bot.url,
      model: bot.model,
      prefixes: bot.prefixes ?? [],
      replyMode: bot.replyMode ?? botDefaults.replyMode,
      maxMessageLength: bot.maxMessageLength ?? botDefaults.maxMessageLength,
      historyMessages: bot.historyMessages ?? botDefaults.historyMessages,
      reconnect: {
        initialDelayMs: bot.reconnect?.initialDelayMs ?? botDefaults.initialDelayMs,
        maxDelayMs: bot.reconnect?.maxDelayMs ?? botDefaults.maxDelayMs,
      },
      actionTimeoutMs: bot.actionTimeoutMs ?? botDefaults.actionTimeoutMs,
      pollTimeoutSeconds: bot.pollTimeoutSeconds ?? botDefaults.pollTimeoutSeconds,
    };
    if (bot.actionUrl !== undefined) config.actionUrl = bot.actionUrl;
    if (bot.accessToken !== undefined && bot.accessToken !== '') config.accessToken = bot.accessToken;
    if (bot.systemPrompt !== undefined) config.systemPrompt = bot.systemPrompt;
    if (bot.editAction !== undefined) config.editAction = bot.editAction;
    if (bot.maxConcurrentTurns !== undefined) config.maxConcurrentTurns = bot.maxConcurrentTurns;
    if (bot.maxWaitingTurns !== undefined) config.maxWaitingTurns = bot.maxWaitingTurns;
    return config;
  });
  return {
    bots,
    maxMessageBytes: raw.maxMessageBytes ?? defaultSettings.onebotMaxMessageBytes,
    ...(raw.listen !== undefined ? { listen: { host: raw.listen.host ?? defaultHost, port: raw.listen.port } } : {}),
  };
}

/** The transports on which implementations connect to the gateway, rather than the gateway to them. */
export function takesEvents(transport: OnebotBotConfig['transport']): boolean {
  return transport === 'reverse-ws' || transport === 'webhook';
}

function checkUrl(transport: OnebotBotConfig['transport'], url: string, where: string): void {
  const wanted = { 'forward-ws': /^wss?:\/\/[^/]/, http: /^https?:\/\/[^/]/, 'reverse-ws': /^\/[^?#]*$/, webhook: /^\/[^?#]*$/ }[transport];
  if (wanted.test(url)) return;
  const expected = { 'forward-ws': 'a ws:// or wss:// URL', http: 'an http:// or https:// URL', 'reverse-ws': 'a path such as /onebot/v12/ws', webhook: 'a path such as /onebot/v12/webhook' }[transport];
  throw new ConfigError(`${where}: "${url}" is not ${expected}, which the ${transport} transport needs`);
}

/** A onebot provider's settings with defaults: two seconds of silence end an answer. */
export function onebotProviderSettings(raw: { quietMs?: number | undefined; platform?: string | undefined } | undefined): OnebotProviderSettings {
  return { quietMs: raw?.quietMs ?? 2_000, platform: raw?.platform ?? 'interlingua' };
}
