/**
 * One place to ask what an upstream model accepts and costs. Layers, each over the one before:
 * the models.dev catalog (models-dev.ts), the limits vendors publish for models newer than it
 * (published-limits.ts), the vendors' per-family rules (model-rules.ts), and the configuration's
 * `catalog:` entries, which add models and override any fact. A model none of them knows has no
 * facts, and requests to it are sent as they always were. An entry with a `baseModel` (base-model.ts)
 * starts from that model's facts instead of its own name's.
 */
import { baseChain, entryNamed } from './base-model.js';
import type { ModelFacts, SamplingControl } from './model-facts.js';
import { undatedModelId, withoutResourcePrefix } from './model-id.js';
import { catalogModels, catalogVendors, type CatalogVendor } from './models-dev.js';
import { rulesFor, type RuleVendor } from './model-rules.js';
import { publishedLimitsFor, withPublishedLimits } from './published-limits.js';
import type { CatalogPrices, ModelPrice } from '../usage/prices.js';

/** A configured entry: any facts, by the upstream model id, over those of its `baseModel` when it names one. */
export type ConfiguredModelFacts = Omit<ModelFacts, 'id'> & { baseModel?: string };

interface VendorIndex {
  byId: Map<string, ModelFacts>;
  /** Each entry also under its undated id (`claude-sonnet-4` for `claude-sonnet-4-20250514`), the newest snapshot first. */
  byUndatedId: Map<string, ModelFacts>;
}

let vendorIndexes: Map<CatalogVendor, VendorIndex> | undefined;

/** The catalog is read once per process, when first asked. */
function indexOf(vendor: CatalogVendor): VendorIndex {
  vendorIndexes ??= new Map(catalogVendors.map((name) => [name, buildIndex(catalogModels(name))]));
  return vendorIndexes.get(vendor)!;
}

function buildIndex(byId: Map<string, ModelFacts>): VendorIndex {
  const byUndatedId = new Map<string, ModelFacts>();
  for (const id of [...byId.keys()].sort().reverse()) {
    const undated = undatedModelId(id);
    if (!byUndatedId.has(undated)) byUndatedId.set(undated, byId.get(id)!);
  }
  return { byId, byUndatedId };
}

/** Distinct models whose facts are remembered (names can come from callers); past it, the memory starts over. */
const maxRemembered = 1000;

export class ModelCatalog implements CatalogPrices {
  private readonly configured: Map<string, ConfiguredModelFacts>;

  constructor(configured: Readonly<Record<string, ConfiguredModelFacts>> = {}) {
    this.configured = new Map(Object.entries(configured));
  }

  /**
   * The facts of `model` as `vendor` serves it (undefined for a vendor neither the catalog nor the
   * rules cover, where only configured entries apply), or undefined when nothing is known of it.
   */
  factsFor(vendor: RuleVendor | undefined, model: string): ModelFacts | undefined {
    const name = vendor === undefined ? model : `${vendor}\u0000${model}`;
    const known = this.found.get(name);
    if (known !== undefined || this.found.has(name)) return known;
    const facts = this.layeredFacts(vendor, model);
    if (this.found.size >= maxRemembered) this.found.clear();
    this.found.set(name, facts);
    return facts;
  }

  /**
   * Facts already layered, by vendor and model: asked on every request sent upstream, and the same
   * for the life of this catalog (a reload builds a new one). Callers read facts, never change them.
   */
  private readonly found = new Map<string, ModelFacts | undefined>();

  private layeredFacts(vendor: RuleVendor | undefined, model: string): ModelFacts | undefined {
    const id = withoutResourcePrefix(model);
    const configured = entryNamed(this.configured, model);
    const base = this.baseOf(vendor, model);
    // The entry's name is its owner's: what a vendor may know under that name is not what the base model is.
    if (configured !== undefined && base !== undefined) return { ...layer(this.factsFor(base.vendor, base.model) ?? { id }, withoutBase(configured), 'replace'), id };
    const undated = undatedModelId(id);
    const listedVendor = asCatalogVendor(vendor);
    const index = listedVendor === undefined ? undefined : indexOf(listedVendor);
    const listed = index?.byId.get(id) ?? index?.byUndatedId.get(undated);
    const published = vendor === undefined ? undefined : publishedLimitsFor(vendor, undated);
    const rules = vendor === undefined ? [] : rulesFor(vendor, undated);
    if (listed === undefined && published === undefined && rules.length === 0 && configured === undefined) return undefined;

    let facts: ModelFacts = withPublishedLimits(listed ?? { id }, published);
    for (const rule of rules) facts = layer(facts, rule.facts, 'union');
    if (configured !== undefined) facts = layer(facts, withoutBase(configured), 'replace');
    return facts;
  }

