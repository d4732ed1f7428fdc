import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OnebotConfig } from '../config/resolved-config.js';
import type { BotChatRunner } from './model-as-bot/bot-chat-runner.js';
import type { Logger } from '../gateway/logger.js';
import type { InFlight } from '../gateway/in-flight.js';
import { ForwardWsClient } from './links/forward-ws-client.js';
import { HttpActionLink } from './links/http-action-link.js';
import { HttpEventPoller } from './links/http-event-poller.js';
import { ReverseWsEndpoint } from './links/reverse-ws-endpoint.js';
import { WebhookEndpoint } from './links/webhook-endpoint.js';
import { BotApplication } from './model-as-bot/bot-application.js';
import type { ChatRef } from './model-as-bot/chat-ref.js';

export type { ChatRef } from './model-as-bot/chat-ref.js';

const webhookMaxBodyBytes = 16 * 1024 * 1024;

/**
 * Models as chat bots on OneBot 12 implementations, one `BotApplication` per configured bot,
 * each over its transport: connections it opens (forward-ws, http) start with `start()`;
 * endpoints it listens on (reverse-ws, webhook) are offered every upgrade and request through
 * `handleUpgrade` / `handleRequest`, on the gateway's server or a listener of their own.
 */
export class OnebotBridge {
  readonly bots: BotApplication[] = [];
  private readonly clients: Array<{ start(): void; close(): void }> = [];
  private readonly reverseEndpoints: ReverseWsEndpoint[] = [];
  private readonly webhooks: WebhookEndpoint[] = [];

  constructor(config: OnebotConfig, runner: BotChatRunner, logger: Logger, inFlight?: InFlight) {
    for (const bot of config.bots) {
      const application = new BotApplication(bot, runner, logger, inFlight);
      this.bots.push(application);
      const sink = (event: unknown, link: Parameters<BotApplication['handleEvent']>[1]) => void application.handleEvent(event, link);
      const token = bot.accessToken === undefined ? {} : { accessToken: bot.accessToken };
      switch (bot.transport) {
        case 'forward-ws':
          this.clients.push(new ForwardWsClient({ url: bot.url, ...token, reconnect: bot.reconnect, actionTimeoutMs: bot.actionTimeoutMs }, sink, logger));
          break;
        case 'reverse-ws':
          this.reverseEndpoints.push(new ReverseWsEndpoint({ path: bot.url, ...token, actionTimeoutMs: bot.actionTimeoutMs }, sink, logger));
          break;
        case 'http': {
          const link = new HttpActionLink(bot.url, bot.accessToken, bot.actionTimeoutMs + bot.pollTimeoutSeconds * 1000);
          this.clients.push(new HttpEventPoller(link, { timeoutSeconds: bot.pollTimeoutSeconds, reconnect: bot.reconnect }, sink, logger));
          break;
        }
        case 'webhook': {
          const actions = bot.actionUrl === undefined ? undefined : new HttpActionLink(bot.actionUrl, bot.accessToken, bot.actionTimeoutMs);
          this.webhooks.push(new WebhookEndpoint({ path: bot.url, ...token, maxBodyBytes: webhookMaxBodyBytes }, actions, (event, link) => application.handleEvent(event, link), logger));
          break;
        }
        default: {
          const unknown: never = bot.transport;
          throw new Error(`unknown OneBot transport ${String(unknown)}`);
        }
      }
    }
  }

  /** Opens the connections this side makes (forward WebSocket, HTTP polling). */
  start(): void {
    for (const client of this.clients) client.start();
  }

  /** True when the upgrade was for a reverse-ws path and has been taken. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.reverseEndpoints.some((endpoint) => endpoint.handleUpgrade(request, socket, head));
  }

  /** True when the request was for a webhook path and has been (or is being) answered. */
  async handleRequest(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    for (const webhook of this.webhooks) if (await webhook.handleRequest(request, response)) return true;
    return false;
  }

  /** Whether a request path belongs to a webhook (checked before the gateway's own routes). */
  ownsPath(path: string): boolean {
    return this.webhooks.some((webhook) => webhook.path === path);
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
    for (const client of this.clients) client.close();
    for (const endpoint of this.reverseEndpoints) endpoint.close();
  }
}
