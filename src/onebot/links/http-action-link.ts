import { request } from 'undici';
import { InterlinguaError } from '../../interlingua/error.js';
import { actionResponseSchema, type ActionResponse, type BotSelf } from '../wire-types.js';
import { failedResponse } from '../retcodes.js';
import type { OnebotLink } from './onebot-link.js';
import { normalizedResponse } from './websocket-action-link.js';
import { parseJsonText } from '../../wire/json-text.js';
import { readBoundedBody, type BoundedBody } from '../../wire/bounded-body.js';
import { maxAnswerBytes, sizeText } from '../../wire/size-limits.js';

/**
 * HTTP actions: each action is a JSON POST to the implementation's `/`
 * (https://12.onebot.dev/connect/communication/http/), answered with its action response.
 * A 401 means the token was refused; any other non-200 status is a failed response.
 */
export class HttpActionLink implements OnebotLink {
  readonly description: string;

  constructor(
    private readonly url: string,
    private readonly accessToken: string | undefined,
    private readonly timeoutMs: number,
  ) {
    this.description = `http ${url}`;
  }

  async call(action: string, params: Record<string, unknown>, self?: BotSelf): Promise<ActionResponse> {
    const body = JSON.stringify({ action, params, ...(self !== undefined ? { self } : {}) });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    if (this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    let answer: Awaited<ReturnType<typeof request>>;
    try {
      answer = await request(this.url, { method: 'POST', headers, body, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
    } catch (error) {
      throw new InterlinguaError('upstream_unreachable', `${this.description}: ${(error as Error).message}`, { retryable: true, cause: error });
    }
    // Bounded as upstream answers are (wire/bounded-body.ts): an implementation's endless or trickling body is a failed action, not held memory.
    let received: BoundedBody;
    try {
      received = await readBoundedBody(answer.body, { maxBytes: maxAnswerBytes, deadline: Date.now() + this.timeoutMs });
    } catch (error) {
      throw new InterlinguaError('upstream_unreachable', `${this.description}: ${(error as Error).message}`, { retryable: true, cause: error });
    }
    if (received.end !== 'whole') return failedResponse(-1, `${this.description} answered ${action} with a body ${received.end === 'too-large' ? `over ${sizeText(maxAnswerBytes)}` : `not finished within ${this.timeoutMs} ms`}`);
    const text = received.bytes.toString('utf8');
    if (answer.statusCode !== 200) return failedResponse(-1, `${this.description} answered ${action} with HTTP ${answer.statusCode}`);
    const read = parseJsonText(text);
    if (!read.ok) return failedResponse(-1, `${this.description} answered ${action} with a body that ${read.problem}`);
    const parsed = actionResponseSchema.safeParse(read.value);
    return parsed.success ? normalizedResponse(parsed.data) : failedResponse(-1, `${this.description} answered ${action} with no retcode`);
  }
}
