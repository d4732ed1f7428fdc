import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';
import { undatedModelId } from '../../src/catalog/model-id.js';
import { PriceTable } from '../../src/usage/prices.js';
import { costOf } from '../../src/usage/cost.js';

const catalog = new ModelCatalog();

test('snapshots, aliases and the models/ prefix share their model id', () => {
  assert.equal(undatedModelId('claude-sonnet-4-5-20250929'), 'claude-sonnet-4-5');
  assert.equal(undatedModelId('gpt-4o-2024-08-06'), 'gpt-4o');
  assert.equal(undatedModelId('claude-3-5-sonnet-latest'), 'claude-3-5-sonnet');
  assert.equal(undatedModelId('models/gemini-2.5-pro'), 'gemini-2.5-pro');
  assert.equal(undatedModelId('gpt-4o-mini'), 'gpt-4o-mini');
});

test("Vertex AI's versions after an `@` (a date, `@default`, `@latest`) share their model id and facts", () => {
  assert.equal(undatedModelId('claude-opus-4-7@default'), 'claude-opus-4-7');
  assert.equal(undatedModelId('claude-sonnet-4-6@default'), 'claude-sonnet-4-6');
  assert.equal(undatedModelId('claude-sonnet-4-5@20250929'), 'claude-sonnet-4-5');
  assert.equal(undatedModelId('claude-3-5-sonnet-v2@20241022'), 'claude-3-5-sonnet-v2');
  assert.equal(undatedModelId('claude-3-5-haiku@latest'), 'claude-3-5-haiku');
  const { id: _versioned, ...versionedFacts } = catalog.factsFor('anthropic', 'claude-opus-4-7@default') ?? { id: '' };
  const { id: _undated, ...undatedFacts } = catalog.factsFor('anthropic', 'claude-opus-4-7') ?? { id: '' };
  assert.deepEqual(versionedFacts, undatedFacts);
  assert.deepEqual(versionedFacts.refusedSampling, ['temperature', 'topP', 'topK']);
});

test('the models.dev entry of gpt-4o: limits, no reasoning, tools, images, prices with cached input', () => {
  const facts = catalog.factsFor('openai', 'gpt-4o-2024-08-06');
  assert.equal(facts?.maxOutputTokens, 16384);
  assert.equal(facts.contextTokens, 128000);
  assert.deepEqual(facts.reasoning, { type: 'none' });
  assert.equal(facts.tools, true);
  assert.equal(facts.vision, true);
  assert.deepEqual(facts.price, { input: 2.5, output: 10, cachedInput: 1.25 });
});

test('an undated Claude id finds its dated catalog entry, with the rules laid over it', () => {
  const facts = catalog.factsFor('anthropic', 'claude-opus-4-1');
  assert.equal(facts?.id, 'claude-opus-4-1-20250805');
  assert.equal(facts.maxOutputTokens, 32000);
  assert.equal(facts.temperatureOrTopP, true);
  assert.deepEqual(facts.reasoning, { type: 'budget', minTokens: 1024, canTurnOff: true, thinkingInOutput: true });
  // The catalog has no hour-long write price: Anthropic's 2x input (pricing page, "Prompt caching").
  assert.deepEqual(facts.price, { input: 15, output: 75, cachedInput: 1.5, cacheWrite: 18.75, cacheWrite1h: 30 });
});

test('a model the catalog lacks still gets its published limits and family rules; one nothing knows has no facts', () => {
  assert.deepEqual(catalog.factsFor('anthropic', 'claude-sonnet-4-5-20250929'), {
    id: 'claude-sonnet-4-5-20250929',
    contextTokens: 200000,
    maxOutputTokens: 64000,
    temperatureOrTopP: true,
    reasoning: { type: 'budget', minTokens: 1024, canTurnOff: true, thinkingInOutput: true },
  });
  // Gemini's snapshot ends at 2.5: the 2.5 Flash-Lite release and Gemini 3 come from their published pages.
  for (const model of ['gemini-2.5-flash-lite', 'gemini-3-pro-preview', 'gemini-3.1-pro-preview-customtools', 'models/gemini-3-flash-preview']) {
    const facts = catalog.factsFor('google', model);
    assert.deepEqual([facts?.contextTokens, facts?.maxOutputTokens], [1048576, 65536], model);
  }
  // Groq's pages give the output limit alone.
  assert.equal(catalog.factsFor('groq', 'qwen/qwen3-32b')?.maxOutputTokens, 40960);
  assert.equal(catalog.factsFor('groq', 'qwen/qwen3-32b')?.contextTokens, undefined);
  assert.equal(catalog.factsFor('openai', 'house-model'), undefined);
  assert.equal(catalog.factsFor(undefined, 'gpt-4o'), undefined, 'a compatible vendor is not OpenAI');
});

