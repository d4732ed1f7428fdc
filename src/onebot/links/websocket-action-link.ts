import { setMaxListeners } from 'node:events';
import type WebSocket from 'ws';
import { InterlinguaError } from '../../interlingua/error.js';
import { actionResponseSchema, isActionResponse, type ActionResponse, type BotSelf } from '../wire-types.js';
import { failedResponse } from '../retcodes.js';
import type { EventSink, OnebotLink } from './onebot-link.js';
import { peerId } from '../peer-id.js';
import { parseJsonText } from '../../wire/json-text.js';

/** An action waiting for its response: how to settle it, and its timeout to clear when it is. */
interface PendingAction {
  resolve: (response: ActionResponse) => void;
  timer: NodeJS.Timeout;
}

/**
 * Actions and events over one open WebSocket to an implementation, whichever side opened it
 * (https://12.onebot.dev/connect/communication/websocket/): action requests go out with an
 * `echo`, responses come back with it, and every other frame is an event. When the socket
 * closes the link is over for good: `closed` fires, and the actions still waiting fail at once
 * rather than at their timeout. A reconnection, from either side, is a new link.
 */
export class WebSocketActionLink implements OnebotLink {
  private readonly pending = new Map<string, PendingAction>();
  private readonly ended = new AbortController();
  private nextEcho = 1;

  constructor(
    private readonly socket: WebSocket,
    readonly description: string,
    events: EventSink,
    private readonly actionTimeoutMs: number,
  ) {
    // Every turn answering on the link watches `closed`: a busy group has many at once, none a leak.
    setMaxListeners(0, this.ended.signal);
    socket.on('message', (data, isBinary) => {
      // MessagePack (binary frames) is optional in the standard; this side speaks JSON only.
      if (isBinary) return;
      // A frame that is not JSON, or nested past the limit, is dropped like any unreadable one.
      const read = parseJsonText(data.toString());
      if (!read.ok) return;
      const frame = read.value;
      if (isActionResponse(frame)) this.settle(frame);
      else events(frame, this);
    });
    socket.on('close', () => {
      for (const [echo, action] of this.pending) {
        clearTimeout(action.timer);
        action.resolve(failedResponse(-1, `connection closed before the response to ${echo}`));
      }
      this.pending.clear();
      this.ended.abort();
    });
  }

  get closed(): AbortSignal {
    return this.ended.signal;
  }

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  call(action: string, params: Record<string, unknown>, self?: BotSelf): Promise<ActionResponse> {
    if (!this.open) return Promise.reject(new InterlinguaError('upstream_unreachable', `${this.description} is not connected`, { retryable: true }));
    const echo = String(this.nextEcho++);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(echo);
        resolve(failedResponse(-1, `no response to ${action} within ${this.actionTimeoutMs} ms`));
      }, this.actionTimeoutMs);
      this.pending.set(echo, { resolve, timer });
      this.socket.send(JSON.stringify({ action, params, echo, ...(self !== undefined ? { self } : {}) }));
    });
  }

  close(): void {
    this.socket.close();
  }

  private settle(frame: unknown): void {
    const parsed = actionResponseSchema.safeParse(frame);
    if (!parsed.success) return;
    // Only an echo this link sent (a number as text) settles a call.
    const echo = peerId(parsed.data.echo);
    const action = echo === undefined ? undefined : this.pending.get(echo);
    if (action === undefined || echo === undefined) return;
    this.pending.delete(echo);
    clearTimeout(action.timer);
    action.resolve(normalizedResponse(parsed.data));
  }
}

/** A parsed response as the bridge reads it: `status` follows `retcode` when an implementation left it out. */
export function normalizedResponse(parsed: { status?: string | undefined; retcode: number; data?: unknown; message?: string | null | undefined; echo?: unknown }): ActionResponse {
  const ok = parsed.retcode === 0;
  return { status: ok ? 'ok' : 'failed', retcode: parsed.retcode, data: parsed.data ?? null, message: parsed.message ?? '', ...(parsed.echo !== undefined ? { echo: parsed.echo } : {}) };
}
