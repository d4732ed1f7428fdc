/**
 * The answers of Ollama's server routes (ollama-server-routes.ts), as server/routes.go writes them:
 * `/` is the text "Ollama is running", `/api/version` `{"version": …}` (../dialects/ollama-family/server-version.ts).
 * `/api/ps` lists the models loaded into memory (docs/api.md "List Running Models"): the gateway holds
 * none, and each served model answers at once without a load, so the list is empty, as it is on an
 * Ollama server with nothing loaded; a load or unload request is answered at once and changes nothing
 * (../dialects/ollama-family/model-load.ts). `/api/show` (ollama-show.ts) answers for a model the
 * caller's key may use, and 404 `model '…' not found` for any other, as Ollama does (server/routes.go `ShowHandler`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { GatewayKey } from '../keys/gateway-key.js';
import { keyAllowsModel } from '../keys/key-authenticator.js';
import { InterlinguaError } from '../interlingua/error.js';
import { dialects } from '../dialects/registry.js';
import { ollamaApiVersion } from '../dialects/ollama-family/server-version.js';
import { catalogVendorOf } from './catalog-vendor.js';
import { parseJsonBody, readBody, sendError, sendJson, toInterlinguaError } from './http-io.js';
import { ollamaShowBody } from './ollama-show.js';
import type { OllamaServerRoute } from './ollama-server-routes.js';
import type { GatewayServices } from './services.js';

const runningText = 'Ollama is running';

export function sendOllamaServerInfo(route: OllamaServerRoute, response: ServerResponse): void {
  switch (route.endpoint) {
    case 'root':
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(runningText) });
      response.end(runningText);
      return;
    case 'version':
      return sendJson(response, 200, { version: ollamaApiVersion });
    case 'running':
      return sendJson(response, 200, { models: [] });
  }
}

/** api/types.go `ShowRequest`: `model`, or the older `name`. */
const showRequestSchema = z.looseObject({ model: z.string().nullish(), name: z.string().nullish() });

export async function handleOllamaShow(services: GatewayServices, key: GatewayKey | undefined, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const parsed = showRequestSchema.safeParse(parseJsonBody(await readBody(request, services.config.server.maxBodyBytes)));
    if (!parsed.success) throw new InterlinguaError('invalid_request', 'The request body must be a JSON object with a "model".');
    const model = parsed.data.model || parsed.data.name;
    if (!model) throw new InterlinguaError('invalid_request', 'model is required', { param: 'model' });
    // Ollama's own words; a name past 100 characters is cut, as an error never echoes a request whole.
    const notFound = new InterlinguaError('not_found', `model '${model.length > 100 ? `${model.slice(0, 100)}…` : model}' not found`, { param: 'model' });
    if (key !== undefined && !keyAllowsModel(key, model)) throw notFound;
    let deployment;
    try {
      deployment = services.router.resolve(model)[0];
    } catch {
      throw notFound;
    }
    const facts = deployment === undefined ? undefined : services.catalog.factsFor(catalogVendorOf(deployment.provider, deployment.model), deployment.model);
    sendJson(response, 200, ollamaShowBody(facts));
  } catch (caught) {
    sendError(response, dialects.ollama, toInterlinguaError(caught));
  }
}