test('reasoning models: effort, and temperature, top_p and the penalties refused (catalog and rules together)', () => {
  const facts = catalog.factsFor('openai', 'o3');
  assert.deepEqual(facts?.reasoning, { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: [] });
  assert.deepEqual(catalog.factsFor('openai', 'gpt-5')?.reasoning, { type: 'effort', beyondScale: [] });
  assert.deepEqual(catalog.factsFor('openai', 'gpt-5.1')?.reasoning, { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: ['none'] });
  assert.deepEqual(catalog.factsFor('openai', 'gpt-5.2')?.reasoning, { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: ['none', 'xhigh'] });
  // Words beyond the scale are known for these only; the others' go as the caller wrote them.
  assert.deepEqual(catalog.factsFor('openai', 'gpt-5.4')?.reasoning, { type: 'effort', efforts: ['low', 'medium', 'high'] });
  assert.deepEqual(facts.refusedSampling, ['temperature', 'topP', 'presencePenalty', 'frequencyPenalty', 'stopSequences']);
  assert.deepEqual(catalog.factsFor('openai', 'gpt-5-mini')?.refusedSampling, ['temperature', 'topP', 'presencePenalty', 'frequencyPenalty', 'stopSequences']);
  assert.deepEqual(catalog.factsFor('openai', 'gpt-5.5')?.refusedSampling, ['temperature', 'topP', 'presencePenalty', 'frequencyPenalty']);
  assert.deepEqual(catalog.factsFor('google', 'models/gemini-2.5-pro')?.reasoning, { type: 'budget', minTokens: 128, maxTokens: 32768, canTurnOff: false });
});

test('the gpt-5 chat models: gpt-5-chat-latest does not reason, gpt-5.x-chat-latest take medium only; Responses-only models are marked', () => {
  assert.deepEqual(catalog.factsFor('openai', 'gpt-5-chat-latest')?.reasoning, { type: 'none' });
  assert.deepEqual(catalog.factsFor('openai', 'gpt-5.2-chat-latest')?.reasoning, { type: 'effort', efforts: ['medium'], beyondScale: [] });
  for (const model of ['o3-pro', 'o1-pro-2025-03-19', 'gpt-5-codex', 'gpt-5.1-codex-max', 'codex-mini-latest']) assert.equal(catalog.factsFor('openai', model)?.chatCompletions, false, model);
  for (const model of ['o3', 'gpt-5.1', 'gpt-5.2-chat-latest']) assert.equal(catalog.factsFor('openai', model)?.chatCompletions, undefined, model);
});

test('configured entries add models and override facts; a configured refused list replaces the catalog\'s', () => {
  const configured = new ModelCatalog({
    'house-model': { maxOutputTokens: 4096, price: { input: 1, output: 2 } },
    'gpt-4o': { maxOutputTokens: 8000 },
    o3: { refusedSampling: ['topP'] },
  });
  assert.deepEqual(configured.factsFor(undefined, 'house-model'), { id: 'house-model', maxOutputTokens: 4096, price: { input: 1, output: 2 } });
  const gpt = configured.factsFor('openai', 'gpt-4o');
  assert.equal(gpt?.maxOutputTokens, 8000);
  assert.equal(gpt.contextTokens, 128000);
  assert.deepEqual(configured.factsFor('openai', 'o3')?.refusedSampling, ['topP']);
});

test('prices: prices: first, then catalog: entries, the built-in list prices, the catalog; none is "no price"', () => {
  const configured = new ModelCatalog({ 'house-model': { price: { input: 1, output: 2 } }, 'gpt-4o': { price: { input: 9, output: 9 } } });
  const prices = new PriceTable({ 'gpt-4o-mini': { input: 7, output: 7 } }, configured);
  assert.deepEqual(prices.priceOf('gpt-4o-mini-2024-07-18', 'openai'), { input: 7, output: 7 });
  assert.deepEqual(prices.priceOf('gpt-4o', 'openai'), { input: 9, output: 9 });
  assert.deepEqual(prices.priceOf('house-model'), { input: 1, output: 2 });
  assert.deepEqual(prices.priceOf('claude-sonnet-4-6', 'anthropic'), { input: 3, cachedInput: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, output: 15 });
  assert.equal(prices.priceOf('claude-sonnet-4-5-20250929', 'anthropic')?.longPrompt?.aboveTokens, 200_000);
  assert.equal(prices.priceOf('claude-opus-5-5', 'anthropic')?.input, 4, 'the longest name wins: claude-opus-5-5, not claude-opus-5');
  assert.deepEqual(prices.priceOf('gpt-6-astra', 'openai')?.longPrompt, { aboveTokens: 272_000, input: 20, cachedInput: 2, output: 75 });
  assert.deepEqual(prices.priceOf('o3', 'openai'), { input: 2, output: 8, cachedInput: 0.5 });
  assert.equal(prices.priceOf('o3', undefined), undefined, 'the catalog answers only for its own vendors');
  assert.equal(prices.priceOf('house-model-2', 'openai'), undefined);
});

