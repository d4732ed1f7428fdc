import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { wsPackage } from '../net/ws-package.js';
import { presentedKey } from '../keys/presented-key.js';
import type { KeyAuthenticator } from '../keys/key-authenticator.js';
import { InterlinguaError } from '../interlingua/error.js';
import type { PluginService } from './plugin-service.js';
import { conversationScope } from './jobs/result-inbox.js';
import type { Logger } from '../gateway/logger.js';
import { guardWebSocket } from '../net/websocket-guard.js';
import { parseJsonText } from '../wire/json-text.js';
import { sendWithinUnreadLimit, policyViolationCode } from '../core/unread-limit.js';
import { isStoreOutage, storeUnavailable } from '../store/store-outage.js';
import { SubscriberKey, type KeyRefusal } from './subscriber-key.js';
import { defaultRealtimeLimits, SubscriptionSlots, type RealtimeLimits } from './realtime-limits.js';
import { keepAliveWithPings } from '../net/websocket-heartbeat.js';

/** Where a caller subscribes to its conversation's async plugin results. */
export const realtimeEventsPath = '/v1/realtime/events';
const conversationIdPattern = /^[A-Za-z0-9_.:-]{1,128}$/;
/**
 * Most a caller may send in one message: it only ever sends `{"type":"cancel","job":"…"}`, so
 * 64 KiB is ample, where ws would otherwise buffer up to 100 MiB of one message.
 */
export const realtimeMaxMessageBytes = 64 * 1024;
/**
 * Most a subscriber may leave unread of what it is sent before it is closed (1008) and no longer
 * read (`sendWithinUnreadLimit`): every message it sends is answered, so one that sends and never
 * reads would otherwise grow the gateway's memory without end (and results are pushed whether it
 * reads or not). 1 MiB is 16 answers to the largest message it may send (a cancel echoes its job
 * id), or thousands of ordinary ones; a subscriber that reads stays far below it, since the
 * kernel takes what is written as fast as the network carries it.
 */
export const realtimeMaxUnreadBytes = 1024 * 1024;
/**
 * Most messages a subscriber may send within a second before it is closed (1008) and no longer
 * read. It has one thing to say, a cancel now and then; every message is answered, and a flood of
 * some 150,000 small ones kept the event loop busy about 3 s before the unread bound closed it.
 */
export const realtimeMaxMessagesPerSecond = 1_000;

/**
 * `GET /v1/realtime/events?conversation=<id>` upgraded to a WebSocket: the caller's gateway key
 * (any way a dialect sends it, or `?key=`) and the conversation id it sends as
 * `x-interlingua-conversation` choose what it hears. It gets `{"type":"subscribed"}` once results
 * can reach it, then one `{"type":"plugin.result",…}` per finished job; it may send
 * `{"type":"cancel","job":"job_…"}` to stop one of its conversation's jobs. Subscriptions are
 * capped per key (per remote address without keys) and over all (`limits`), and pinged, so idle
 * or vanished subscribers cannot hold the connections HTTP requests need.
 */
