import type { ActionResponse, BotSelf } from '../wire-types.js';

/**
 * One way of reaching a OneBot implementation's actions, whatever carries them: a WebSocket
 * (either direction), HTTP POSTs, or the body of a webhook response. Events come the other
 * way through an `EventSink`.
 */
export interface OnebotLink {
  /** For logs: the transport and where it goes. */
  readonly description: string;
  /** Sends one action and resolves with its response (a failed response is not thrown). */
  call(action: string, params: Record<string, unknown>, self?: BotSelf): Promise<ActionResponse>;
  /**
   * Aborted once nothing more can reach the implementation over this link: its WebSocket closed
   * (a reconnection is a new link), or the webhook request it answers was given up. A turn
   * answering on the link stops there, since no reply of it could arrive. HTTP action links,
   * which open a connection per action, have none.
   */
  readonly closed?: AbortSignal;
  /**
   * True when the actions are carried out only after the turn ends (the list in a webhook
   * response): their "ok" means queued, and if the link closes first none of them went out.
   */
  readonly deliversAtEnd?: boolean;
}

/** Where a link hands every event it receives, with the link to answer on. */
export type EventSink = (event: unknown, link: OnebotLink) => void;