test('cost: undefined without a price, 0 without tokens, cached and written input at their own rates', () => {
  const usage = { inputTokens: 1600, cachedInputTokens: 500, cacheWriteTokens: 100, outputTokens: 200 };
  assert.equal(costOf(usage, undefined), undefined);
  assert.equal(costOf({}, undefined), 0);
  assert.equal(costOf(usage, { input: 15, output: 75, cachedInput: 1.5, cacheWrite: 18.75 }), (1000 * 15 + 500 * 1.5 + 100 * 18.75 + 200 * 75) / 1_000_000);
});

test('cost: an hour-long cache write at its own rate, else at the five-minute one', () => {
  const usage = { inputTokens: 1600, cachedInputTokens: 500, cacheWriteTokens: 100, cacheWrite1hTokens: 40, outputTokens: 200 };
  const price = { input: 5, output: 25, cachedInput: 0.5, cacheWrite: 6.25, cacheWrite1h: 10 };
  assert.equal(costOf(usage, price), (1000 * 5 + 500 * 0.5 + 60 * 6.25 + 40 * 10 + 200 * 25) / 1_000_000);
  const { cacheWrite1h: _, ...withoutHourRate } = price;
  assert.equal(costOf(usage, withoutHourRate), (1000 * 5 + 500 * 0.5 + 100 * 6.25 + 200 * 25) / 1_000_000);
});

test('cost: a prompt over the long-prompt threshold bills every token at the long rates', () => {
  const price = { input: 2, output: 12, cachedInput: 0.2, longPrompt: { aboveTokens: 200_000, input: 4, output: 18, cachedInput: 0.4 } };
  assert.equal(costOf({ inputTokens: 200_000, outputTokens: 1000 }, price), (200_000 * 2 + 1000 * 12) / 1_000_000, 'at the threshold: the base rates');
  // Cache reads count toward the prompt's length: 150K read + 60K fresh is over 200K.
  assert.equal(costOf({ inputTokens: 210_000, cachedInputTokens: 150_000, outputTokens: 1000 }, price), (60_000 * 4 + 150_000 * 0.4 + 1000 * 18) / 1_000_000);
});

test('Bedrock ids and inference profiles name the vendor model the catalog knows', async () => {
  const { withoutResourcePrefix, bedrockModelVendor } = await import('../../src/catalog/model-id.js');
  assert.equal(withoutResourcePrefix('anthropic.claude-sonnet-4-5-20250929-v1:0'), 'claude-sonnet-4-5-20250929');
  assert.equal(withoutResourcePrefix('us.anthropic.claude-3-haiku-20240307-v1:0'), 'claude-3-haiku-20240307');
  assert.equal(withoutResourcePrefix('global.anthropic.claude-sonnet-4-20250514-v1:0'), 'claude-sonnet-4-20250514');
  assert.equal(withoutResourcePrefix('openai.gpt-oss-120b-1:0'), 'gpt-oss-120b-1:0');
  assert.equal(withoutResourcePrefix('claude-sonnet-4-5'), 'claude-sonnet-4-5');
  assert.equal(bedrockModelVendor('us.anthropic.claude-3-haiku-20240307-v1:0'), 'anthropic');
  assert.equal(bedrockModelVendor('amazon.nova-micro-v1:0'), 'amazon');
});

test('prices: hour-long cache writes and long-prompt rates are configuration keys, checked like the rest', async () => {
  const { resolveConfig } = await import('../../src/config/load.js');
  const longModel = { input: 2, output: 10, cacheWrite1h: 4, longPrompt: { aboveTokens: 200_000, input: 4, output: 18 } };
  const config = resolveConfig({ providers: {}, prices: { 'long-model': longModel } }, 'config', process.cwd(), {});
  assert.deepEqual(config.prices['long-model'], longModel);
  assert.throws(() => resolveConfig({ providers: {}, prices: { m: { input: 1, output: 1, longPrompt: { input: 2, output: 2 } } } }, 'config', process.cwd(), {}), /aboveTokens/);
  assert.throws(() => resolveConfig({ providers: {}, prices: { m: { input: 1, output: 1, longPrompt: { aboveTokens: 10, input: 2, output: 2, extra: 1 } } } }, 'config', process.cwd(), {}), /extra/);
});

