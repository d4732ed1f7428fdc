import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OnebotBotConfig, OnebotConfig } from '../config/resolved-config.js';
import type { BotChatRunner } from './model-as-bot/bot-chat-runner.js';
import type { Logger } from '../gateway/logger.js';
import type { InFlight } from '../gateway/in-flight.js';
import { defaultSettings } from '../config/defaults.js';
import { takesEvents } from '../config/onebot-config.js';
import { ForwardWsClient } from './links/forward-ws-client.js';
import { HttpActionLink } from './links/http-action-link.js';
import { HttpEventPoller } from './links/http-event-poller.js';
import { ReverseWsEndpoint } from './links/reverse-ws-endpoint.js';
import { WebhookEndpoint } from './links/webhook-endpoint.js';
import { BotApplication, defaultBotApplicationBounds } from './model-as-bot/bot-application.js';
import type { ImageLimits } from './model-as-bot/message-images.js';
import { botIdentity } from './model-as-bot/bot-identity.js';
import type { ChatRef } from './model-as-bot/chat-ref.js';

export type { ChatRef } from './model-as-bot/chat-ref.js';

/** One configured bot with the link that carries it. */
interface BotEntry {
  /** The bot's configuration as text, to tell on a reload whether it changed. */
  definition: string;
  application: BotApplication;
  client?: { start(): void; close(): void };
  reverse?: ReverseWsEndpoint;
  webhook?: WebhookEndpoint;
}

/**
 * Models as chat bots on OneBot 12 implementations, one `BotApplication` per configured bot,
 * each over its transport: connections it opens (forward-ws, http) start with `start()`;
 * endpoints it listens on (reverse-ws, webhook) are offered every upgrade and request through
 * `handleUpgrade` / `handleRequest`, on the gateway's server or a listener of their own.
 */
export class OnebotBridge {
  private entries: BotEntry[] = [];
  private started = false;
  /** `onebot.maxMessageBytes`, for the links of bots set up from now on. */
  private maxMessageBytes: number;

  constructor(
    config: OnebotConfig | undefined,
    private readonly runner: BotChatRunner,
    private readonly logger: Logger,
    private readonly inFlight?: InFlight,
    /** The configuration's `images` limits, applied to each message's images; their defaults when absent. */
    private readonly images?: ImageLimits,
  ) {
    this.maxMessageBytes = config?.maxMessageBytes ?? defaultSettings.onebotMaxMessageBytes;
    this.entries = (config?.bots ?? []).map((bot) => this.entryFor(bot));
    this.warnSharedIdentities();
    this.warnOpenEndpoints();
  }

  get bots(): BotApplication[] {
    return this.entries.map((entry) => entry.application);
  }

  /**
   * Takes a reloaded `onebot.bots`: a bot whose settings are unchanged keeps its connection and
   * chat histories; a changed one is closed and set up anew (a new address is dialled, a new path
   * listened on), a removed one closed, an added one started.
   */
  reload(config: OnebotConfig | undefined): void {
    this.maxMessageBytes = config?.maxMessageBytes ?? defaultSettings.onebotMaxMessageBytes;
    const previous = new Map(this.entries.map((entry) => [entry.definition, entry]));
    const entries = (config?.bots ?? []).map((bot) => {
      const definition = JSON.stringify(bot);
      const kept = previous.get(definition);
      if (kept !== undefined) {
        previous.delete(definition);
        return kept;
      }
      const entry = this.entryFor(bot);
      if (this.started) entry.client?.start();
      return entry;
    });
    for (const retired of previous.values()) closeEntry(retired);
    this.entries = entries;
    this.warnSharedIdentities();
    this.warnOpenEndpoints();
  }

  /**
   * A bot that takes events without a token answers whoever reaches its path, as any user of any
   * chat: allowed only without `auth.required` (onebot-config.ts), and said whenever bots are set up.
   */
  private warnOpenEndpoints(): void {
    for (const entry of this.entries) {
      const { transport, url, accessToken } = entry.application.config;
      if (!takesEvents(transport) || accessToken !== undefined) continue;
      this.logger.warn('onebot bot takes events without an accessToken: whoever reaches its path can post as any user and is answered from that chat\'s history', { transport, path: url });
    }
  }

  /** Bots with the same transport and `url` share one identity, so their chats' jobs and results are not kept apart. */
  private warnSharedIdentities(): void {
    const seen = new Set<string>();
    for (const entry of this.entries) {
      const identity = botIdentity(entry.application.config);
      if (seen.has(identity)) this.logger.warn('onebot bots share a transport and url: their chats\' plugin results are not kept apart', { transport: entry.application.config.transport });
      seen.add(identity);
    }
  }

