import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { InterlinguaError } from '../interlingua/error.js';
import { dialects } from '../dialects/registry.js';
import { parseKeySpec } from '../keys/key-spec.js';
import { queryUsage, type UsageFilter } from '../usage/usage-query.js';
import type { GatewayServices } from './services.js';
import { parseJsonBody, readBody, sendError, sendJson, toInterlinguaError } from './http-io.js';
import { handleConsoleAdminRequest } from './admin-console-api.js';
import { sendDeploymentHealth } from './admin-deployments.js';
import { echoedValue } from '../core/echoed-value.js';
import { decodePathPiece } from './path-piece.js';
import { usageStore } from './usage-store.js';
import { filterText, momentParam, wholeNumber } from './admin-query-values.js';

/**
 * The admin API, behind `adminKey` (`Authorization: Bearer`): gateway keys
 * (`GET`/`POST /admin/keys`, `DELETE /admin/keys/{id or name}`) and usage
 * (`GET /admin/usage?key=&model=&since=&until=&limit=`) and deployment health (`GET /admin/deployments`);
 * the console's routes are in `admin-console-api.ts`. Answers and errors are OpenAI-shaped JSON.
 */
export async function handleAdminRequest(services: GatewayServices, route: { path: string; method: string }, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const shape = dialects['openai-chat'];
  try {
    authorizeAdmin(services.config.adminKey, request.headers.authorization);
    const { path, method } = route;
    if (path === '/keys' && method === 'GET') {
      request.resume();
      return sendJson(response, 200, { object: 'list', data: await services.keys.list() });
    }
    if (path === '/keys' && method === 'POST') {
      const body = parseJsonBody(await readBody(request, services.config.server.maxBodyBytes));
      const spec = await asInvalidRequest(() => parseKeySpec(body));
      const created = await services.keys.create(spec);
      return sendJson(response, 201, { ...created.record, key: created.key });
    }
    const keyPath = /^\/keys\/([^/]+)$/.exec(path);
    if (keyPath?.[1] !== undefined && method === 'DELETE') {
      request.resume();
      const idOrName = decodePathPiece(keyPath[1], 'key id or name');
      const revoked = await services.keys.revoke(idOrName);
      if (revoked === undefined) throw new InterlinguaError('not_found', `No key has the id or name ${echoedValue(idOrName)}.`);
      services.access.authenticator.forget();
      return sendJson(response, 200, revoked);
    }
    if (path === '/usage' && method === 'GET') {
      request.resume();
      const filter = await asInvalidRequest(() => usageFilter(new URL(request.url ?? '/', 'http://gateway').searchParams));
      return sendJson(response, 200, { object: 'list', data: await queryUsage(await usageStore(services.store), filter) });
    }
    if (path === '/deployments' && method === 'GET') {
      request.resume();
      return sendDeploymentHealth(services, response);
    }
    if (await handleConsoleAdminRequest(services, path, method, request, response)) return;
    request.resume();
    throw new InterlinguaError('not_found', `No admin route for ${method} /admin${path}.`);
  } catch (caught) {
    const error = toInterlinguaError(caught);
    if (error.code === 'internal') services.logger.error('internal error', { error: String(error.cause ?? error) });
    sendError(response, shape, error);
  }
}

function authorizeAdmin(adminKey: string | undefined, authorization: string | undefined): void {
  if (adminKey === undefined) throw new InterlinguaError('not_found', 'The admin API is off: set adminKey in the configuration.');
  const presented = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  if (presented === undefined) throw new InterlinguaError('authentication', 'The admin API needs the admin key as Authorization: Bearer.');
  // Compared as digests: equal length, constant time.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  if (!timingSafeEqual(digest(presented), digest(adminKey))) throw new InterlinguaError('authentication', 'The admin key is not valid.');
}

function usageFilter(params: URLSearchParams): UsageFilter {
  const now = Date.now();
  const filter: UsageFilter = {};
  const key = params.get('key');
  if (key !== null) filter.keyName = filterText(key, 'key');
  const model = params.get('model');
  if (model !== null) filter.model = filterText(model, 'model');
  const since = params.get('since');
  if (since !== null) filter.since = momentParam(since, now, 'since');
  const until = params.get('until');
  if (until !== null) filter.until = momentParam(until, now, 'until');
  const limit = params.get('limit');
  // The newest N, still oldest first: what `interlingua usage --limit N` shows and the README promises.
  if (limit !== null) filter.last = wholeNumber(limit, 'limit', 1);
  return filter;
}

async function asInvalidRequest<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InterlinguaError) throw error;
    throw new InterlinguaError('invalid_request', (error as Error).message);
  }
}