test("the catalog's vendor of a provider: OpenAI for an Azure deployment named after an OpenAI model, none for another name; Anthropic for Claude on InvokeModel", async () => {
  const { catalogVendorOf } = await import('../../src/gateway/catalog-vendor.js');
  assert.equal(catalogVendorOf({ dialect: 'azure-openai' }, 'gpt-6-astra'), 'openai');
  assert.equal(catalogVendorOf({ dialect: 'azure-openai-responses' }, 'gpt-6-astra'), 'openai');
  assert.equal(catalogVendorOf({ dialect: 'azure-openai' }, 'my-deployment'), undefined);
  assert.equal(catalogVendorOf({ dialect: 'bedrock-anthropic' }, 'us.anthropic.claude-opus-4-7'), 'anthropic');
  assert.equal(catalogVendorOf({ dialect: 'openai-chat', preset: 'deepseek' }, 'deepseek-chat'), 'deepseek');
  assert.equal(catalogVendorOf({ dialect: 'openai-chat', preset: 'openrouter' }, 'deepseek/deepseek-chat'), undefined);
  assert.equal(catalogVendorOf({ dialect: 'openai-chat', preset: 'qwen' }, 'qwen-max'), 'alibaba');
  assert.equal(catalog.factsFor('alibaba', 'qwen-max-2025-01-25')?.maxOutputTokens, 8192);
});

test('catalog: reasoning automatic, a model that reasons by itself, takes no reasoning setting', async () => {
  const { resolveConfig } = await import('../../src/config/load.js');
  const { fitRequestToModel } = await import('../../src/catalog/fit-request.js');
  const config = resolveConfig({ providers: {}, catalog: { 'own-grok': { reasoning: 'automatic' } } }, 'config', process.cwd(), {});
  assert.deepEqual(config.catalog['own-grok']?.reasoning, { type: 'automatic' });
  const request = { model: 'own-grok', system: [], messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }], sampling: {}, stream: false, reasoning: { effort: 'high' as const } };
  const fitted = fitRequestToModel(request, { id: 'own-grok', reasoning: { type: 'automatic' } });
  assert.equal(fitted.value.reasoning, undefined);
  assert.deepEqual(fitted.warnings.map((warning) => warning.feature), ['reasoning']);
});

test('xAI rules: the current Groks reason by effort among their own words, and the reasoning ones refuse stop', () => {
  const reasoning = (model: string) => catalog.factsFor('xai', model)?.reasoning;
  assert.deepEqual(reasoning('grok-3-mini-fast'), { type: 'effort', efforts: ['low', 'high'], beyondScale: [], turnOff: 'never' });
  assert.deepEqual(reasoning('grok-4.3'), { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: ['none'], turnOff: 'disabled' });
  assert.deepEqual(reasoning('grok-4.5-latest'), { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: [], turnOff: 'never' });
  for (const model of ['grok-4.6', 'grok-4.7', 'grok-4.20-multi-agent-0309']) assert.deepEqual(reasoning(model), { type: 'effort', efforts: ['low', 'medium', 'high'], beyondScale: ['xhigh'], turnOff: 'never' }, model);
  for (const model of ['grok-3-mini', 'grok-4-0709', 'grok-4.5', 'grok-code-fast-1', 'grok-4.20-0309-reasoning']) {
    assert.ok(catalog.factsFor('xai', model)?.refusedSampling?.includes('stopSequences'), model);
  }
  for (const model of ['grok-3', 'grok-4-1-fast-non-reasoning', 'grok-4.20-0309-non-reasoning']) {
    assert.ok(!(catalog.factsFor('xai', model)?.refusedSampling ?? []).includes('stopSequences'), model);
  }
});

