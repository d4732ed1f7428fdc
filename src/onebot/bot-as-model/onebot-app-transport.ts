import type { ChatResponse } from '../../interlingua/response.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { foldStream } from '../../core/fold-stream.js';
import type { ProviderConfig } from '../../config/resolved-config.js';
import type { Carried, DeploymentCall, DeploymentTransport } from '../../gateway/deployment-transport.js';
import type { EventBatches } from '../../gateway/upstream-events.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { AppConnection, type AppConnectionLimits, type BotMessage } from './app-connection.js';
import { BotAnswer } from './bot-answer.js';
import { requestToEventMessage, segmentsToText } from './request-to-event.js';
import { connectionFailureReason, failureDetail } from '../../gateway/connection-failure.js';
import { pushAll } from '../../core/push-all.js';
import { maxAnswerBytes } from '../../wire/size-limits.js';

/**
 * OneBot 12 bot applications as models (`dialect: onebot`): a request becomes a private
 * message from the caller to the bot account named by the deployment's model, and the bot's
 * `send_message` actions to that caller become the answer, streamed as they arrive.
 * A caller is the request's `user` (or `caller`) under its gateway key (`botUserId`); requests
 * of one caller to one bot wait for each other, since the bot's replies name only the user
 * they go to.
 */
export class OnebotAppTransport implements DeploymentTransport {
  /** By provider name, address and token: a provider reloaded with a new address gets a new connection. */
  private readonly connections = new Map<string, AppConnection>();
  /** Connections no current provider uses; each is closed once no answer waits on it. */
  private readonly retired = new Set<string>();
  /** Each answer under way, with the link (socket) its message went on: only that link's close fails it. */
  private readonly waiting = new Map<string, { answer: BotAnswer; link: number }>();
  private readonly turns = new Map<string, Promise<void>>();
  private nextFile = 1;

  constructor(private readonly limits: AppConnectionLimits) {}

  async complete(call: DeploymentCall): Promise<Carried<ChatResponse>> {
    const opened = await this.stream(call);
    const events: StreamEvent[] = [];
    for (;;) {
      const next = await opened.value.next();
      if (next.done) break;
      pushAll(events, next.value);
    }
    const error = events.find((event) => event.type === 'error');
    if (error?.type === 'error') throw error.error;
    return { value: foldStream(events), warnings: opened.warnings };
  }

