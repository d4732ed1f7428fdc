import type { OnebotBotConfig } from '../../config/resolved-config.js';
import type { Message } from '../../interlingua/message.js';
import type { ChatRequest } from '../../interlingua/request.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { Cancellation } from '../../gateway/cancellation.js';
import type { InFlight } from '../../gateway/in-flight.js';
import { createHash } from 'node:crypto';
import { streamEvents } from '../../gateway/chat-engine.js';
import type { BotChatRunner } from './bot-chat-runner.js';
import type { Logger } from '../../gateway/logger.js';
import type { OnebotLink } from '../links/onebot-link.js';
import { eventSchema, messageEventSchema, statusSchema, type BotSelf, type MessageEvent, type Segment } from '../wire-types.js';
import { addressedBy } from './addressing.js';
import { ChatHistories, rememberedChats } from './chat-history.js';
import { RecentMap } from '../../core/recent-map.js';
import { RecentSubscriptions } from './recent-subscriptions.js';
import { chatKey, chatRefOf, type ChatRef } from './chat-ref.js';
import { MessageDedupe } from './message-dedupe.js';
import { ReplySender, type Trigger } from './reply-sender.js';
import { ReplyStreamer } from './reply-streamer.js';
import { segmentParts } from './segment-parts.js';
import { defaultImageLimits, MessageImageReader, type ImageLimits } from './message-images.js';
import { withoutImages } from './earlier-images.js';
import { causedUpstream, failureNotice } from './answer-failure.js';
import { ChatTurns } from './chat-turns.js';
import { IgnoredFrameLog } from './ignored-frame-log.js';
import { TurnSlots } from './turn-slots.js';

/** What a link told us about itself through meta events and meta actions. */
interface LinkState {
  /** The accounts it lists online, by `botKey`, in the order they came online. */
  bots: Map<string, BotSelf>;
  impl?: string;
  supportedActions?: Promise<string[]>;
  /** Warnings for the link's unreadable frames, a few lines however many come (ignored-frame-log.ts). */
  ignoredFrames: IgnoredFrameLog;
}

const ownMessageMemory = 1_000;

/**
 * Turns of one bot answering at once when `maxConcurrentTurns` is not set: enough that a few busy
 * chats never wait, few enough that a burst of users does not open a burst of upstream calls.
 */
export const defaultMaxConcurrentTurns = 16;

/**
 * Turns that may wait for a slot when `maxWaitingTurns` is not set. Each waiting turn holds its
 * message, its link and its promises (some 8 KB); without a bound a peer writing in ever new chats
 * faster than the model answers grew the heap 255 MB for 8.5 MB of messages. A thousand turns
 * behind 16 slots is minutes of waiting already: a chat past that is better left to catch up on
 * its next turn than answered long after it asked.
 */
export const defaultMaxWaitingTurns = 1_000;

/** A message that addressed the bot, and the link it came on: what a turn answers. */
interface AddressedMessage {
  chat: ChatRef;
  trigger: Trigger;
  link: OnebotLink;
  state: LinkState;
}

/**
 * How many chats and bot accounts one bot keeps state for. Both are named by the implementation's
 * peers (a chat by whoever writes, an account by `self`), so each map is bounded: chats as their
 * histories are (`rememberedChats`), accounts to 1,000: one connection usually carries one
 * account, a multi-account implementation a handful, so only made-up `self`s reach the bound.
 */
