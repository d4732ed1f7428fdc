import type { OnebotBotConfig } from '../../config/resolved-config.js';
import type { ImagePart } from '../../interlingua/content.js';
import type { ChatRequest } from '../../interlingua/request.js';
import { Cancellation } from '../../gateway/cancellation.js';
import type { InFlight } from '../../gateway/in-flight.js';
import { createHash } from 'node:crypto';
import { streamEvents } from '../../gateway/chat-engine.js';
import type { BotChatRunner } from './bot-chat-runner.js';
import type { Logger } from '../../gateway/logger.js';
import type { OnebotLink } from '../links/onebot-link.js';
import { eventSchema, fileSchema, messageEventSchema, statusSchema, type BotSelf, type MessageEvent, type Segment } from '../wire-types.js';
import { addressedBy } from './addressing.js';
import { ChatHistories, rememberedChats } from './chat-history.js';
import { RecentMap } from '../../core/recent-map.js';
import { RecentSubscriptions } from './recent-subscriptions.js';
import { chatKey, chatRefOf, type ChatRef } from './chat-ref.js';
import { MessageDedupe } from './message-dedupe.js';
import { ReplySender } from './reply-sender.js';
import { ReplyStreamer } from './reply-streamer.js';
import { segmentParts } from './segment-parts.js';
import { imageMediaTypeOfBytes } from '../../core/image-signature.js';

/** What a link told us about itself through meta events and meta actions. */
interface LinkState {
  /** The accounts it lists online, by `botKey`, in the order they came online. */
  bots: Map<string, BotSelf>;
  impl?: string;
  supportedActions?: Promise<string[]>;
}

const ownMessageMemory = 1_000;

/**
 * How many chats and bot accounts one bot keeps state for. Both are named by the implementation's
 * peers (a chat by whoever writes, an account by `self`), so each map is bounded: chats as their
 * histories are (`rememberedChats`), accounts to 1,000: one connection usually carries one
 * account, a multi-account implementation a handful, so only made-up `self`s reach the bound.
 */
export interface BotApplicationBounds {
  chats: number;
  bots: number;
}

export const defaultBotApplicationBounds: BotApplicationBounds = { chats: rememberedChats, bots: 1_000 };

/**
 * One configured bot: a model behind one OneBot connection, which may carry several bot
 * accounts (`self`). Message events become conversations, one history per chat; in groups
 * and channels the bot listens to everything and answers only when addressed.
 */
export class BotApplication {
  private readonly histories: ChatHistories;
  private readonly dedupe = new MessageDedupe();
  private readonly ownMessages = new Set<string>();
  private readonly links = new WeakMap<OnebotLink, LinkState>();
  /** The last link each bot account was seen on, for messages the bot starts itself; the accounts seen last. */
  private readonly linkOfBot: RecentMap<string, OnebotLink>;
  private readonly running = new Set<Promise<void>>();
  /** Chats whose later results (async plugins) are posted as they come: those answered last. */
  private readonly listening: RecentSubscriptions;
  /** The answer under way in each chat, settled either way: later results wait for it. */
  private readonly turnsUnderWay = new Map<string, Promise<void>>();
  /** Set when the gateway shuts down: messages still arriving are no longer answered. */
  private answering = true;

  constructor(
    readonly config: OnebotBotConfig,
    private readonly runner: BotChatRunner,
    private readonly logger: Logger,
    /** The gateway's work in flight: a shutdown waits for turns under way and cuts them at its deadline. */
    private readonly inFlight?: InFlight,
    /** Smaller in tests, to reach the bounds with a few chats. */
    private readonly bounds: BotApplicationBounds = defaultBotApplicationBounds,
  ) {
    this.histories = new ChatHistories(config.historyMessages, bounds.chats);
    this.linkOfBot = new RecentMap(bounds.bots);
    this.listening = new RecentSubscriptions(bounds.chats);
  }

  /** How many chats listen for later results and how many accounts have a known link; read-only, for tests and diagnostics. */
  get kept(): { listeningChats: number; botLinks: number } {
    return { listeningChats: this.listening.size, botLinks: this.linkOfBot.size };
  }

  /** Whether this bot is the one reached through `self` (for `deliver`). */
  serves(self: BotSelf): boolean {
    return this.linkOfBot.has(botKey(self));
  }

