import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminMethodsOf } from './admin-methods.js';
import { timingSafeEqual, createHash } from 'node:crypto';
import { InterlinguaError } from '../interlingua/error.js';
import { dialects } from '../dialects/registry.js';
import { parseKeySpec } from '../keys/key-spec.js';
import { queryUsage, queryUsagePage, usagePageDefault, usagePageMax, type UsageFilter, type UsagePage } from '../usage/usage-query.js';
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
 * (`GET /admin/usage?key=&model=&since=&until=&limit=&after=`, a page at a time) and deployment health (`GET /admin/deployments`);
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
      return sendJson(response, 200, await usageList(services, new URL(request.url ?? '/', 'http://gateway').searchParams));
    }
    if (path === '/deployments' && method === 'GET') {
      request.resume();
      return sendDeploymentHealth(services, response);
    }
    if (await handleConsoleAdminRequest(services, path, method, request, response)) return;
    request.resume();
    const allow = adminMethodsOf(path);
    if (allow === undefined) throw new InterlinguaError('not_found', `No admin route for ${method} /admin${path}.`);
    response.setHeader('allow', allow);
    throw new InterlinguaError('invalid_request', `Use ${allow} on /admin${path}.`, { status: 405 });
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

/**
 * `GET /admin/usage`, a page at a time: with `limit` alone, the newest that many (oldest first, as
 * `interlingua usage --limit N` shows them); otherwise the first `limit` (1,000 when not given)
 * from `since`, or after the record `after`: in stored order on SQLite, so a record written late
 * is not skipped, and by time on PostgreSQL (usage-query.ts `queryUsagePage`). `has_more` says
 * whether records follow `last_id`, and `after=<last_id>` reads them: the list shape of OpenAI's
 * own list endpoints (`data`, `first_id`, `last_id`, `has_more`,
 * https://platform.openai.com/docs/api-reference/pagination), as in stored-responses.ts. Without a
 * limit the route once answered every record at once (83 MB and 800 MiB more memory for 200,000
 * of them).
 */
async function usageList(services: GatewayServices, params: URLSearchParams) {
  const { filter, after, limit } = await asInvalidRequest(() => usageFilter(params));
  const store = await usageStore(services.store);
  let page: UsagePage | undefined;
  if (after === undefined && limit !== undefined) page = { records: await queryUsage(store, { ...filter, last: limit }), hasMore: false };
  else page = await queryUsagePage(store, filter, after, limit ?? usagePageDefault);
  if (page === undefined) throw new InterlinguaError('invalid_request', `after: no usage record has the id ${echoedValue(after ?? '')}.`);
  const { records, hasMore } = page;
  return { object: 'list', data: records, first_id: records[0]?.id ?? null, last_id: records.at(-1)?.id ?? null, has_more: hasMore };
}

function usageFilter(params: URLSearchParams): { filter: UsageFilter; after?: string; limit?: number } {
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
  const limitText = params.get('limit');
  const limit = limitText === null ? undefined : wholeNumber(limitText, 'limit', 1, usagePageMax);
  const afterText = params.get('after');
  const after = afterText === null ? undefined : filterText(afterText, 'after');
  return { filter, ...(after !== undefined ? { after } : {}), ...(limit !== undefined ? { limit } : {}) };
}

async function asInvalidRequest<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InterlinguaError) throw error;
    throw new InterlinguaError('invalid_request', (error as Error).message);
  }
}