test('a built-in price covers its own snapshots, never another model of the family, which the catalog prices', () => {
  const prices = new PriceTable({}, catalog);
  // https://developers.openai.com/api/docs/models/gpt-5-nano: $0.05 in, $0.40 out; gpt-5 is $1.25 / $10.
  assert.deepEqual(prices.priceOf('gpt-5-nano', 'openai'), { input: 0.05, cachedInput: 0.005, output: 0.4 });
  assert.deepEqual(prices.priceOf('gpt-4.1-mini', 'openai'), { input: 0.4, output: 1.6, cachedInput: 0.1 });
  assert.deepEqual(prices.priceOf('gpt-4.1-nano', 'openai'), { input: 0.1, output: 0.4, cachedInput: 0.03 });
  assert.deepEqual(prices.priceOf('o3-pro', 'openai'), { input: 20, output: 80 });
  assert.equal(prices.priceOf('o4-mini', 'openai')?.input, 1.1);
  // Other models no table knows have no price rather than their family's.
  for (const model of ['gpt-5-pro', 'gpt-5-codex', 'gpt-5.4-pro', 'gpt-4o-audio-preview', 'claude-opus-4-9', 'claude-sonnet-4-7']) {
    assert.equal(prices.priceOf(model, model.startsWith('claude') ? 'anthropic' : 'openai'), undefined, model);
  }
  // Snapshots, aliases and versions of a built-in model keep its price.
  assert.equal(prices.priceOf('gpt-5-2025-08-07', 'openai')?.input, 1.25);
  assert.equal(prices.priceOf('gpt-5-nano-2025-08-07', 'openai')?.input, 0.05);
  assert.equal(prices.priceOf('gpt-4.1-2025-04-14', 'openai')?.input, 2);
  assert.equal(prices.priceOf('claude-opus-4-6@default', 'anthropic')?.input, 5);
  assert.equal(prices.priceOf('claude-haiku-4-5-20251001', 'anthropic')?.input, 1);
  assert.equal(prices.priceOf('gemini-2.5-pro-preview-06-05', 'google')?.longPrompt?.input, 2.5);
  assert.equal(prices.priceOf('gemini-3.1-pro-preview', 'google')?.input, 2);
  assert.equal(prices.priceOf('gemini-3.1-pro-preview-customtools', 'google')?.input, 2);
});

test("prices: Bedrock's ids and inference profiles are priced as the vendor model they name", () => {
  const prices = new PriceTable({}, catalog);
  const sonnet45 = prices.priceOf('claude-sonnet-4-5-20250929', 'anthropic');
  assert.ok(sonnet45 !== undefined);
  for (const model of ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0']) {
    assert.deepEqual(prices.priceOf(model, 'anthropic'), sonnet45, model);
  }
  assert.equal(prices.priceOf('us.anthropic.claude-opus-4-6-v1', 'anthropic')?.input, 5);
  assert.equal(prices.priceOf('anthropic.claude-3-5-haiku-20241022-v1:0', 'anthropic')?.cacheWrite1h, 1.6);
  // An operator's `prices:` entry may name either form.
  assert.equal(new PriceTable({ 'claude-sonnet-4-5': { input: 1, output: 1 } }, catalog).priceOf('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic')?.input, 1);
});

test("models.dev's long-context rates (`tiers`, or the older `context_over_200k`) become the long-prompt tier", async () => {
  const { catalogEntryFacts } = await import('../../src/catalog/models-dev.js');
  const base = { id: 'gemini-x', cost: { input: 1.25, output: 10, cache_read: 0.125 } };
  assert.deepEqual(catalogEntryFacts({ ...base, cost: { ...base.cost, context_over_200k: { input: 2.5, output: 15, cache_read: 0.25 } } }, 'google')?.price, {
    input: 1.25,
    output: 10,
    cachedInput: 0.125,
    longPrompt: { aboveTokens: 200_000, input: 2.5, output: 15, cachedInput: 0.25 },
  });
  const tiered = catalogEntryFacts({ ...base, cost: { ...base.cost, tiers: [{ tier: { type: 'context', size: 272_000 }, input: 2.5, output: 15 }] } }, 'google');
  assert.deepEqual(tiered?.price?.longPrompt, { aboveTokens: 272_000, input: 2.5, output: 15 });
  assert.equal(catalogEntryFacts(base, 'google')?.price?.longPrompt, undefined);
  // A tier of an unknown shape is left out; the entry and its base price are kept.
  assert.deepEqual(catalogEntryFacts({ ...base, cost: { ...base.cost, tiers: [{ size: 'big' }] } }, 'google')?.price, { input: 1.25, output: 10, cachedInput: 0.125 });
  // Anthropic's hour-long writes at 2x input, in the long tier too.
  const claude = catalogEntryFacts({ id: 'claude-x', cost: { input: 3, output: 15, cache_write: 3.75, context_over_200k: { input: 6, output: 22.5, cache_write: 7.5 } } }, 'anthropic');
  assert.deepEqual([claude?.price?.cacheWrite1h, claude?.price?.longPrompt?.cacheWrite1h], [6, 12]);
});
