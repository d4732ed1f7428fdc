import { withoutResourcePrefix } from '../catalog/model-id.js';

/** US dollars per million tokens. */
export interface PriceRates {
  input: number;
  output: number;
  /** Input read from a prompt cache; the input price when absent. */
  cachedInput?: number;
  /** Input written to a prompt cache (Anthropic: for five minutes); the input price when absent. */
  cacheWrite?: number;
  /** Input written to a prompt cache for an hour (Anthropic `ttl: "1h"`); `cacheWrite` when absent. */
  cacheWrite1h?: number;
}

/** A model's rates, and those of its long prompts where the vendor charges more for them. */
export interface ModelPrice extends PriceRates {
  /**
   * The rates of a request whose prompt (input, cache reads and writes together) is longer than
   * `aboveTokens`: they apply to every token of that request, output too, as Anthropic and
   * Google bill long prompts.
   */
  longPrompt?: PriceRates & { aboveTokens: number };
}

/** Gemini 3.1 Pro: a prompt over 200K tokens is billed $4 / $18, cache reads $0.40. */
const gemini31Pro: ModelPrice = { input: 2, cachedInput: 0.2, output: 12, longPrompt: { aboveTokens: 200_000, input: 4, cachedInput: 0.4, output: 18 } };

/**
 * Vendor list prices of current models, newest checked December 2026. OpenAI's from its pricing
 * page (https://developers.openai.com/api/docs/pricing). Anthropic's from its pricing page
 * (https://platform.claude.com/docs/en/about-claude/pricing): a 5-minute cache write is 1.25× the
 * input price, a 1-hour one 2×, a cache read 0.1× unless a row says otherwise; the models newer
 * than that table from their model pages (platform.claude.com/docs/en/models/<name>/overview)
 * and, where marked, from public price trackers that quote them. Google's from its pricing page
 * (https://ai.google.dev/gemini-api/docs/pricing) as quoted by GitHub's Copilot pricing table
 * (github/docs data/tables/copilot/models-and-pricing.yml). More exact than the catalog's rounded
 * cache prices and newer than its snapshot. Below these comes the catalog (src/catalog/); above
 * them, `prices:` and `catalog:` in the configuration.
 */
export const builtInPrices: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  /** Cached input $0.005, finer than the catalog's rounded $0.01 (https://developers.openai.com/api/docs/models/gpt-5-nano). */
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-5.4': { input: 2.5, cachedInput: 0.25, output: 15 },
  'gpt-5.4-mini': { input: 0.75, cachedInput: 0.075, output: 4.5 },
  'gpt-5.4-nano': { input: 0.2, cachedInput: 0.02, output: 1.25 },
  /**
   * GPT-5.6 and GPT-6: a prompt over 272K tokens bills the whole request at twice the input and
   * cache rates and 1.5 times the output (https://docs.laozhang.ai/en/announcements/gpt-5-6-pricing-2026-07.md,
   * https://github.com/BerriAI/litellm/discussions/42523). Terra and Luna 5.6 after the price cut of
   * 2026-07-30 (the same page); GPT-6 Astra, Sol and Luna (TheKrush/PromptFuel v1.0.19, merefield/codexometer
   * v0.18.4); 6.1 Sol (premk134/codex-token-watch v0.3.3) and Terra (TheKrush/PromptFuel v1.0.24), all quoting
   * OpenAI's pricing page. GPT-5.6 Sol's price changed with a promotion and 6.2's cache rate is not
   * published where it can be read here: they have none rather than a guessed one.
   */
  'gpt-5.6-terra': openai(2, 0.2, 12),
  'gpt-5.6-luna': openai(0.2, 0.02, 1.2),
  'gpt-6-astra': openai(10, 1, 50),
  'gpt-6-sol': openai(2, 0.2, 10),
  'gpt-6-luna': openai(0.1, 0.01, 0.5),
  'gpt-6.1-sol': openai(2, 0.1, 10),
  'gpt-6.1-terra': openai(1, 0.05, 5),
  'claude-haiku-4-5': anthropic(1, 5),
  /**
   * Haiku 5.5 bills a prompt over 100K tokens (input, cache reads and writes) at five times the
   * rate, on every token (model page; quoted by kurofune/claudit v1.9.2 and phuryn/claude-usage v1.5.7).
   */
  'claude-haiku-5-5': { ...anthropic(0.1, 0.5), longPrompt: { aboveTokens: 100_000, ...anthropic(0.5, 2.5) } },
  /** Sonnet 4 and 4.5 with the 1M-token window: a prompt over 200K tokens is billed $6 / $22.50 (pricing page, "Long context pricing"). */
  'claude-sonnet-4': { ...anthropic(3, 15), longPrompt: { aboveTokens: 200_000, ...anthropic(6, 22.5) } },
  'claude-sonnet-4-5': { ...anthropic(3, 15), longPrompt: { aboveTokens: 200_000, ...anthropic(6, 22.5) } },
  'claude-sonnet-4-6': anthropic(3, 15),
  'claude-sonnet-5': anthropic(2, 10),
  /** Cache reads cut to $0.10 on 2026-10-07 (kurofune/claudit v1.9.2, TheKrush/PromptFuel v1.0.23). */
  'claude-sonnet-5-5': { ...anthropic(2, 10), cachedInput: 0.1 },
  'claude-opus-4': anthropic(15, 75),
  'claude-opus-4-1': anthropic(15, 75),
  'claude-opus-4-5': anthropic(5, 25),
  'claude-opus-4-6': anthropic(5, 25),
  'claude-opus-4-7': anthropic(5, 25),
  'claude-opus-4-8': anthropic(5, 25),
  'claude-opus-5': anthropic(5, 25),
  'claude-opus-5-5': anthropic(4, 20),
  'claude-fable-5': anthropic(10, 50),
  /** Cache reads at $0.25, not a tenth of input (pricing page, footnote 1). */
  'claude-fable-5-1': { ...anthropic(10, 50), cachedInput: 0.25 },
  /** $8 / $40, cache reads $0.20 (phuryn/claude-usage v1.5.7, from platform.claude.com). */
  'claude-fable-5-2': { ...anthropic(8, 40), cachedInput: 0.2 },
  /**
   * $1.25 / $10, cache reads $0.125; a prompt over 200K tokens $2.50 / $15, cache reads $0.25
   * (https://ai.google.dev/gemini-api/docs/pricing#gemini-2.5-pro, as quoted by
   * github.com/BerriAI/litellm/pull/18157 and github.com/anomalyco/models.dev/pull/1493).
   */
  'gemini-2.5-pro': { input: 1.25, cachedInput: 0.125, output: 10, longPrompt: { aboveTokens: 200_000, input: 2.5, cachedInput: 0.25, output: 15 } },
  'gemini-3.1-pro': gemini31Pro,
  /**
   * A version of Gemini 3.1 Pro, not another model: "Versions … Preview: gemini-3.1-pro-preview,
   * Preview: gemini-3.1-pro-preview-customtools" (https://ai.google.dev/gemini-api/docs/models/gemini-3.1-pro-preview).
   */
  'gemini-3.1-pro-preview-customtools': gemini31Pro,
};

