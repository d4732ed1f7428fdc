import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../gateway/logger.js';
import { pathOf, presentsAccessToken } from './access-token.js';
import type { HttpActionLink } from './http-action-link.js';
import type { OnebotLink } from './onebot-link.js';
import { WebhookResponseLink } from './webhook-response-link.js';
import { parseJsonText } from '../../wire/json-text.js';
import { refuseWith } from '../../gateway/client-errors.js';
import { framingFailureOf, onFramingFailure } from '../../gateway/framing-failure.js';
import { refuseBeforeBody, refuseBody, writeWebhookRefusal } from './webhook-refusal.js';
import { takesMediaType } from './webhook-media-type.js';
import { eventSchema } from '../wire-types.js';

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
    // Refusals and their statuses: webhook-refusal.ts.
    if (request.method !== 'POST') return refuseBeforeBody(request, response, 'method');
    if (!presentsAccessToken(this.settings.accessToken, request.headers, request.url ?? '/')) return refuseBeforeBody(request, response, 'access-token');
    if (!takesMediaType(request.headers['content-type'])) return refuseBeforeBody(request, response, 'media-type');
    const tooLarge = `the body is over the ${this.settings.maxBodyBytes}-byte limit`;
    if (Number(request.headers['content-length'] ?? 0) > this.settings.maxBodyBytes) return refuseBody(request, response, 413, tooLarge);
    // From here the route is known: a body Node cannot read is refused in OneBot's shape (webhook-refusal.ts).
    refuseWith(response, (refusal) => writeWebhookRefusal(response, refusal));
    let text: string;
    try {
      text = await readBody(request, this.settings.maxBodyBytes);
    } catch (error) {
      // A body Node stopped reading has had its refusal (gateway/client-errors.ts).
      if (framingFailureOf(request) !== undefined) return true;
      if (error instanceof BodyTooLarge) return refuseBody(request, response, 413, tooLarge);
      return refuseBody(request, response, 400, 'the body could not be read');
    }
    // Nested past the limit or not JSON: refused like any other malformed event.
    const parsed = parseJsonText(text);
    if (!parsed.ok) return refuseBody(request, response, 400, 'the body is not JSON');
    // What lacks an event's fields "is not a valid event" (https://12.onebot.dev/connect/data-protocol/event/).
    if (!eventSchema.safeParse(parsed.value).success) return refuseBody(request, response, 400, 'the body is not a OneBot 12 event');
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

/**
 * The body, or a refusal: Node reports a broken framing on the server (gateway/client-errors.ts),
 * and a request answered for it before its body ended neither ends nor fails, so the read is told.
 */
async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const failed = framingFailureOf(request);
  if (failed !== undefined) throw failed;
  let untie = () => {};
  const broken = new Promise<never>((_, reject) => (untie = onFramingFailure(request, reject)));
  try {
    return await Promise.race([collectBody(request, limit), broken]);
  } finally {
    untie();
  }
}

class BodyTooLarge extends Error {}

async function collectBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
