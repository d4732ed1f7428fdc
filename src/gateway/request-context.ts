import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/** The header that carries a request's id, in and out. */
export const requestIdHeader = 'x-request-id';

/** The caller's (or a load balancer's) id when it is a plain token, else a fresh one. */
export function requestIdFor(headers: IncomingHttpHeaders): string {
  const given = headers[requestIdHeader];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** The id an answer carries, as the server set it for every request (`undefined` outside the server). */
export function requestIdOf(response: ServerResponse): string | undefined {
  const id = response.getHeader(requestIdHeader);
  return typeof id === 'string' ? id : undefined;
}
