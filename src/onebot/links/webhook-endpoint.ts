import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../gateway/logger.js';
import type { ActionResponse, BotSelf } from '../wire-types.js';
import { okResponse } from '../retcodes.js';
import { pathOf, presentsAccessToken } from './access-token.js';
import type { HttpActionLink } from './http-action-link.js';
import type { OnebotLink } from './onebot-link.js';
import { parseJsonText } from '../../wire/json-text.js';

export interface WebhookSettings {
  path: string;
  accessToken?: string;
  maxBodyBytes: number;
}

/** Handles one event and resolves when every action it causes has been sent. */
export type WebhookEventHandler = (event: unknown, link: OnebotLink) => Promise<void>;

/**
 * HTTP Webhook: the implementation POSTs each event to us with `X-OneBot-Version` and `X-Impl`
 * (https://12.onebot.dev/connect/communication/http-webhook/). With an HTTP action URL the
 * event is acknowledged at once (204) and answered through HTTP actions; without one, the
 * answer's actions travel back in the webhook's own 200 response, which the standard lets an
 * implementation execute while it discards their results.
 */
export class WebhookEndpoint {
  constructor(
    private readonly settings: WebhookSettings,
    private readonly actions: HttpActionLink | undefined,
    private readonly handle: WebhookEventHandler,
    private readonly logger: Logger,
  ) {}

  get path(): string {
    return this.settings.path;
  }

  /** Takes the request when it is for this endpoint's path; false leaves it to others. */
  async handleRequest(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    if (pathOf(request.url) !== this.settings.path) return false;
    if (request.method !== 'POST') return finish(request, response, 405);
    if (!presentsAccessToken(this.settings.accessToken, request.headers, request.url ?? '/')) return finish(request, response, 401);
    let text: string;
    try {
      text = await readBody(request, this.settings.maxBodyBytes);
    } catch {
      return finish(request, response, 400);
    }
    // Nested past the limit or not JSON: refused like any other malformed event.
    const parsed = parseJsonText(text);
    if (!parsed.ok) return finish(request, response, 400);
    const event = parsed.value;
    if (this.actions !== undefined) {
      finish(request, response, 204);
      this.handle(event, this.actions).catch((error: unknown) => this.logger.error('onebot webhook event failed', { error: String(error) }));
      return true;
    }
    const collected = new CollectingLink(`webhook ${this.settings.path} (${String(request.headers['x-impl'] ?? 'unknown')})`);
    await this.handle(event, collected);
    if (collected.requests.length === 0) return finish(request, response, 204);
    const body = JSON.stringify(collected.requests);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
    return true;
  }
}

/**
 * Gathers the actions for a webhook response. Their results are never seen, so each is
 * answered "ok" with no data; callers fall back accordingly (an image without `get_file`
 * data is read from its segment's URL if it has one).
 */
class CollectingLink implements OnebotLink {
  readonly requests: Array<{ action: string; params: Record<string, unknown>; self?: BotSelf }> = [];

  constructor(readonly description: string) {}

  async call(action: string, params: Record<string, unknown>, self?: BotSelf): Promise<ActionResponse> {
    if (action === 'get_file' || action === 'get_supported_actions') return okResponse(null);
    this.requests.push({ action, params, ...(self !== undefined ? { self } : {}) });
    return okResponse(null);
  }
}

function finish(request: IncomingMessage, response: ServerResponse, status: number): true {
  request.resume();
  response.writeHead(status, { 'content-length': 0 });
  response.end();
  return true;
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