  /**
   * The model whose facts and price `model` has, by its entry's `baseModel`, and the vendor that
   * serves it: `vendor` (the one the provider implies) when it knows the base model, else the first
   * that does (vendorKnowing). An Azure deployment's provider implies no vendor for a name of the
   * customer's own (catalog-vendor.ts), and the search finds OpenAI first for OpenAI's models.
   * Undefined without a base, or when the entries' bases turn back on themselves (refused in
   * configuration: catalog-config.ts), so that no lookup goes round for ever.
   */
  baseOf(vendor: string | undefined, model: string): { vendor: RuleVendor | undefined; model: string } | undefined {
    const baseModel = entryNamed(this.configured, model)?.baseModel;
    if (baseModel === undefined || baseChain(this.configured, model).loops) return undefined;
    const implied = asRuleVendor(vendor);
    return { vendor: implied !== undefined && vendorKnows(implied, baseModel) ? implied : vendorKnowing(baseModel), model: baseModel };
  }

  configuredPrice(model: string): ModelPrice | undefined {
    return entryNamed(this.configured, model)?.price;
  }

  listedPrice(vendor: string | undefined, model: string): ModelPrice | undefined {
    return this.factsFor(asCatalogVendor(vendor), model)?.price;
  }
}

/**
 * Whose models the search for a base model's vendor (vendorKnowing) tries first: the makers, OpenAI
 * first (Azure serves its models, and a name another vendor also lists is OpenAI's there), and
 * Groq, which serves other makers' models under their names, last. A Record, so that a vendor added
 * to the rules must be ranked here.
 */
const vendorRank: Readonly<Record<RuleVendor, number>> = {
  openai: 0,
  anthropic: 1,
  google: 2,
  amazon: 3,
  xai: 4,
  deepseek: 5,
  alibaba: 6,
  moonshot: 7,
  mistral: 8,
  zhipu: 9,
  groq: 10,
};
const vendorsByRank = (Object.keys(vendorRank) as RuleVendor[]).sort((a, b) => vendorRank[a] - vendorRank[b]);

/** The first vendor whose catalog listing, published limits or rules know `model`, or undefined when none does. */
export function vendorKnowing(model: string): RuleVendor | undefined {
  return vendorsByRank.find((vendor) => vendorKnows(vendor, model));
}

function vendorKnows(vendor: RuleVendor, model: string): boolean {
  const id = withoutResourcePrefix(model);
  const undated = undatedModelId(id);
  const listedVendor = asCatalogVendor(vendor);
  const index = listedVendor === undefined ? undefined : indexOf(listedVendor);
  if (index?.byId.has(id) === true || index?.byUndatedId.has(undated) === true) return true;
  return publishedLimitsFor(vendor, undated) !== undefined || rulesFor(vendor, undated).length > 0;
}

function asRuleVendor(vendor: string | undefined): RuleVendor | undefined {
  return vendor !== undefined && Object.hasOwn(vendorRank, vendor) ? (vendor as RuleVendor) : undefined;
}

function withoutBase(configured: ConfiguredModelFacts): Omit<ModelFacts, 'id'> {
  const { baseModel: _base, ...facts } = configured;
  return facts;
}

function asCatalogVendor(vendor: string | undefined): CatalogVendor | undefined {
  return catalogVendors.find((name) => name === vendor);
}

/**
 * `over`'s facts in place of `base`'s. Refused sampling controls from a rule add to the
 * catalog's; a configured list replaces them, so an operator can allow a control again.
 */
function layer(base: ModelFacts, over: Omit<ModelFacts, 'id'>, refused: 'union' | 'replace'): ModelFacts {
  const facts: ModelFacts = { ...base, ...over };
  if (refused === 'union' && over.refusedSampling !== undefined) {
    facts.refusedSampling = [...new Set<SamplingControl>([...(base.refusedSampling ?? []), ...over.refusedSampling])];
  }
  if (over.price !== undefined) facts.price = { ...over.price };
  return facts;
}