  async stream(call: DeploymentCall): Promise<Carried<EventBatches>> {
    const { provider, model } = call.deployment;
    const settings = provider.onebot ?? { quietMs: 2_000, platform: 'interlingua' };
    const self = { platform: settings.platform, user_id: model };
    const userId = botUserId(call.deploymentCheck === true ? deploymentCheckScope : call.keyId, call.request.user);
    const key = `${provider.name}\u0000${model}\u0000${userId}`;
    const connectionKey = connectionKeyOf(provider);
    const answerKey = `${connectionKey}\u0000${model}\u0000${userId}`;
    // One turn at a time per caller and bot: wait for the previous answer to end.
    const previous = this.turns.get(key) ?? Promise.resolve();
    let release = () => {};
    const turn = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => turn);
    this.turns.set(key, chained);
    // The entry goes once this turn and those before it are over, unless a later turn took its
    // place: a caller who leaves while queued must not let the next one pass the turn under way.
    void chained.then(() => {
      if (this.turns.get(key) === chained) this.turns.delete(key);
    });
    // Watched from here, before any wait: a caller who leaves while queued or while the
    // connection opens is not delivered to the bot, and frees its place in the queue at once.
    let answer: BotAnswer | undefined;
    const left = callerLeft(call.cancellation, () => answer?.cancel());
    try {
      await Promise.race([previous, left.promise]);
      const connection = this.connectionFor(provider, connectionKey);
      await Promise.race([connection.ready(provider.timeoutMs), left.promise]);
      if (call.cancellation.aborted) throw left.error();
      connection.announce(self);
      // Announcing can close the socket (an application that leaves what it is sent unread).
      const link = connection.link;
      if (link === undefined) throw new InterlinguaError('upstream_unreachable', 'the OneBot bot application closed the connection', { retryable: true });
      const emitted = requestToEventMessage(call.request, () => `f-${this.nextFile++}`);
      answer = new BotAnswer(model, settings.quietMs, provider.timeoutMs, (end) => {
        if (end === 'deadline') this.limits.logger.warn('onebot bot application answer cut: still talking at timeoutMs', { provider: provider.name, model, timeoutMs: provider.timeoutMs });
        if (end === 'too-large') this.limits.logger.warn('onebot bot application answer cut: past its size bound', { provider: provider.name, model, maxBytes: maxAnswerBytes });
        left.unwatch();
        this.waiting.delete(answerKey);
        connection.forgetFiles(emitted.files.keys());
        this.closeIfRetired(connectionKey);
        release();
      });
      this.waiting.set(answerKey, { answer, link });
      connection.sendMessageEvent(self, userId, emitted.segments, emitted.altMessage, emitted.files);
      return { value: answer.batches(), warnings: emitted.warnings };
    } catch (error) {
      left.unwatch();
      release();
      if (error instanceof InterlinguaError) throw error;
      throw new InterlinguaError('upstream_unreachable', `cannot reach the OneBot bot application ${provider.name}: ${connectionFailureReason(error)}`, {
        retryable: true,
        cause: error,
        logFields: { upstreamUrl: provider.baseUrl, cause: failureDetail(error) },
      });
    }
  }

  close(): void {
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
  }

  /**
   * A configuration reload: connections to an address (or with a token) no provider has any more
   * are closed — at once when idle, else when their last answer ends — so a moved bot
   * application is dialled at its new address by the next request.
   */
  reload(providers: Iterable<ProviderConfig>): void {
    const current = new Set<string>();
    for (const provider of providers) if (provider.dialect === 'onebot') current.add(connectionKeyOf(provider));
    for (const key of this.connections.keys()) if (!current.has(key)) this.retired.add(key);
    for (const key of current) this.retired.delete(key);
    for (const key of [...this.retired]) this.closeIfRetired(key);
  }

  private closeIfRetired(connectionKey: string): void {
    if (!this.retired.has(connectionKey)) return;
    for (const key of this.waiting.keys()) if (key.startsWith(`${connectionKey}\u0000`)) return;
    this.retired.delete(connectionKey);
    this.connections.get(connectionKey)?.close();
    this.connections.delete(connectionKey);
  }

  private connectionFor(provider: ProviderConfig, connectionKey: string): AppConnection {
    let connection = this.connections.get(connectionKey);
    if (connection === undefined) {
      connection = new AppConnection(
        provider.name,
        provider.baseUrl,
        provider.apiKey,
        (message) => this.onBotMessage(connectionKey, message),
        (link) => this.onClosed(connectionKey, link),
        this.limits,
      );
      this.connections.set(connectionKey, connection);
    }
    return connection;
  }

  private onBotMessage(connectionKey: string, message: BotMessage): void {
    const waiting = this.waiting.get(`${connectionKey}\u0000${message.self.user_id}\u0000${message.userId}`);
    waiting?.answer.message(segmentsToText(message.segments, message.self));
  }

  /**
   * A dropped socket breaks the answers whose messages went on it; the next request dials again.
   * Only those: an application's old socket can end (its TCP closing seconds after its close
   * frame) while answers on the socket dialled since stream on.
   */
  private onClosed(connectionKey: string, link: number): void {
    for (const [key, { answer, link: answerLink }] of this.waiting) {
      if (key.startsWith(`${connectionKey}\u0000`) && answerLink === link) answer.fail(new InterlinguaError('upstream_unreachable', 'the OneBot bot application closed the connection', { retryable: true }));
    }
  }
}

/**
 * Watches a call's cancellation from the start of its turn: `promise` rejects when the caller
 * leaves (to race the waits before the message is sent), and `onLeave` runs then (to end an
 * answer already under way). `unwatch` when the turn is over.
 */
function callerLeft(cancellation: DeploymentCall['cancellation'], onLeave: () => void): { promise: Promise<never>; error(): InterlinguaError; unwatch(): void } {
  const error = () => new InterlinguaError('upstream_unreachable', 'the caller went away before its message reached the OneBot bot application', { retryable: false });
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<never>((_resolve, fail) => (reject = fail));
  // Nobody may be racing it when it fires: not an unhandled rejection.
  promise.catch(() => {});
  const leave = () => {
    reject(error());
    onLeave();
  };
  if (cancellation.aborted) leave();
  else cancellation.once('abort', leave);
  return { promise, error, unwatch: () => cancellation.off('abort', leave) };
}

/**
 * The user the bot application sees: the request's `user` under the gateway key (`-` without
 * one, `check` for a deployment check from the admin API). The bot keeps a memory per user and
 * its replies name only the user, so two keys sharing one would share that memory and could be
 * handed each other's late messages; a check shares none with keyless callers either. Any string
 * is a valid OneBot 12 `user_id` (https://12.onebot.dev/interface/user/message-events/).
 */
/** No key id is this: keys are `key_…` (key-records.ts). */
const deploymentCheckScope = 'check';

function botUserId(keyId: string | undefined, user: string | undefined): string {
  return `${keyId ?? '-'}:${user ?? 'caller'}`;
}

/** A connection is one provider at one address with one token. */
function connectionKeyOf(provider: ProviderConfig): string {
  return JSON.stringify([provider.name, provider.baseUrl, provider.apiKey ?? null]);
}
