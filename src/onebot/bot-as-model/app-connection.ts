import type WebSocket from 'ws';
import { wsPackage } from '../../net/ws-package.js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { ImageSource } from '../../interlingua/content.js';
import { generateId } from '../../core/ids.js';
import { actionRequestSchema, segmentSchema, type ActionResponse, type BotSelf, type ParsedActionRequest } from '../wire-types.js';
import { failedResponse, okResponse, retcodes } from '../retcodes.js';
import { connectionFailureReason, failureDetail } from '../../gateway/connection-failure.js';
import type { Logger } from '../../gateway/logger.js';
import { parseJsonText } from '../../wire/json-text.js';
import { peerId } from '../peer-id.js';
import { sendWithinUnreadLimit } from '../../core/unread-limit.js';

/** The implementation name bot applications see in `Sec-WebSocket-Protocol` and `meta.connect`. */
export const implName = 'interlingua';
const implVersion = '0.1.0';

/**
 * Most the application may leave unread of what the gateway sends it before it is closed (1008).
 * It answers every action, and `get_file` answers a request of a few dozen bytes with a whole
 * image in base64, so an application that asks and never reads would grow the gateway's memory
 * without end. 64 MiB is twice the largest request body (`maxBodyBytes`, 32 MiB), so an
 * application fetching all the images of a turn or two at once, before it reads the first
 * answer, stays within it; there is one such connection per configured provider.
 */
export const appMaxUnreadBytes = 64 * 1024 * 1024;

/** Where protocol errors are logged, the largest message taken from the application and the most it may leave unread. */
export interface AppConnectionLimits {
  logger: Logger;
  maxMessageBytes: number;
  /** `appMaxUnreadBytes` when not given. */
  maxUnreadBytes?: number;
}

/** A private message from a bot account to a user, as `send_message` carries it. */
export interface BotMessage {
  self: BotSelf;
  userId: string;
  segments: Array<{ type: string; data: Record<string, unknown> }>;
}

/**
 * Interlingua as a OneBot 12 implementation, connected to one bot application over reverse
 * WebSocket (https://12.onebot.dev/connect/communication/websocket-reverse/): we dial the
 * application's URL with `Sec-WebSocket-Protocol: 12.interlingua` and the token, push
 * `meta.connect` then `meta.status_update` (https://12.onebot.dev/interface/meta/events/), push
 * message events, and answer its actions. Each model is one bot account (`self`), all on one
 * connection. Actions the implementation does not have get 10002, as the standard asks
 * (https://12.onebot.dev/interface/).
 */
export class AppConnection {
  private socket: WebSocket | undefined;
  private opening: Promise<WebSocket> | undefined;
  private readonly bots = new Map<string, BotSelf>();
  private readonly files = new Map<string, ImageSource>();
  /** Sockets closing for leaving too much unread, until they are closed: their answers already failed. */
  private readonly shed = new Set<WebSocket>();
  private nextMessage = 1;
  /** Numbers the sockets opened, so a close names the one that closed (see `link`). */
  private linksOpened = 0;
  private socketLink: number | undefined;

  constructor(
    /** The provider's configured name, which errors show instead of the URL. */
    private readonly name: string,
    private readonly url: string,
    private readonly accessToken: string | undefined,
    private readonly onMessage: (message: BotMessage) => void,
    /**
     * A socket closed: `link` says which (as `link` named it while it was open). A new socket can
     * be open by then (dialled while the old one was still closing), whose answers stay whole.
     */
    private readonly onClose: (link: number) => void,
    private readonly limits: AppConnectionLimits,
  ) {}

  /** Opens the connection if it is not open; a dropped one is dialled again on the next request. */
  async ready(timeoutMs: number): Promise<void> {
    if (this.socket?.readyState === wsPackage().OPEN) return;
    this.opening ??= this.open(timeoutMs).finally(() => (this.opening = undefined));
    await this.opening;
  }

  /** The socket open now, as a number that a later close names; none while closed. */
  get link(): number | undefined {
    return this.socket === undefined ? undefined : this.socketLink;
  }

  /** Announces a bot account once, with a `status_update` listing it online. */
  announce(self: BotSelf): void {
    const key = `${self.platform}/${self.user_id}`;
    if (this.bots.has(key)) return;
    this.bots.set(key, self);
    this.push(this.metaEvent('status_update', { status: { good: true, bots: [{ self, online: true }] } }));
  }

