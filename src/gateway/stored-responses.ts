import type { ServerResponse } from 'node:http';
import { InterlinguaError } from '../interlingua/error.js';
import { dialects } from '../dialects/registry.js';
import type { GatewayServices } from './services.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import { responseOwner } from '../conversations/response-owner.js';
import { listedInputItems } from '../dialects/openai-responses/input-item-list.js';
import { sendError, sendJson, toInterlinguaError } from './http-io.js';
import { echoedValue } from '../core/echoed-value.js';

/**
 * `GET /v1/responses/{id}` returns a stored response as its caller first received it;
 * `DELETE` removes it (later turns that pointed at it then begin where it was). Only the key
 * that made it (or, for one made without a key, a caller without one) reaches it; to anyone
 * else it is the same 404 as an id that never existed.
 * Reference: https://platform.openai.com/docs/api-reference/responses/get
 */
export async function handleStoredResponse(
  services: GatewayServices,
  key: GatewayKey | undefined,
  id: string,
  action: 'get' | 'delete' | 'input-items',
  response: ServerResponse,
  query = '',
): Promise<void> {
  const caller = dialects['openai-responses'];
  const owner = responseOwner(key?.id);
  try {
    if (action === 'input-items') {
      const stored = await services.responses.records.get(id, owner);
      if (stored === undefined) throw notFound(id);
      return sendJson(response, 200, inputItemPage(listedInputItems(stored.id, stored.turn.system, stored.turn.messages), new URLSearchParams(query)));
    }
    if (action === 'get') {
      const stored = await services.responses.records.get(id, owner);
      if (stored === undefined) throw notFound(id);
      return sendJson(response, 200, stored.body);
    }
    if (!(await services.responses.records.delete(id, owner))) throw notFound(id);
    return sendJson(response, 200, { id, object: 'response', deleted: true });
  } catch (caught) {
    const error = toInterlinguaError(caught);
    if (error.code === 'internal') services.logger.error('internal error', { error: String(error.cause ?? error) });
    sendError(response, caller, error);
  }
}

/**
 * One page of a turn's input items: `order` (`desc` unless `asc`), `after` (an item id) and
 * `limit` (1 to 100, default 20), as OpenAI's list endpoints take them.
 */
function inputItemPage(items: Array<Record<string, unknown>>, params: URLSearchParams): Record<string, unknown> {
  const order = params.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw new InterlinguaError('invalid_request', `order must be "asc" or "desc", not ${echoedValue(order)}.`, { param: 'order' });
  const limitText = params.get('limit');
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new InterlinguaError('invalid_request', 'limit must be a whole number from 1 to 100.', { param: 'limit' });
  const ordered = order === 'asc' ? items : [...items].reverse();
  const after = params.get('after');
  const start = after === null ? 0 : ordered.findIndex((item) => item['id'] === after) + 1;
  if (after !== null && start === 0) throw new InterlinguaError('invalid_request', `No input item has the id "${after}".`, { param: 'after' });
  const data = ordered.slice(start, start + limit);
  return { object: 'list', data, first_id: data[0]?.['id'] ?? null, last_id: data.at(-1)?.['id'] ?? null, has_more: start + limit < ordered.length };
}

function notFound(id: string): InterlinguaError {
  return new InterlinguaError('not_found', `Response with id '${id}' not found.`);
}
