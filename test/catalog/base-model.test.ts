/**
 * A `catalog:` entry's `baseModel`: a model under a name of its owner's (an Azure deployment
 * `prod-o3`) has the base model's facts, rules and price, the entry's other fields over them, as
 * LiteLLM's users say by `model_info.base_model` per Azure deployment
 * (https://docs.litellm.ai/docs/proxy/custom_pricing, "Base Model Mapping"). Every place that asks
 * for a deployment's facts or price asks `catalogVendorOf` for the vendor and then the catalog or
 * the price table, so these ask the same way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';
import { ConfigError, resolveConfig } from '../../src/config/load.js';
import { catalogVendorOf } from '../../src/gateway/catalog-vendor.js';
import { warnUnpricedModels } from '../../src/gateway/unpriced-models.js';
import type { Logger } from '../../src/gateway/logger.js';
import { builtInPrices, PriceTable } from '../../src/usage/prices.js';

const azure = { dialect: 'azure-openai' } as const;

/** What every caller of the catalog asks for a deployment: its facts under the vendor its provider implies. */
function deploymentFacts(catalog: ModelCatalog, provider: Parameters<typeof catalogVendorOf>[0], model: string) {
  return catalog.factsFor(catalogVendorOf(provider, model), model);
}

function withoutId<T extends { id: string }>(facts: T | undefined): Omit<T, 'id'> | undefined {
  if (facts === undefined) return undefined;
  const { id: _id, ...rest } = facts;
  return rest;
}

test('an Azure deployment of o3 under a name of its own has nothing without an entry, and o3’s facts with baseModel: o3', () => {
  assert.equal(catalogVendorOf(azure, 'prod-o3'), undefined, 'the name is the customer’s: it implies no vendor');
  assert.equal(deploymentFacts(new ModelCatalog(), azure, 'prod-o3'), undefined);
  const catalog = new ModelCatalog({ 'prod-o3': { baseModel: 'o3' } });
  const facts = deploymentFacts(catalog, azure, 'prod-o3');
  assert.equal(facts?.id, 'prod-o3', 'warnings name the deployment');
  assert.deepEqual(withoutId(facts), withoutId(catalog.factsFor('openai', 'o3')));
  // OpenAI's rules for o3 (src/catalog/model-rules.ts): no temperature, no stop, no parallel_tool_calls.
  assert.ok(facts.refusedSampling?.includes('temperature'));
  assert.ok(facts.refusedSampling?.includes('stopSequences'));
  assert.equal(facts.parallelToolCalls, false);
  assert.equal(facts.reasoning?.type, 'effort');
  assert.equal('baseModel' in facts, false, 'the entry’s baseModel is no fact');
});

test('the entry’s other fields override the base model’s, and a chain of bases reaches the last', () => {
  const catalog = new ModelCatalog({
    'prod-o3': { baseModel: 'o3', maxOutputTokens: 4000, refusedSampling: ['topK'] },
    'eu-o3': { baseModel: 'prod-o3', contextTokens: 64000 },
  });
  const o3 = catalog.factsFor('openai', 'o3');
  const prod = deploymentFacts(catalog, azure, 'prod-o3');
  assert.equal(prod?.maxOutputTokens, 4000);
  assert.deepEqual(prod.refusedSampling, ['topK'], 'a configured list replaces the rules’, as for any entry');
  assert.equal(prod.contextTokens, o3?.contextTokens);
  const eu = deploymentFacts(catalog, azure, 'eu-o3');
  assert.equal(eu?.id, 'eu-o3');
  assert.equal(eu.contextTokens, 64000);
  assert.equal(eu.maxOutputTokens, 4000);
  assert.equal(eu.parallelToolCalls, false);
});

test('a deployment named after one model but serving another has the base model’s facts, not its name’s', () => {
  // An Azure deployment called gpt-4o that now serves o3: gpt-4o takes temperature, o3 does not.
  const catalog = new ModelCatalog({ 'gpt-4o': { baseModel: 'o3' } });
  assert.equal(catalogVendorOf(azure, 'gpt-4o'), 'openai');
  const facts = deploymentFacts(catalog, azure, 'gpt-4o');
  assert.ok(facts?.refusedSampling?.includes('temperature'));
  assert.equal(facts?.reasoning?.type, 'effort');
  assert.equal(new ModelCatalog().factsFor('openai', 'gpt-4o')?.refusedSampling?.includes('temperature') ?? false, false);
});

test('the base model’s vendor: the one the provider implies when it knows the model, else the first whose catalog or rules do', () => {
  const catalog = new ModelCatalog({ 'team-claude': { baseModel: 'claude-sonnet-4-5' }, 'team-mini': { baseModel: 'gpt-5-mini' } });
  assert.deepEqual(catalog.baseOf('openai', 'team-mini'), { vendor: 'openai', model: 'gpt-5-mini' });
  assert.deepEqual(catalog.baseOf(undefined, 'team-mini'), { vendor: 'openai', model: 'gpt-5-mini' }, 'Azure: OpenAI, found by the model');
  assert.deepEqual(catalog.baseOf('openai', 'team-claude'), { vendor: 'anthropic', model: 'claude-sonnet-4-5' }, 'an OpenAI-compatible proxy serving Claude');
  assert.equal(deploymentFacts(catalog, { dialect: 'ollama' }, 'team-claude')?.temperatureOrTopP, true, 'Anthropic’s rule for Sonnet 4.5');
  assert.equal(catalog.baseOf(undefined, 'gpt-4o'), undefined, 'no entry, no base');
});

