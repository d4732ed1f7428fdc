import type { ChatRequest } from '../interlingua/request.js';
import type { EmbeddingRequest } from '../interlingua/embedding.js';
import type { ModelPrice } from '../usage/prices.js';
import { catalogVendorOf } from './catalog-vendor.js';
import type { GatewayServices } from './services.js';
import { estimateInputTokens } from './tokenizer/token-estimate.js';
import { estimateEmbeddingInputTokens } from './usage-estimate.js';

/**
 * Output tokens assumed for a request that sets no cap on a model whose limit is not known:
 * LiteLLM's figure for the same estimate (https://docs.litellm.ai/docs/proxy/budget_reservation).
 */
const unknownOutputLimit = 16_384;

/** Characters of a long input actually tokenized for the estimate (src/gateway/tokenizer/token-estimate.ts scales the rest). */
const sampleChars = 16_384;

/**
 * The most a chat request may cost, held against its key's budget while it runs: its input
 * (estimated, as the gateway estimates usage an upstream does not report) at the dearest input rate
 * (a cache write costs more than plain input), plus its output cap (`maxOutputTokens`, held to
 * the model's published output limit, or that limit when the request sets none) for each of its
 * candidates, priced for the dearest deployment its model routes to. Undefined when none of them
 * has a price: such a request is recorded with no cost, so nothing is held for it.
 */
export async function spendCeiling(services: CeilingServices, request: ChatRequest): Promise<number | undefined> {
  const priced = pricedDeployments(services, request.model);
  if (priced.length === 0) return undefined;
  const input = await estimateInputTokens(request, sampleChars);
  const candidates = Math.max(1, request.sampling.candidateCount ?? 1);
  let most = 0;
  for (const { price, outputLimit } of priced) {
    const limit = outputLimit ?? unknownOutputLimit;
    const output = Math.min(request.sampling.maxOutputTokens ?? limit, limit) * candidates;
    most = Math.max(most, ceilingOf(price, input, output));
  }
  return most;
}

/**
 * The most an embeddings request may cost, held as a chat request's is: its input, estimated as
 * an embeddings answer without usage is (usage-estimate.ts), priced for the dearest deployment its
 * model routes to. Embeddings write no output, so their input is all they are billed. Undefined
 * when none of the deployments has a price.
 */
export async function embeddingsSpendCeiling(services: CeilingServices, request: EmbeddingRequest): Promise<number | undefined> {
  const priced = pricedDeployments(services, request.model);
  if (priced.length === 0) return undefined;
  const input = await estimateEmbeddingInputTokens(request, sampleChars);
  return Math.max(...priced.map(({ price }) => ceilingOf(price, input, 0)));
}

type CeilingServices = Pick<GatewayServices, 'router' | 'prices' | 'catalog'>;

/** The price and output limit of each of the model's deployments that has a price; none for an unknown model. */
function pricedDeployments(services: CeilingServices, model: string): Array<{ price: ModelPrice; outputLimit: number | undefined }> {
  let deployments;
  try {
    deployments = services.router.resolve(model);
  } catch {
    // An unknown model is refused later, before any upstream is asked.
    return [];
  }
  return deployments.flatMap((deployment) => {
    const vendor = catalogVendorOf(deployment.provider, deployment.model);
    const price = services.prices.priceOf(deployment.model, vendor);
    return price === undefined ? [] : [{ price, outputLimit: services.catalog.factsFor(vendor, deployment.model)?.maxOutputTokens }];
  });
}

/** Dollars for `input` and `output` tokens at the dearest rates `price` may bill them (src/usage/cost.ts prices the real usage). */
function ceilingOf(price: ModelPrice, input: number, output: number): number {
  const rates = price.longPrompt !== undefined && input > price.longPrompt.aboveTokens ? price.longPrompt : price;
  const inputRate = Math.max(rates.input, rates.cachedInput ?? 0, rates.cacheWrite ?? 0, rates.cacheWrite1h ?? 0);
  return (input * inputRate + output * rates.output) / 1_000_000;
}