  /** Pushes a private message event; returns its message id. */
  sendMessageEvent(self: BotSelf, userId: string, segments: unknown[], altMessage: string, files: Map<string, ImageSource>): string {
    for (const [id, source] of files) this.files.set(id, source);
    const messageId = generateId('m-');
    this.push({ ...this.eventHead(), type: 'message', detail_type: 'private', sub_type: '', self, message_id: messageId, message: segments, alt_message: altMessage, user_id: userId });
    return messageId;
  }

  forgetFiles(ids: Iterable<string>): void {
    for (const id of ids) this.files.delete(id);
  }

  close(): void {
    this.socket?.terminate();
    for (const socket of this.shed) socket.terminate();
  }

  private open(timeoutMs: number): Promise<WebSocket> {
    const headers: Record<string, string> = { 'user-agent': `OneBot/12 (${implName}) Interlingua/${implVersion}` };
    if (this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    const socket = new (wsPackage())(this.url, `12.${implName}`, { headers, handshakeTimeout: timeoutMs, maxPayload: this.limits.maxMessageBytes });
    const link = ++this.linksOpened;
    // After the connection opened, an error means the application broke the protocol (a bad
    // frame, a message over the limit): ws has closed the socket with 1002 or 1009, and the
    // answers waiting on it fail through `close`.
    socket.on('error', (error: Error & { code?: string }) => {
      if (this.socket === socket) this.limits.logger.warn('onebot application connection closed after an error', { url: this.url, code: error.code, error: error.message });
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        this.socket = socket;
        this.socketLink = link;
        this.bots.clear();
        // `meta.connect` must be the first event on the connection.
        this.push(this.metaEvent('connect', { version: this.version() }));
        resolve(socket);
      });
      // The caller learns which provider failed and why, not its address; the log gets both.
      socket.once('error', (error) =>
        reject(
          new InterlinguaError('upstream_unreachable', `cannot reach the OneBot bot application ${this.name}: ${handshakeFailureReason(error)}`, {
            retryable: true,
            cause: error,
            logFields: { upstreamUrl: this.url, cause: failureDetail(error) },
          }),
        ),
      );
      socket.on('message', (data, isBinary) => {
        // A socket closed for leaving too much unread answers nothing more (what was read before it stopped).
        if (this.socket !== socket) return;
        if (isBinary) this.reply(messagePackRefused());
        else this.answerOrFail(data.toString());
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        if (!this.shed.delete(socket)) this.onClose(link);
      });
    });
  }

  /**
   * A frame this side could not handle (a fault of its own, on data it did not expect) fails that
   * action with OneBot's internal handler error (20002), and the connection goes on: a throw in the
   * socket's listener would end the process.
   */
  private answerOrFail(text: string): void {
    try {
      this.answer(text);
    } catch {
      this.reply(failedResponse(retcodes.internalHandlerError, 'the gateway could not handle this action'));
    }
  }

  private answer(text: string): void {
    const read = parseJsonText(text);
    if (!read.ok) return this.reply(failedResponse(retcodes.badRequest, `the action request ${read.problem}`));
    const frame = read.value;
    const echo = (frame as { echo?: unknown } | null)?.echo;
    const parsed = actionRequestSchema.safeParse(frame);
    if (!parsed.success) return this.reply(failedResponse(retcodes.badRequest, 'not an action request', echo));
    this.reply(this.perform(parsed.data));
  }

  private perform(request: ParsedActionRequest): ActionResponse {
    const echo = request.echo;
    const self = this.selfOf(request);
    switch (request.action) {
      case 'get_version':
        return okResponse(this.version(), echo);
      case 'get_supported_actions':
        return okResponse(['get_version', 'get_supported_actions', 'get_status', 'get_self_info', 'send_message', 'get_file'], echo);
      case 'get_status':
        return okResponse({ good: true, bots: [...this.bots.values()].map((bot) => ({ self: bot, online: true })) }, echo);
      case 'get_self_info':
        if (self === undefined) return failedResponse(retcodes.whoAmI, 'several bots share this connection: give self', echo);
        return okResponse({ user_id: self.user_id, user_name: self.user_id, user_displayname: '' }, echo);
      case 'get_file':
        return this.file(request, echo);
      case 'send_message':
        return this.sendMessage(request, self, echo);
      default:
        return failedResponse(retcodes.unsupportedAction, `${request.action} is not supported`, echo);
    }
  }

  private sendMessage(request: ParsedActionRequest, self: BotSelf | undefined, echo: unknown): ActionResponse {
    if (self === undefined) return failedResponse(request.self === undefined ? retcodes.whoAmI : retcodes.unknownSelf, 'which bot is sending: give a known self', echo);
    const { detail_type: detailType, user_id: userId, message } = request.params;
    if (detailType !== 'private') return failedResponse(retcodes.unsupportedParam, 'only private messages reach a caller', echo);
    if (typeof userId !== 'string' && typeof userId !== 'number') return failedResponse(retcodes.badParam, 'user_id is required', echo);
    const segments = typeof message === 'string' ? [{ type: 'text', data: { text: message } }] : Array.isArray(message) ? message.map((segment) => segmentSchema.safeParse(segment)) : undefined;
    if (segments === undefined) return failedResponse(retcodes.badParam, 'message must be a list of segments', echo);
    const valid: BotMessage['segments'] = [];
    for (const segment of segments) {
      if ('success' in segment) {
        if (!segment.success) return failedResponse(retcodes.badSegmentData, 'a segment has no type', echo);
        valid.push(segment.data);
      } else valid.push(segment);
    }
    this.onMessage({ self, userId: String(userId), segments: valid });
    return okResponse({ message_id: String(this.nextMessage++), time: Date.now() / 1000 }, echo);
  }

  /** `get_file` for images of callers' messages: a URL, or the bytes as base64. */
  private file(request: ParsedActionRequest, echo: unknown): ActionResponse {
    const fileId = peerId(request.params.file_id);
    const source = fileId === undefined ? undefined : this.files.get(fileId);
    if (source === undefined) return failedResponse(retcodes.badParam, 'no such file_id', echo);
    const type = request.params.type;
    if (source.kind === 'url' && type !== 'data') return okResponse({ name: 'image', url: source.url }, echo);
    if (source.kind === 'base64') return okResponse({ name: 'image', data: source.data }, echo);
    return failedResponse(retcodes.unsupportedParam, 'this image is only available as a url', echo);
  }

  /** The bot an action is for: its `self`, or the only bot when it gives none. */
  private selfOf(request: ParsedActionRequest): BotSelf | undefined {
    if (request.self !== undefined) return this.bots.get(`${request.self.platform}/${request.self.user_id}`);
    return this.bots.size === 1 ? [...this.bots.values()][0] : undefined;
  }

  private version(): Record<string, string> {
    return { impl: implName, version: implVersion, onebot_version: '12' };
  }

  private eventHead(): { id: string; time: number } {
    return { id: generateId('e-'), time: Date.now() / 1000 };
  }

  private metaEvent(detailType: string, fields: Record<string, unknown>): Record<string, unknown> {
    return { ...this.eventHead(), type: 'meta', detail_type: detailType, sub_type: '', ...fields };
  }

  private push(frame: unknown): void {
    const socket = this.socket;
    if (socket === undefined) return;
    const limit = this.limits.maxUnreadBytes ?? appMaxUnreadBytes;
    if (sendWithinUnreadLimit(socket, JSON.stringify(frame), limit) !== 'closed') return;
    this.limits.logger.warn('onebot application connection closed: it leaves what it is sent unread', { url: this.url, limitBytes: limit });
    // Gone at once, not when ws's 30 s close timeout ends it (it is no longer read): the answers
    // waiting on it fail now, and the next request dials a new connection.
    this.shed.add(socket);
    this.socket = undefined;
    if (this.socketLink !== undefined) this.onClose(this.socketLink);
  }

  private reply(response: ActionResponse): void {
    this.push(response);
  }
}

/**
 * The answer to a binary frame. A binary frame is an action request in MessagePack, which the
 * standard makes optional (https://12.onebot.dev/connect/communication/websocket/, "动作": text
 * must be supported, binary may be); an implementation without it answers retcode 10001 Bad
 * Request, whose note names exactly this case ("格式错误（包括实现不支持 MessagePack 的情况）",
 * https://12.onebot.dev/connect/data-protocol/action-response/). The response carries an `echo`
 * only when the request had one to return ("若动作请求中包含 `echo` 字段…则对应的动作响应中也应包含"),
 * and an unread request has none this side can return, so there is none; it goes as JSON text,
 * the one encoding both sides are sure to read. The application learns at once why its action
 * fails instead of waiting out its own timeout.
 */
function messagePackRefused(): ActionResponse {
  return failedResponse(retcodes.badRequest, 'this implementation does not support MessagePack: send action requests as JSON text frames');
}

/** ws reports a refused upgrade as `Unexpected server response: 401`, which names no address; socket errors go through their code. */
function handshakeFailureReason(error: Error): string {
  const refused = /^Unexpected server response: \d{3}$/.exec(error.message);
  return refused !== null ? refused[0] : connectionFailureReason(error);
}
