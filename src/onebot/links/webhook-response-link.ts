import { InterlinguaError } from '../../interlingua/error.js';
import type { ActionResponse, BotSelf } from '../wire-types.js';
import { okResponse } from '../retcodes.js';
import type { OnebotLink } from './onebot-link.js';

/**
 * The actions of one webhook event's answer, gathered for the webhook's 200 response. The
 * implementation runs them and discards their responses
 * (https://12.onebot.dev/connect/communication/http-webhook/, "响应"), so each is answered "ok"
 * with no data here; callers fall back accordingly (an image without `get_file` data is read
 * from its segment's URL if it has one).
 *
 * `closed` fires when the implementation gives up on the request before the response is
 * written: past its `timeout` it counts the push as failed ("超时"), so none of the gathered
 * actions will ever run, and the turn behind them stops.
 */
export class WebhookResponseLink implements OnebotLink {
  readonly requests: Array<{ action: string; params: Record<string, unknown>; self?: BotSelf }> = [];
  readonly deliversAtEnd = true;

  constructor(
    readonly description: string,
    readonly closed: AbortSignal,
  ) {}

  async call(action: string, params: Record<string, unknown>, self?: BotSelf): Promise<ActionResponse> {
    if (this.closed.aborted) throw new InterlinguaError('upstream_unreachable', `${this.description} was given up by the implementation`, { retryable: false });
    if (action === 'get_file' || action === 'get_supported_actions') return okResponse(null);
    this.requests.push({ action, params, ...(self !== undefined ? { self } : {}) });
    return okResponse(null);
  }
}
