/**
 * One place to ask what an upstream model accepts and costs. Layers, each over the one before:
 * the models.dev catalog (models-dev.ts), the limits vendors publish for models newer than it
 * (published-limits.ts), the vendors' per-family rules (model-rules.ts), and the configuration's
 * `catalog:` entries, which add models and override any fact. A model none of them knows has no
 * facts, and requests to it are sent as they always were.
 */
import type { ModelFacts, SamplingControl } from './model-facts.js';
import { undatedModelId, withoutResourcePrefix } from './model-id.js';
import { catalogModels, catalogVendors, type CatalogVendor } from './models-dev.js';
import { rulesFor, type RuleVendor } from './model-rules.js';
import { publishedLimitsFor, withPublishedLimits } from './published-limits.js';
import type { CatalogPrices, ModelPrice } from '../usage/prices.js';

/** A configured entry: any facts, by the upstream model id. */
export type ConfiguredModelFacts = Omit<ModelFacts, 'id'>;

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
    const undated = undatedModelId(id);
    const listedVendor = asCatalogVendor(vendor);
    const index = listedVendor === undefined ? undefined : indexOf(listedVendor);
    const listed = index?.byId.get(id) ?? index?.byUndatedId.get(undated);
    const published = vendor === undefined ? undefined : publishedLimitsFor(vendor, undated);
    const rules = vendor === undefined ? [] : rulesFor(vendor, undated);
    const configured = this.configured.get(model) ?? this.configured.get(id) ?? this.configured.get(undated);
    if (listed === undefined && published === undefined && rules.length === 0 && configured === undefined) return undefined;

    let facts: ModelFacts = withPublishedLimits(listed ?? { id }, published);
    for (const rule of rules) facts = layer(facts, rule.facts, 'union');
    if (configured !== undefined) facts = layer(facts, configured, 'replace');
    return facts;
  }

  configuredPrice(model: string): ModelPrice | undefined {
    const id = withoutResourcePrefix(model);
    return (this.configured.get(model) ?? this.configured.get(id) ?? this.configured.get(undatedModelId(id)))?.price;
  }

  listedPrice(vendor: string | undefined, model: string): ModelPrice | undefined {
    return this.factsFor(asCatalogVendor(vendor), model)?.price;
  }
}

function asCatalogVendor(vendor: string | undefined): CatalogVendor | undefined {
  return catalogVendors.find((name) => name === vendor);
}

/**
 * `over`'s facts in place of `base`'s. Refused sampling controls from a rule add to the
 * catalog's; a configured list replaces them, so an operator can allow a control again.
 */
function layer(base: ModelFacts, over: ConfiguredModelFacts, refused: 'union' | 'replace'): ModelFacts {
  const facts: ModelFacts = { ...base, ...over };
  if (refused === 'union' && over.refusedSampling !== undefined) {
    facts.refusedSampling = [...new Set<SamplingControl>([...(base.refusedSampling ?? []), ...over.refusedSampling])];
  }
  if (over.price !== undefined) facts.price = { ...over.price };
  return facts;
}