test('a deployment costs what its base model costs, prices: of the base included, unless its entry or prices: price it', () => {
  const catalog = new ModelCatalog({ 'prod-o3': { baseModel: 'o3' }, 'team-mini': { baseModel: 'gpt-5-mini' }, 'cheap-o3': { baseModel: 'o3', price: { input: 1, output: 2 } } });
  const prices = new PriceTable({}, catalog);
  const vendor = catalogVendorOf(azure, 'prod-o3');
  assert.deepEqual(prices.priceOf('prod-o3', vendor), prices.priceOf('o3', 'openai'));
  assert.notEqual(prices.priceOf('prod-o3', vendor), undefined);
  assert.deepEqual(prices.priceOf('team-mini', undefined), builtInPrices['gpt-5-mini'], 'the built-in table prices the base');
  assert.deepEqual(prices.priceOf('cheap-o3', undefined), { input: 1, output: 2 });
  const operator = new PriceTable({ o3: { input: 3, output: 9 }, 'prod-o3': { input: 5, output: 5 } }, new ModelCatalog({ 'prod-o3': { baseModel: 'o3' }, 'eu-o3': { baseModel: 'o3' } }));
  assert.deepEqual(operator.priceOf('eu-o3', undefined), { input: 3, output: 9 }, 'prices: for o3 prices its deployments');
  assert.deepEqual(operator.priceOf('prod-o3', undefined), { input: 5, output: 5 }, 'prices: for the deployment itself wins');
});

test('the unpriced-models warning at start and the spend ceiling’s output limit see the base model', () => {
  const config = resolveConfig({
    providers: { azure: { dialect: 'azure-openai', baseUrl: 'https://resource.openai.azure.com', apiKey: 'k' } },
    models: { prod: [{ provider: 'azure', model: 'prod-o3' }], other: [{ provider: 'azure', model: 'my-deployment' }] },
    catalog: { 'prod-o3': { baseModel: 'o3' } },
  });
  const catalog = new ModelCatalog(config.catalog);
  const warnings: Array<{ message: string; fields: unknown }> = [];
  const logger: Logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (message, fields) => void warnings.push({ message, fields }) };
  warnUnpricedModels(config, new PriceTable(config.prices, catalog), logger);
  assert.deepEqual(warnings.find((warning) => warning.message.startsWith('models without a price'))?.fields, { models: ['azure/my-deployment'] });
  const provider = config.providers.get('azure')!;
  assert.equal(deploymentFacts(catalog, provider, 'prod-o3')?.maxOutputTokens, catalog.factsFor('openai', 'o3')?.maxOutputTokens);
});

function configWith(catalog: Record<string, unknown>) {
  return () =>
    resolveConfig({ providers: { azure: { dialect: 'azure-openai', baseUrl: 'https://resource.openai.azure.com', apiKey: 'k' } }, models: { prod: [{ provider: 'azure', model: 'prod-o3' }] }, catalog }, 'gateway.yaml');
}

test('a base model nothing knows stops the start, naming the entry and the model', () => {
  assert.throws(configWith({ 'prod-o3': { baseModel: 'gtp-4o' } }), (error: Error) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /^gateway\.yaml: catalog\.prod-o3\.baseModel: no model is known as "gtp-4o"/);
    return true;
  });
  // Another entry is a model the configuration knows.
  assert.doesNotThrow(configWith({ 'prod-o3': { baseModel: 'my-finetune' }, 'my-finetune': { maxOutputTokens: 8192 } }));
  assert.doesNotThrow(configWith({ 'prod-o3': { baseModel: 'o3-2025-04-16' } }), 'a dated snapshot is its model');
  assert.throws(configWith({ 'prod-o3': { basemodel: 'o3' } }), /catalog\.prod-o3\.basemodel: unknown key \(did you mean "baseModel"\?\)/);
});

test('a chain of base models that comes back on itself stops the start', () => {
  assert.throws(configWith({ a: { baseModel: 'b' }, b: { baseModel: 'a' }, 'prod-o3': { baseModel: 'a' } }), (error: Error) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /catalog\.a\.baseModel: a → b → a comes back to a/);
    assert.match(error.message, /catalog\.b\.baseModel: b → a → b comes back to b/);
    return true;
  });
  assert.throws(configWith({ 'prod-o3': { baseModel: 'prod-o3' } }), /catalog\.prod-o3\.baseModel: prod-o3 → prod-o3 comes back/);
  // A catalog built around the configuration's check still answers, without the looping base.
  const looping = new ModelCatalog({ a: { baseModel: 'b', maxOutputTokens: 10 }, b: { baseModel: 'a' } });
  assert.deepEqual(looping.factsFor(undefined, 'a'), { id: 'a', maxOutputTokens: 10 });
  assert.equal(new PriceTable({}, looping).priceOf('a'), undefined);
});