export function createRealtimeEvents(
  authenticator: KeyAuthenticator,
  plugins: PluginService,
  logger: Logger,
  limits: RealtimeLimits = defaultRealtimeLimits,
): { handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean; close(): void } {
  // Made with the first subscription, so a gateway whose callers never subscribe never loads `ws`.
  let sockets: WebSocketServer | undefined;
  let closed = false;
  const slots = new SubscriptionSlots(limits);
  let refused = 0;
  /** The first refusal of a burst is logged, the rest counted and reported once it is over. */
  const noteRefusal = (error: InterlinguaError) => {
    if (refused++ > 0) return;
    logger.warn('realtime subscription refused', { path: realtimeEventsPath, error: error.message });
    setTimeout(() => {
      if (refused > 1) logger.warn('realtime subscriptions refused', { path: realtimeEventsPath, refused, maxSubscriptions: limits.maxSubscriptions, maxSubscriptionsPerKey: limits.maxSubscriptionsPerKey });
      refused = 0;
    }, 10_000).unref();
  };
  const socketServer = (): WebSocketServer => {
    if (sockets === undefined) {
      sockets = new (wsPackage().WebSocketServer)({ noServer: true, maxPayload: realtimeMaxMessageBytes });
      // One made after close (a subscription authenticated while the gateway stopped) refuses it, as a closed one does.
      if (closed) sockets.close();
    }
    return sockets;
  };
  return {
    /** Takes the upgrade when it is for the events path; false leaves it to other listeners. */
    handleUpgrade(request, socket, head) {
      // A target no URL parser takes (`//[`) is not the events path: left to the next listener.
      const url = URL.canParse(request.url ?? '/', 'http://gateway') ? new URL(request.url ?? '/', 'http://gateway') : undefined;
      if (url?.pathname !== realtimeEventsPath) return false;
      const handshake = handshakeRefusal(request);
      if (handshake !== undefined) {
        refuse(socket, handshake.error, handshake.headers);
        return true;
      }
      const conversation = url.searchParams.get('conversation') ?? '';
      if (!conversationIdPattern.test(conversation)) {
        refuse(socket, new InterlinguaError('invalid_request', 'Give ?conversation= with 1 to 128 letters, digits or "_.:-".', { param: 'conversation' }));
        return true;
      }
      void (async () => {
        try {
          const presented = presentedKey(request.headers, url.search.slice(1));
          const key = await authenticator.authenticate(presented);
          await plugins.backend.broadcast.ready();
          // The caller left while it was authorized: nothing to answer, no slot to take.
          if (socket.destroyed) return;
          const slot = key === undefined ? slots.take(`address ${request.socket.remoteAddress ?? ''}`, 'address') : slots.take(`key ${key.id}`, 'key');
          if (slot instanceof InterlinguaError) {
            noteRefusal(slot);
            refuse(socket, slot);
            return;
          }
          // Given back when the connection ends, however it ends (ws may also refuse the handshake itself).
          socket.once('close', slot);
          socketServer().handleUpgrade(request, socket, head, (webSocket) => {
            guardWebSocket(webSocket, logger, { path: realtimeEventsPath, conversation });
            keepAliveWithPings(webSocket, limits.pingIntervalMs, () =>
              logger.info('websocket terminated: the client did not answer a ping', { path: realtimeEventsPath, conversation, pingIntervalMs: limits.pingIntervalMs }),
            );
            const subscription: Subscription = { scope: conversationScope(key?.id, conversation), conversation, authenticator, presented };
            subscribe(webSocket, plugins, subscription, logger);
          });
        } catch (error) {
          // Redis away (results could not reach the socket) or the database away (the key cannot be
          // looked up) is a 503 to retry shortly, as for any request that needs a store.
          const known = error instanceof InterlinguaError ? error : isStoreOutage(error) ? storeUnavailable(error) : undefined;
          if (known === undefined) logger.error('realtime subscription failed', { path: realtimeEventsPath, conversation, error: String(error) });
          refuse(socket, known ?? new InterlinguaError('internal', 'The subscription failed.'));
        }
      })();
      return true;
    },
    close() {
      closed = true;
      if (sockets === undefined) return;
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  };
}

/** What a subscriber hears (its key's conversation) and the key it presented, checked again before each push and cancel. */
interface Subscription {
  scope: string;
  conversation: string;
  authenticator: KeyAuthenticator;
  presented: string | undefined;
}

function subscribe(webSocket: WebSocket, plugins: PluginService, subscription: Subscription, logger: Logger): void {
  const { scope, conversation } = subscription;
  const send = (message: object) => {
    if (sendWithinUnreadLimit(webSocket, JSON.stringify(message), realtimeMaxUnreadBytes) !== 'closed') return;
    logger.warn('websocket closed: the client leaves what it is sent unread', { path: realtimeEventsPath, conversation, limitBytes: realtimeMaxUnreadBytes });
  };
  const key = new SubscriberKey(subscription.authenticator, subscription.presented, (refusal) => closeForKey(webSocket, refusal, conversation, logger));
  const unsubscribe = plugins.backend.broadcast.subscribe(scope, (message) => key.whenStillGood(() => send(message)));
  webSocket.on('close', unsubscribe);
  // Messages since `windowStart`; the clock is read only once they pass the limit.
  let windowStart = Date.now();
  let inWindow = 0;
  webSocket.on('message', (data) => {
    // Once closing (past a limit, or by the client), what was read before is dropped.
    if (webSocket.readyState !== webSocket.OPEN) return;
    if (++inWindow > realtimeMaxMessagesPerSecond) {
      const now = Date.now();
      if (now - windowStart < 1_000) {
        webSocket.close(policyViolationCode, `more than ${realtimeMaxMessagesPerSecond} messages a second`);
        webSocket.pause();
        logger.warn('websocket closed: the client sends more messages a second than it may', { path: realtimeEventsPath, conversation, limit: realtimeMaxMessagesPerSecond });
        return;
      }
      windowStart = now;
      inWindow = 1;
    }
    const read = parseJsonText(String(data));
    if (!read.ok) return send({ type: 'error', message: 'Send JSON.' });
    const message = (typeof read.value === 'object' && read.value !== null ? read.value : {}) as { type?: unknown; job?: unknown };
    if (message.type !== 'cancel' || typeof message.job !== 'string') return send({ type: 'error', message: 'Only {"type":"cancel","job":"…"} is understood.' });
    const job = message.job;
    key.whenStillGood(() => {
      void plugins.backend.queue.cancel(job, scope).then(
        (cancelled) => send({ type: 'cancel.result', job, cancelled }),
        () => send({ type: 'cancel.result', job, cancelled: false }),
      );
    });
  });
  send({ type: 'subscribed', conversation });
}

/**
 * A subscriber whose key no longer passes: told why (the same words an HTTP request would get),
 * then closed, so it hears nothing more of the key's results and cancels nothing. The close
 * reason is fixed text: a WebSocket close reason holds at most 123 bytes, and the message may name the key.
 */
function closeForKey(webSocket: WebSocket, refusal: KeyRefusal, conversation: string, logger: Logger): void {
  if (refusal.closeCode === 1011) logger.error('realtime key check failed', { path: realtimeEventsPath, conversation, error: String(refusal.error.cause ?? refusal.error) });
  if (webSocket.readyState !== webSocket.OPEN) return;
  const { error } = refusal;
  sendWithinUnreadLimit(webSocket, JSON.stringify({ type: 'error', code: error.code, message: error.message }), realtimeMaxUnreadBytes);
  if (webSocket.readyState !== webSocket.OPEN) return;
  webSocket.close(refusal.closeCode, closeReasons[refusal.closeCode]);
}

const closeReasons: Record<KeyRefusal['closeCode'], string> = {
  1008: 'the API key is no longer valid',
  1011: 'the API key could not be checked',
  1013: 'the API key cannot be checked now; try again shortly',
};

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** The WebSocket versions `ws` speaks (websocket-server.js `handleUpgrade`): 13 is RFC 6455's. */
const webSocketVersions = ['13', '8'];

/**
 * The opening handshake's method and version, checked before `ws` sees them, so the refusal is the
 * gateway's JSON rather than `ws`'s HTML page. RFC 6455 §4.2.1: the handshake is a GET; §4.2.2
 * (/version/) and §4.4: a version the server does not understand is refused "such as 426 Upgrade
 * Required" with `Sec-WebSocket-Version` naming those it does (https://www.rfc-editor.org/rfc/rfc6455);
 * RFC 9110 §15.5.6: a 405 carries `Allow`.
 */
function handshakeRefusal(request: IncomingMessage): { error: InterlinguaError; headers: Record<string, string> } | undefined {
  if (request.method !== 'GET') {
    return { error: new InterlinguaError('invalid_request', 'Open the events socket with GET.', { status: 405 }), headers: { allow: 'GET' } };
  }
  const version = request.headers['sec-websocket-version'];
  if (version === undefined || !webSocketVersions.includes(version.trim())) {
    return {
      error: new InterlinguaError('invalid_request', `Send Sec-WebSocket-Version: 13 (this socket speaks ${webSocketVersions.join(', ')}).`, { status: 426 }),
      headers: { 'sec-websocket-version': webSocketVersions.join(', ') },
    };
  }
  return undefined;
}

/** An upgrade refused with a plain HTTP answer: `{"error":{"message","code"}}`, the code from the README's error table. */
function refuse(socket: Duplex, error: InterlinguaError, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { message: error.message, code: error.code } });
  const retryAfter = error.retryAfterMs === undefined ? '' : `retry-after: ${Math.max(1, Math.ceil(error.retryAfterMs / 1000))}\r\n`;
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${error.status} ${reasons[error.status] ?? 'Error'}\r\ncontent-type: application/json\r\n${retryAfter}${extra}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