/** A GPT-5.6 or GPT-6 model's rates, with those of a prompt over 272K tokens. */
function openai(input: number, cachedInput: number, output: number): ModelPrice {
  return { input, cachedInput, output, longPrompt: { aboveTokens: 272_000, input: input * 2, cachedInput: cachedInput * 2, output: output * 1.5 } };
}

/** An Anthropic model's rates from its input and output prices, by the pricing page's cache multipliers. */
function anthropic(input: number, output: number): PriceRates {
  return { input, output, cachedInput: input / 10, cacheWrite: input * 1.25, cacheWrite1h: input * 2 };
}

/** Where prices below the configured and built-in ones come from: the model catalog. */
export interface CatalogPrices {
  /** A `catalog:` entry's price, which wins over the built-in table. */
  configuredPrice(model: string): ModelPrice | undefined;
  /** The catalog's price of `model` as `vendor` (the catalog's vendor name) serves it. */
  listedPrice(vendor: string | undefined, model: string): ModelPrice | undefined;
  /** The model `model`'s `catalog:` entry names as its `baseModel` (whose price it has), and that model's vendor. */
  baseOf(vendor: string | undefined, model: string): { vendor: string | undefined; model: string } | undefined;
}

/**
 * The price of a model by the name its upstream knows, first found of: `prices:` (an exact
 * entry, else the longest entry the name starts with: `gpt-4o-2024-08-06` is `gpt-4o`,
 * `gpt-4o-mini-…` is `gpt-4o-mini`), a `catalog:` entry's price, its `baseModel`'s price, the
 * built-in table, the catalog.
 * Undefined means "no price": the cost is unknown, not zero.
 *
 * A `prices:` entry covers longer names only where they are its own snapshots or no other price
 * knows them as a model (`configuredPrice`): pricing `gpt-4o` alone once billed `gpt-4o-mini`
 * at gpt-4o's $2.50 / $10 rather than its own $0.15 / $0.60, 16.7 times over, and spent its keys'
 * budgets as fast. `my-finetune` still prices `my-finetune-v2`.
 *
 * A built-in entry prices its own model and that model's snapshots only (`builtInSnapshotOf`):
 * `gpt-5` is not `gpt-5-nano`, which the catalog then prices. Bedrock's ids
 * (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`) are read as the vendor's own
 * (`claude-sonnet-4-5-20250929`) by the catalog's rule (src/catalog/model-id.ts).
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
    const id = withoutResourcePrefix(model);
    const price =
      this.configuredPrice(model, id, vendor) ??
      (id === model ? undefined : this.configuredPrice(id, id, vendor)) ??
      this.catalog?.configuredPrice(model) ??
      this.basePrice(model, vendor) ??
      builtInSnapshotOf(this.builtIn, id) ??
      this.catalog?.listedPrice(vendor, model);
    if (this.found.size >= maxRemembered) this.found.clear();
    this.found.set(name, price);
    return price;
  }

  /** The price of the `catalog:` entry's base model, found as any model's is (`prices:` first). */
  private basePrice(model: string, vendor: string | undefined): ModelPrice | undefined {
    const base = this.catalog?.baseOf(vendor, model);
    return base === undefined ? undefined : this.priceOf(base.model, base.vendor);
  }

  /**
   * The longest `prices:` entry that covers `name`: the name itself, a snapshot of it, or a
   * longer name (`name-…`, `name@…`) no built-in price or catalog listing knows as a model of its
   * own. `id` is `name` read as its vendor's own id (Bedrock's prefixes off).
   */
  private configuredPrice(name: string, id: string, vendor: string | undefined): ModelPrice | undefined {
    for (const [entry, price] of this.configured) {
      if (name === entry) return price;
      if (!name.startsWith(`${entry}-`) && !name.startsWith(`${entry}@`)) continue;
      if (snapshotSuffix.test(name.slice(entry.length)) || !this.knowsAnotherModel(entry, name, id, vendor)) return price;
    }
    return undefined;
  }

  /**
   * Whether `name`, which starts with the configured `entry`, is another model with a price of
   * its own: a built-in model (or its snapshot) longer than `entry`, or one the catalog lists.
   * The same rule as `builtInSnapshotOf`, for what an operator wrote: `gpt-4o` is not `gpt-4o-mini`.
   */
  private knowsAnotherModel(entry: string, name: string, id: string, vendor: string | undefined): boolean {
    const builtIn = builtInModelOf(this.builtIn, id)?.[0];
    if (builtIn !== undefined) return builtIn.length > entry.length;
    return this.catalog?.listedPrice(vendor, name) !== undefined;
  }

  /**
   * The `prices:` entries that would have priced other known models by their prefix, and which:
   * the built-in models, and of `models` (the configured deployments' `[model, vendor]`) those
   * the catalog lists. Said in the log at start and on reload, as these models keep their own price.
   */
  narrowedEntries(models: Iterable<readonly [string, string | undefined]> = []): Array<{ entry: string; models: string[] }> {
    const candidates = new Map<string, string | undefined>(Object.keys(builtInPrices).map((name) => [name, undefined]));
    for (const [model, vendor] of models) if (!candidates.has(model)) candidates.set(model, vendor);
    const narrowed: Array<{ entry: string; models: string[] }> = [];
    for (const [entry] of this.configured) {
      const others = [...candidates]
        .filter(([model]) => (model.startsWith(`${entry}-`) || model.startsWith(`${entry}@`)) && !snapshotSuffix.test(model.slice(entry.length)))
        .filter(([model, vendor]) => this.knowsAnotherModel(entry, model, withoutResourcePrefix(model), vendor))
        .map(([model]) => model);
      if (others.length > 0) narrowed.push({ entry, models: others.sort() });
    }
    return narrowed;
  }
}