export interface BotApplicationBounds {
  chats: number;
  bots: number;
  /** What one message's images may take (`images.maxImages`, `images.maxTotalBytes`); their defaults when absent. */
  images?: ImageLimits;
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
  /** One answer at a time in each chat (chat-turns.ts). */
  private readonly turns = new ChatTurns<AddressedMessage>();
  /** At most `maxConcurrentTurns` model calls at once across the bot's chats (turn-slots.ts). */
  private readonly slots: TurnSlots;
  /** Chats that may have a turn running or waiting at once: the slots and `maxWaitingTurns` behind them. */
  private readonly busyChatBound: number;
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
    this.slots = new TurnSlots(config.maxConcurrentTurns ?? defaultMaxConcurrentTurns);
    this.busyChatBound = this.slots.limit + (config.maxWaitingTurns ?? defaultMaxWaitingTurns);
  }

  /** Turns answering and turns waiting for a slot; read-only, for tests and diagnostics. */
  get turnLoad(): { running: number; waiting: number } {
    return this.slots.load;
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
    const state = this.stateOf(link);
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) {
      state.ignoredFrames.ignored('onebot event ignored: not an event');
      return Promise.resolve();
    }
    const event = parsed.data;
    if (event.self !== undefined) this.linkOfBot.set(botKey(event.self), link);
    if (event.type === 'meta') {
      this.onMeta(event, state, link);
      return Promise.resolve();
    }
    if (event.type !== 'message') return Promise.resolve();
    const message = messageEventSchema.safeParse(raw);
    if (!message.success) {
      state.ignoredFrames.ignored('onebot message ignored: malformed');
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
    const limits = this.bounds.images ?? defaultImageLimits;
    // Images are fetched only for messages the bot answers; group talk keeps a placeholder.
    const images = addressed === undefined ? undefined : new MessageImageReader(link, self, limits);
    const parts = await segmentParts(event.message, {
      botUserId: self.user_id,
      ...(chat.detailType !== 'private' ? { speaker: event.user_id } : {}),
      ...(addressed?.prefix !== undefined ? { prefix: addressed.prefix } : {}),
      ...(images !== undefined ? { image: (segment: Segment) => images.read(segment) } : {}),
    });
    if (images !== undefined && images.skipped > 0) this.logger.info('onebot images over the per-message limits left as placeholders', { link: link.description, skipped: images.skipped, ...limits });
    const said: Message | undefined = parts.length > 0 ? { role: 'user', content: parts } : undefined;
    if (said !== undefined) this.histories.append(key, said);
    if (addressed === undefined) return;
    // Nothing readable (an empty text, a segment without data): a model call would carry no user
    // message, which OpenAI refuses, or end on the bot's own last reply.
    if (said === undefined) {
      this.logger.info('onebot message with nothing to answer', { link: link.description });
      return;
    }
    // A chat already busy replaces its waiting turn; a new one past the bound is not answered now.
    // Its message stays in the history, so the chat's next turn answers it too.
    if (!this.turns.isBusy(key) && this.turns.busyChats >= this.busyChatBound) {
      state.ignoredFrames.ignored('onebot message not answered: too many turns waiting (maxWaitingTurns)');
      return;
    }
    try {
      const message: AddressedMessage = { chat, trigger: { messageId: event.message_id, userId: event.user_id }, link, state };
      await this.turns.schedule(key, message, (turn) =>
        this.respond(turn.chat, turn.trigger, turn.link, turn.state).catch((error: unknown) => this.logger.error('onebot reply failed', { link: turn.link.description, error: String(error) })),
      );
    } finally {
      // The turn that answers the message is over: its images leave the history (earlier-images.ts).
      const kept = said === undefined ? undefined : withoutImages(said);
      if (said !== undefined && kept !== undefined) this.histories.replace(key, said, kept);
    }
  }

  /** Answers a message addressed to the bot, as work in flight that a shutdown waits for and can cut. */
  private async respond(chat: ChatRef, trigger: Trigger, link: OnebotLink, state: LinkState): Promise<void> {
    if (!this.answering) {
      this.logger.info('onebot message not answered: the gateway is shutting down', { link: link.description });
      return;
    }
    const key = chatKey(chat);
    const cancellation = new Cancellation();
    const answer = () => this.answer(chat, trigger, link, state, cancellation);
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

  /**
   * One turn: the model's answer streamed into the chat. The turn stops (its upstream call
   * aborted) when the link it answers on closes, since no reply could reach the chat any more;
   * a failed answer ends with a short notice in the chat. The history gets only the text that
   * reached the chat.
   */
  private async answer(chat: ChatRef, trigger: Trigger, link: OnebotLink, state: LinkState, cancellation: Cancellation): Promise<void> {
    // Turns still waiting to start when their connection dropped (a flood of messages) cost no model call.
    if (link.closed?.aborted === true) return;
    const unwatch = abortWhenClosed(link, cancellation);
    // A turn past the bot's bound waits here for a slot; one stopped while waiting (its link
    // closed, a shutdown cut it) leaves the queue without a model call.
    const release = await this.slots.take(cancellation);
    try {
      if (release !== undefined) await this.converse(chat, trigger, link, state, cancellation);
    } finally {
      release?.();
      unwatch();
    }
  }

  private async converse(chat: ChatRef, trigger: Trigger, link: OnebotLink, state: LinkState, cancellation: Cancellation): Promise<void> {
    const key = chatKey(chat);
    const history = this.histories.get(key);
    // Messages that arrive while this turn answers come after its answer in the history.
    const asked = history.at(-1);
    const request: ChatRequest = {
      model: this.config.model,
      system: [{ type: 'text', text: this.systemPrompt(chat) }],
      messages: history,
      sampling: {},
      stream: true,
    };
    const editAction = this.config.replyMode === 'edit' ? await this.editAction(link, state) : undefined;
    const mode = this.config.replyMode === 'edit' && editAction === undefined ? 'sentences' : this.config.replyMode;
    const sender = new ReplySender(link, chat, trigger, this.config.maxMessageLength, {
      ...(editAction === undefined ? {} : { edit: { action: editAction } }),
      // A link that cannot carry one piece of the reply will not carry the rest (HTTP links have no `closed`).
      onUnreachable: () => cancellation.abort('caller'),
    });
    const streamer = new ReplyStreamer(sender, mode, this.config.maxMessageLength);
    const conversation = conversationOf(key);
    this.listenForLaterResults(chat, key, conversation);
    let text = '';
    let failure: unknown;
    try {
      const opened = await this.runner.stream(request, conversation, cancellation);
      for await (const event of streamEvents(opened)) {
        if (cancellation.aborted) break;
        if (event.type === 'text-delta') streamer.push(event.delta);
        else if (event.type === 'error') throw event.error;
      }
      if (!cancellation.aborted) text = streamer.end();
    } catch (error) {
      failure = error;
    }
    // Stopped (the link closed, or a shutdown cut the turn): nothing more is sent, and no failure is told.
    const stopped = cancellation.aborted;
    if (failure !== undefined && !stopped) {
      this.logFailure(failure, link);
      streamer.fail(failureNotice(failure, streamer.produced));
    }
    const notDelivered = await sender.done();
    this.remember(sender.sentMessageIds);
    if (notDelivered !== undefined && !stopped) this.logger.warn('onebot reply not delivered', { link: link.description, failure: notDelivered });
    const whole = failure === undefined && !stopped && notDelivered === undefined;
    const lostAll = link.deliversAtEnd === true && link.closed?.aborted === true;
    const reached = lostAll ? '' : whole ? text.trim() : sender.deliveredText();
    if (reached !== '') this.histories.answerAfter(key, asked, { role: 'assistant', content: [{ type: 'text', text: reached }] });
  }

  /** An upstream's refusal or cut is a warning (the gateway did its part); anything else is the gateway's fault. */
  private logFailure(failure: unknown, link: OnebotLink): void {
    const fields = { link: link.description, error: String(failure), ...(failure instanceof InterlinguaError ? { code: failure.code, ...failure.logFields } : {}) };
    if (causedUpstream(failure)) this.logger.warn('onebot answer failed upstream', fields);
    else this.logger.error('onebot reply failed', fields);
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
      state = { bots: new Map(), ignoredFrames: new IgnoredFrameLog(link, this.logger) };
      this.links.set(link, state);
    }
    return state;
  }
}

/** Aborts `cancellation` when `link` closes; returns the unwatch, for when the turn is over. */
function abortWhenClosed(link: OnebotLink, cancellation: Cancellation): () => void {
  const closed = link.closed;
  if (closed === undefined) return () => {};
  const abort = () => cancellation.abort('caller');
  closed.addEventListener('abort', abort, { once: true });
  return () => closed.removeEventListener('abort', abort);
}

function botKey(self: BotSelf): string {
  return `${self.platform}/${self.user_id}`;
}

/** A conversation id for a chat, stable across turns and within the plugin layer's id alphabet. */
function conversationOf(chatKey: string): string {
  return `onebot.${createHash('sha256').update(chatKey).digest('hex').slice(0, 32)}`;
}
