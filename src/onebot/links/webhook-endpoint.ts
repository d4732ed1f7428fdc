import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../gateway/logger.js';
import { pathOf, presentsAccessToken } from './access-token.js';
import type { HttpActionLink } from './http-action-link.js';
import type { OnebotLink } from './onebot-link.js';
import { WebhookResponseLink } from './webhook-response-link.js';
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
    const collected = new WebhookResponseLink(`webhook ${this.settings.path} (${String(request.headers['x-impl'] ?? 'unknown')})`, givenUp(response));
    await this.handle(event, collected);
    if (collected.closed.aborted) {
      this.logger.warn('onebot webhook answer dropped: the implementation closed the request first (its timeout?)', { link: collected.description });
      return true;
    }
    if (collected.requests.length === 0) return finish(request, response, 204);
    const body = JSON.stringify(collected.requests);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
    return true;
  }
}

/**
 * Fires when the response's connection closes before the response is written: the
 * implementation gave up waiting (its webhook `timeout`, https://12.onebot.dev/connect/communication/http-webhook/,
 * "超时"), or went away.
 */
function givenUp(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableEnded) controller.abort();
  });
  return controller.signal;
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