/** Distinct models whose price is remembered; past it, the memory starts over. */
const maxRemembered = 1000;

function byLongestName(prices: Readonly<Record<string, ModelPrice>>): Array<[string, ModelPrice]> {
  return Object.entries(prices).sort((a, b) => b[0].length - a[0].length);
}

/**
 * What may follow a built-in model's name and still name that model: a dated snapshot
 * (`gpt-4o-2024-08-06`, `claude-sonnet-4-5-20250929`, OpenAI's older `gpt-4-0613`), Google's
 * numbered stable versions and previews (`gemini-2.0-flash-001`, `gemini-3.1-pro-preview`,
 * `gemini-2.5-pro-preview-05-06`), a moving `-latest` alias, or Vertex AI's `@` version
 * (`claude-sonnet-4-5@20250929`, `@default`). Anything else (`-mini`, `-nano`, `-pro`, `-codex`,
 * `-audio-preview`, `-4-9`) is another model with its own price
 * (https://developers.openai.com/api/docs/models/gpt-5-nano: $0.05 in, not GPT-5's $1.25).
 */
const snapshotSuffix = /^(?:-(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{3,4}|latest)|-preview(?:-\d{2}-\d{2}|-\d{2}-\d{4})?|@[\w.-]+)$/;

function builtInSnapshotOf(entries: ReadonlyArray<[string, ModelPrice]>, model: string): ModelPrice | undefined {
  return builtInModelOf(entries, model)?.[1];
}

/** The built-in entry of the model `model` is, itself or a snapshot of it, the longest name first. */
function builtInModelOf(entries: ReadonlyArray<[string, ModelPrice]>, model: string): [string, ModelPrice] | undefined {
  return entries.find(([name]) => model === name || (model.startsWith(name) && snapshotSuffix.test(model.slice(name.length))));
}
