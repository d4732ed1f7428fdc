/** US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Input read from a prompt cache; the input price when absent. */
  cachedInput?: number;
  /** Input written to a prompt cache (Anthropic); the input price when absent. */
  cacheWrite?: number;
}

/**
 * Vendor list prices of current models as published in November 2026 (OpenAI's pricing page,
 * https://developers.openai.com/api/docs/pricing; Anthropic's and Google's as tabulated in
 * GitHub's Copilot pricing table, github/docs data/tables/copilot/models-and-pricing.yml): more
 * exact than the catalog's rounded cache prices and newer than its snapshot. Below these comes
 * the catalog (src/catalog/); above them, `prices:` and `catalog:` in the configuration.
 */
export const builtInPrices: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5.4': { input: 2.5, cachedInput: 0.25, output: 15 },
  'gpt-5.4-mini': { input: 0.75, cachedInput: 0.075, output: 4.5 },
  'gpt-5.4-nano': { input: 0.2, cachedInput: 0.02, output: 1.25 },
  'claude-haiku-4-5': { input: 1, cachedInput: 0.1, cacheWrite: 1.25, output: 5 },
  'claude-sonnet-4': { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
  'claude-sonnet-4-5': { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
  'claude-sonnet-4-6': { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
  'claude-opus-4-5': { input: 5, cachedInput: 0.5, cacheWrite: 6.25, output: 25 },
  'claude-opus-4-6': { input: 5, cachedInput: 0.5, cacheWrite: 6.25, output: 25 },
  'gemini-3.1-pro': { input: 2, cachedInput: 0.2, output: 12 },
};

/** Where prices below the configured and built-in ones come from: the model catalog. */
export interface CatalogPrices {
  /** A `catalog:` entry's price, which wins over the built-in table. */
  configuredPrice(model: string): ModelPrice | undefined;
  /** The catalog's price of `model` as `vendor` (the catalog's vendor name) serves it. */
  listedPrice(vendor: string | undefined, model: string): ModelPrice | undefined;
}

/**
 * The price of a model by the name its upstream knows, first found of: `prices:` (an exact
 * entry, else the longest entry the name starts with: `gpt-4o-2024-08-06` is `gpt-4o`,
 * `gpt-4o-mini-…` is `gpt-4o-mini`), a `catalog:` entry's price, the built-in table (by the same
 * prefix rule), the catalog. Undefined means "no price": the cost is unknown, not zero.
 */
export class PriceTable {
  private readonly configured: Array<[string, ModelPrice]>;
  private readonly builtIn: Array<[string, ModelPrice]>;

  constructor(
    overrides: Readonly<Record<string, ModelPrice>> = {},
    private readonly catalog?: CatalogPrices,
  ) {
    this.configured = byLongestName(overrides);
    this.builtIn = byLongestName(builtInPrices);
  }

  /**
   * Answers already found, by vendor and model: a table (and the catalog under it) never changes
   * once built, a reload builds a new one, and the lookup below costs microseconds on every request.
   * Model names can come from callers, so the memory is bounded.
   */
  private readonly found = new Map<string, ModelPrice | undefined>();

  priceOf(model: string, vendor?: string): ModelPrice | undefined {
    const name = vendor === undefined ? model : `${vendor}\u0000${model}`;
    const known = this.found.get(name);
    if (known !== undefined || this.found.has(name)) return known;
    const price = prefixMatch(this.configured, model) ?? this.catalog?.configuredPrice(model) ?? prefixMatch(this.builtIn, model) ?? this.catalog?.listedPrice(vendor, model);
    if (this.found.size >= maxRemembered) this.found.clear();
    this.found.set(name, price);
    return price;
  }
}

/** Distinct models whose price is remembered; past it, the memory starts over. */
const maxRemembered = 1000;

function byLongestName(prices: Readonly<Record<string, ModelPrice>>): Array<[string, ModelPrice]> {
  return Object.entries(prices).sort((a, b) => b[0].length - a[0].length);
}

function prefixMatch(entries: ReadonlyArray<[string, ModelPrice]>, model: string): ModelPrice | undefined {
  for (const [name, price] of entries) if (model === name || model.startsWith(`${name}-`) || model.startsWith(`${name}@`)) return price;
  return undefined;
}