  /** Takes any frame an implementation pushed; resolves when whatever it caused is done. */
  handleEvent(raw: unknown, link: OnebotLink): Promise<void> {
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) {
      this.logger.warn('onebot event ignored: not an event', { link: link.description });
      return Promise.resolve();
    }
    const event = parsed.data;
    const state = this.stateOf(link);
    if (event.self !== undefined) this.linkOfBot.set(botKey(event.self), link);
    if (event.type === 'meta') {
      this.onMeta(event, state, link);
      return Promise.resolve();
    }
    if (event.type !== 'message') return Promise.resolve();
    const message = messageEventSchema.safeParse(raw);
    if (!message.success) {
      this.logger.warn('onebot message ignored: malformed', { link: link.description });
      return Promise.resolve();
    }
    return this.track(this.onMessage(message.data, link, state).catch((error: unknown) => this.logger.error('onebot reply failed', { link: link.description, error: String(error) })));
  }

  /** Work under way, so `idle` can wait for it. */
  private track(work: Promise<void>): Promise<void> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    return work;
  }

  /**
   * Sends text the bot did not produce in answer to a message (an asynchronous tool result) into
   * a chat, and keeps it in the chat's history so the model knows it was said.
   */
  async deliver(chat: ChatRef, text: string): Promise<void> {
    const link = this.linkOfBot.get(botKey(chat.self));
    if (link === undefined) throw new Error(`no connection carries bot ${botKey(chat.self)}`);
    const sender = new ReplySender(link, chat, undefined, this.config.maxMessageLength);
    await sender.send(text);
    const failure = await sender.done();
    this.remember(sender.sentMessageIds);
    if (failure !== undefined) throw new Error(failure);
    this.histories.append(chatKey(chat), { role: 'assistant', content: [{ type: 'text', text }] });
  }

  /** Results that finish after the turn that started them (async plugins) arrive in the chat as new messages. */
  private listenForLaterResults(chat: ChatRef, key: string, conversation: string): void {
    const onLaterResult = this.runner.onLaterResult?.bind(this.runner);
    if (onLaterResult === undefined) return;
    this.listening.keep(key, () =>
      onLaterResult(conversation, (text) => {
        // A job that finishes while the turn that started it is still answering waits for that answer,
        // so the chat reads the bot's reply first and the result after it.
        const after = this.turnsUnderWay.get(key) ?? Promise.resolve();
        void this.track(after.then(() => this.deliver(chat, text)).catch((error: unknown) => this.logger.warn('onebot later result not delivered', { error: String(error) })));
      }),
    );
  }

  /** Answers no more messages (a shutdown has begun); turns under way go on. */
  stopAnswering(): void {
    this.answering = false;
  }

  /** Stops posting later results. */
  stopListening(): void {
    this.listening.clear();
  }

  /** Resolves when every reply under way is sent. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private onMeta(event: { detail_type: string; [key: string]: unknown }, state: LinkState, link: OnebotLink): void {
    switch (event.detail_type) {
      case 'connect': {
        const version = event.version as { impl?: unknown } | undefined;
        if (typeof version?.impl === 'string') state.impl = version.impl;
        state.supportedActions = undefined;
        return;
      }
      case 'status_update': {
        const status = statusSchema.safeParse(event.status);
        if (!status.success) return;
        for (const bot of status.data.bots ?? []) {
          const key = botKey(bot.self);
          if (!bot.online) {
            state.bots.delete(key);
            continue;
          }
          // Only the first account online is read (for events without `self`), so past the bound
          // later ones go unlisted rather than displace it.
          if (!state.bots.has(key) && state.bots.size < this.bounds.bots) state.bots.set(key, bot.self);
          this.linkOfBot.set(key, link);
        }
        return;
      }
      default:
        // `heartbeat` needs nothing: the WebSocket itself tells when a connection is gone.
        return;
    }
  }

  private async onMessage(event: MessageEvent, link: OnebotLink, state: LinkState): Promise<void> {
    // Implementations with one account sometimes leave `self` out; the status tells who it is.
    const self = event.self ?? state.bots.values().next().value ?? { platform: 'unknown', user_id: '' };
    if (!this.dedupe.firstTime(botKey(self), event.message_id)) return;
    if (event.user_id === self.user_id) return;
    const chat = chatRefOf(event, self);
    if (chat === undefined) return;
    const addressed = addressedBy(event, self.user_id, this.ownMessages, { prefixes: this.config.prefixes });
    const key = chatKey(chat);
    const parts = await segmentParts(event.message, {
      botUserId: self.user_id,
      ...(chat.detailType !== 'private' ? { speaker: event.user_id } : {}),
      ...(addressed?.prefix !== undefined ? { prefix: addressed.prefix } : {}),
      // Images are fetched only for messages the bot answers; group talk keeps a placeholder.
      ...(addressed !== undefined ? { image: (segment: Segment) => this.fetchImage(segment, link, self) } : {}),
    });
    if (parts.length > 0) this.histories.append(key, { role: 'user', content: parts });
    if (addressed === undefined) return;
    if (!this.answering) {
      this.logger.info('onebot message not answered: the gateway is shutting down', { link: link.description });
      return;
    }
    const cancellation = new Cancellation();
    const answer = () => this.answer(chat, { messageId: event.message_id, userId: event.user_id }, link, state, cancellation);
    const turn = this.inFlight === undefined ? answer() : this.inFlight.run(cancellation, answer);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.turnsUnderWay.set(key, settled);
    try {
      await turn;
    } finally {
      if (this.turnsUnderWay.get(key) === settled) this.turnsUnderWay.delete(key);
    }
  }

  private async answer(chat: ChatRef, trigger: { messageId: string; userId: string }, link: OnebotLink, state: LinkState, cancellation: Cancellation): Promise<void> {
    const key = chatKey(chat);
    const request: ChatRequest = {
      model: this.config.model,
      system: [{ type: 'text', text: this.systemPrompt(chat) }],
      messages: this.histories.get(key),
      sampling: {},
      stream: true,
    };
    const editAction = this.config.replyMode === 'edit' ? await this.editAction(link, state) : undefined;
    const mode = this.config.replyMode === 'edit' && editAction === undefined ? 'sentences' : this.config.replyMode;
    const sender = new ReplySender(link, chat, trigger, this.config.maxMessageLength, editAction === undefined ? undefined : { action: editAction });
    const streamer = new ReplyStreamer(sender, mode, this.config.maxMessageLength);
    const conversation = conversationOf(key);
    this.listenForLaterResults(chat, key, conversation);
    const opened = await this.runner.stream(request, conversation, cancellation);
    for await (const event of streamEvents(opened)) {
      if (event.type === 'text-delta') streamer.push(event.delta);
      else if (event.type === 'error') throw event.error;
    }
    const text = streamer.end();
    const failure = await sender.done();
    this.remember(sender.sentMessageIds);
    if (failure !== undefined) this.logger.warn('onebot reply not delivered', { link: link.description, failure });
    if (text.trim() !== '') this.histories.append(key, { role: 'assistant', content: [{ type: 'text', text: text.trim() }] });
  }

  private systemPrompt(chat: ChatRef): string {
    const base = this.config.systemPrompt ?? 'You are a helpful chat bot.';
    if (chat.detailType === 'private') return base;
    return `${base}\nYou are in a ${chat.detailType} chat with several people. Each of their messages starts with the sender's user id and a colon; "@id" mentions a person. Your own user id is ${chat.self.user_id}.`;
  }

  /** The configured edit action, if the implementation lists it in `get_supported_actions`. */
  private async editAction(link: OnebotLink, state: LinkState): Promise<string | undefined> {
    const wanted = this.config.editAction;
    if (wanted === undefined) return undefined;
    state.supportedActions ??= link
      .call('get_supported_actions', {})
      .then((response) => (Array.isArray(response.data) ? response.data.map(String) : []))
      .catch(() => []);
    return (await state.supportedActions).includes(wanted) ? wanted : undefined;
  }

  /**
   * An image segment's bytes or URL through `get_file` (https://12.onebot.dev/interface/file/actions/),
   * asking for a URL the upstream can fetch itself. Inline data is taken when that is what comes
   * back; a `url` in the segment (an extension some implementations add) is the fallback.
   */
  private async fetchImage(segment: Segment, link: OnebotLink, self: BotSelf): Promise<ImagePart | undefined> {
    const fileId = segment.data.file_id;
    if (typeof fileId === 'string' && fileId !== '') {
      const response = await link.call('get_file', { file_id: fileId, type: 'url' }, self).catch(() => undefined);
      const file = fileSchema.safeParse(response?.data);
      if (response?.retcode === 0 && file.success) {
        if (file.data.data !== undefined && file.data.data !== '') {
          const bytes = Buffer.from(file.data.data, 'base64');
          return { type: 'image', source: { kind: 'base64', mediaType: imageMediaTypeOfBytes(bytes) ?? 'image/png', data: file.data.data } };
        }
        if (file.data.url !== undefined && /^https?:\/\//.test(file.data.url)) return { type: 'image', source: { kind: 'url', url: file.data.url } };
      }
    }
    const url = segment.data.url;
    return typeof url === 'string' && /^https?:\/\//.test(url) ? { type: 'image', source: { kind: 'url', url } } : undefined;
  }

  private remember(messageIds: string[]): void {
    for (const id of messageIds) {
      this.ownMessages.add(id);
      if (this.ownMessages.size > ownMessageMemory) {
        const oldest = this.ownMessages.values().next().value;
        if (oldest !== undefined) this.ownMessages.delete(oldest);
      }
    }
  }

  private stateOf(link: OnebotLink): LinkState {
    let state = this.links.get(link);
    if (state === undefined) {
      state = { bots: new Map() };
      this.links.set(link, state);
    }
    return state;
  }
}

function botKey(self: BotSelf): string {
  return `${self.platform}/${self.user_id}`;
}

/** A conversation id for a chat, stable across turns and within the plugin layer's id alphabet. */
function conversationOf(chatKey: string): string {
  return `onebot.${createHash('sha256').update(chatKey).digest('hex').slice(0, 32)}`;
}
