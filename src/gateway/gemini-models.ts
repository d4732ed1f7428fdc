/**
 * Gemini's `models.list` (`GET /v1beta/models`) and `models.get` (`GET /v1beta/models/{model}`,
 * which `ai.models.get()` of @google/genai calls), answered from the names the gateway serves and
 * what its catalog knows of the models behind them (gemini-model-resource.ts).
 */
import type { ServerResponse } from 'node:http';
import { InterlinguaError } from '../interlingua/error.js';
import { echoedValue } from '../core/echoed-value.js';
import { dialects } from '../dialects/registry.js';
import { embeddingsEndpoint } from '../providers/embeddings.js';
import { catalogVendorOf } from './catalog-vendor.js';
import { geminiModelResource, type GeminiModelFacts } from './gemini-model-resource.js';
import { sendError, sendJson } from './http-io.js';
import { geminiModelList } from './model-listing.js';
import type { Deployment } from './model-router.js';
import type { GatewayServices } from './services.js';
import { isHttpProvider } from './upstream-dialects.js';

/**
 * `model` undefined: the list of `listed`. Otherwise that one name, if the gateway serves it
 * (a configured name, `provider/model`, or a name a provider's globs claim) and the key may use it;
 * else Gemini's 404 body, `{error: {code: 404, message, status: "NOT_FOUND"}}` (gemini/errors.ts).
 */
export function sendGeminiModels(services: GatewayServices, response: ServerResponse, listed: readonly string[], model: string | undefined, allowed: (model: string) => boolean): void {
  if (model === undefined) {
    sendJson(response, 200, geminiModelList(listed, (id) => geminiModelFacts(services, servedBy(services, id) ?? [])));
    return;
  }
  const id = model.replace(/^models\//, '');
  const deployments = allowed(id) ? servedBy(services, id) : undefined;
  if (deployments === undefined) {
    sendError(response, dialects.gemini, new InterlinguaError('not_found', `The model ${echoedValue(id, 100)} is not found here.`));
    return;
  }
  sendJson(response, 200, geminiModelResource(id, geminiModelFacts(services, deployments)));
}

function servedBy(services: GatewayServices, id: string): readonly Deployment[] | undefined {
  try {
    return services.router.resolve(id);
  } catch {
    return undefined;
  }
}

/**
 * What every deployment behind a name is known to take: the smallest limit, known only when each
 * one's is. The catalog's context window stands for the input limit, as Gemini's own model pages
 * give the input limit where other vendors give the window ("Maximum input tokens: 1,048,576" for a 1M window: published-limits.ts).
 */
export function geminiModelFacts(services: GatewayServices, deployments: readonly Deployment[]): GeminiModelFacts {
  const inputs: (number | undefined)[] = [];
  const outputs: (number | undefined)[] = [];
  let embeds = false;
  for (const { provider, model } of deployments) {
    const facts = services.catalog.factsFor(catalogVendorOf(provider, model), model);
    inputs.push(facts?.contextTokens);
    outputs.push(facts?.maxOutputTokens);
    if (isHttpProvider(provider) && services.upstreamDialects.for(provider).embeddings !== undefined && embeddingsEndpoint(provider.dialect, provider, model) !== undefined) embeds = true;
  }
  const facts: GeminiModelFacts = { embeds };
  const inputTokenLimit = smallestKnown(inputs);
  const outputTokenLimit = smallestKnown(outputs);
  if (inputTokenLimit !== undefined) facts.inputTokenLimit = inputTokenLimit;
  if (outputTokenLimit !== undefined) facts.outputTokenLimit = outputTokenLimit;
  return facts;
}

function smallestKnown(values: readonly (number | undefined)[]): number | undefined {
  if (values.length === 0 || values.some((value) => value === undefined)) return undefined;
  return Math.min(...(values as number[]));
}