  private entryFor(bot: OnebotBotConfig): BotEntry {
    const bounds = this.images === undefined ? defaultBotApplicationBounds : { ...defaultBotApplicationBounds, images: { maxImages: this.images.maxImages, maxTotalBytes: this.images.maxTotalBytes } };
    // Each bot runs as its own owner: what its chats start and are owed is never another bot's (bot-identity.ts).
    const runner = this.runner.forBot?.(botIdentity(bot)) ?? this.runner;
    const application = new BotApplication(bot, runner, this.logger, this.inFlight, bounds);
    const entry: BotEntry = { definition: JSON.stringify(bot), application };
    const sink = (event: unknown, link: Parameters<BotApplication['handleEvent']>[1]) => void application.handleEvent(event, link);
    const token = bot.accessToken === undefined ? {} : { accessToken: bot.accessToken };
    switch (bot.transport) {
      case 'forward-ws':
        entry.client = new ForwardWsClient({ url: bot.url, ...token, reconnect: bot.reconnect, actionTimeoutMs: bot.actionTimeoutMs, maxMessageBytes: this.maxMessageBytes }, sink, this.logger);
        break;
      case 'reverse-ws':
        entry.reverse = new ReverseWsEndpoint({ path: bot.url, ...token, actionTimeoutMs: bot.actionTimeoutMs, maxMessageBytes: this.maxMessageBytes }, sink, this.logger);
        break;
      case 'http': {
        const link = new HttpActionLink(bot.url, bot.accessToken, bot.actionTimeoutMs + bot.pollTimeoutSeconds * 1000);
        entry.client = new HttpEventPoller(link, { timeoutSeconds: bot.pollTimeoutSeconds, reconnect: bot.reconnect }, sink, this.logger);
        break;
      }
      case 'webhook': {
        const actions = bot.actionUrl === undefined ? undefined : new HttpActionLink(bot.actionUrl, bot.accessToken, bot.actionTimeoutMs);
        entry.webhook = new WebhookEndpoint({ path: bot.url, ...token, maxBodyBytes: this.maxMessageBytes }, actions, (event, link) => application.handleEvent(event, link), this.logger);
        break;
      }
      default: {
        const unknown: never = bot.transport;
        throw new Error(`unknown OneBot transport ${String(unknown)}`);
      }
    }
    return entry;
  }

  /** Opens the connections this side makes (forward WebSocket, HTTP polling). */
  start(): void {
    this.started = true;
    for (const entry of this.entries) entry.client?.start();
  }

  /** True when the upgrade was for a reverse-ws path and has been taken. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.entries.some((entry) => entry.reverse?.handleUpgrade(request, socket, head) === true);
  }

  /** True when the request was for a webhook path and has been (or is being) answered. */
  async handleRequest(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    for (const entry of this.entries) if (entry.webhook !== undefined && (await entry.webhook.handleRequest(request, response))) return true;
    return false;
  }

  /** Whether any bot listens for webhook posts (checked on every request, so kept cheap). */
  get hasWebhooks(): boolean {
    return this.entries.some((entry) => entry.webhook !== undefined);
  }

  /** Whether a request path belongs to a webhook (checked before the gateway's own routes). */
  ownsPath(path: string): boolean {
    return this.entries.some((entry) => entry.webhook?.path === path);
  }

  /**
   * The entry point for results that arrive later (asynchronous tool or plugin results): posts
   * `text` into `chat` as the bot that serves it, and adds it to the chat's history.
   */
  async deliver(chat: ChatRef, text: string): Promise<void> {
    const bot = this.bots.find((candidate) => candidate.serves(chat.self));
    if (bot === undefined) throw new Error(`no configured OneBot bot serves ${chat.self.platform}/${chat.self.user_id}`);
    await bot.deliver(chat, text);
  }

  /** Resolves when every reply under way has been sent. */
  async idle(): Promise<void> {
    await Promise.all(this.bots.map((bot) => bot.idle()));
  }

  /** A shutdown began: no new turns, while those under way finish and their replies go out. */
  stopAnswering(): void {
    for (const bot of this.bots) bot.stopAnswering();
  }

  close(): void {
    for (const entry of this.entries) closeEntry(entry);
  }
}

function closeEntry(entry: BotEntry): void {
  entry.client?.close();
  entry.reverse?.close();
  entry.application.stopListening();
}
