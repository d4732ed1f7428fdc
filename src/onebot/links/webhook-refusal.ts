import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InterlinguaError } from '../../interlingua/error.js';
import { failedResponse, retcodes } from '../retcodes.js';

/**
 * How the webhook refuses a post. The webhook standard defines only success (204, or 200 with a
 * list of action requests) and counts any other status as a failed push
 * (https://12.onebot.dev/connect/communication/http-webhook/, "响应"), so a refusal is never a 2xx:
 * a 200 would be read as actions to run. Its HTTP sibling, where the implementation is the server,
 * names the statuses (https://12.onebot.dev/connect/communication/http/, "错误"): 405 for a method
 * other than POST, 401 when the access token fails, 415 for an unsupported `Content-Type`, all
 * decided before the body is read and told by the status alone; past that point a failure is told
 * by an action response's `retcode`. The webhook keeps that split, with the 4xx status a failed push
 * needs instead of that page's 200.
 */
export type RefusalBeforeBody = 'method' | 'access-token' | 'media-type';

/** The status and the header RFC 9110 asks of it, for each refusal made before the body is read. */
const beforeBody: Record<RefusalBeforeBody, { status: number; headers: Record<string, string> }> = {
  // RFC 9110 §15.5.6: a 405 MUST carry `Allow` with the methods the resource takes.
  method: { status: 405, headers: { allow: 'POST' } },
  // RFC 9110 §15.5.2: a 401 MUST carry a `WWW-Authenticate` challenge; OneBot's token is a Bearer one.
  'access-token': { status: 401, headers: { 'www-authenticate': 'Bearer' } },
  'media-type': { status: 415, headers: {} },
};

/** Refuses a post by its status alone, leaving its unread body to be drained. */
export function refuseBeforeBody(request: IncomingMessage, response: ServerResponse, refusal: RefusalBeforeBody): true {
  const { status, headers } = beforeBody[refusal];
  request.resume();
  response.writeHead(status, { ...headers, 'content-length': 0 });
  response.end();
  return true;
}

/**
 * Refuses a post whose body was read (or began to be): a 4xx (400 for a body that is not an event,
 * 413 for one over the size limit) with a body an implementation reads like any OneBot 12 action
 * response, `status: failed` and `retcode` 10001 Bad Request, which the standard gives a request of
 * the wrong format (https://12.onebot.dev/connect/data-protocol/action-response/, "1xxxx 动作请求错误":
 * "格式错误、必要字段缺失或字段类型错误").
 */
export function refuseBody(request: IncomingMessage, response: ServerResponse, status: 400 | 413, message: string): true {
  request.resume();
  writeFailedResponse(response, status, message);
  return true;
}

/**
 * A webhook post Node's HTTP parser could not read (a broken chunked body, one not received in
 * time), answered at the HTTP status Node would give it (gateway/framing-failure.ts) with the same
 * action response body as `refuseBody`.
 */
export function writeWebhookRefusal(response: ServerResponse, refusal: InterlinguaError): void {
  writeFailedResponse(response, refusal.status, refusal.message);
}

function writeFailedResponse(response: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify(failedResponse(retcodes.badRequest, message));
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
