/**
 * A `prices:` entry prices its own model, that model's snapshots and longer names nothing else
 * knows, never another known model whose name it begins: pricing `gpt-4o` alone billed
 * `gpt-4o-mini` at $2.50 / $10 instead of its $0.15 / $0.60 (OpenAI's pricing page,
 * https://developers.openai.com/api/docs/pricing, as the built-in table in src/usage/prices.ts
 * quotes it). The gateway says which at load.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtInPrices, PriceTable } from '../../src/usage/prices.js';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';
import { resolveConfig } from '../../src/config/load.js';
import { warnUnpricedModels } from '../../src/gateway/unpriced-models.js';
import type { Logger } from '../../src/gateway/logger.js';

const operatorGpt4o = { input: 2.5, output: 10 };

test('a configured gpt-4o does not price gpt-4o-mini, which keeps its built-in price', () => {
  const prices = new PriceTable({ 'gpt-4o': operatorGpt4o });
  assert.deepEqual(prices.priceOf('gpt-4o-mini'), builtInPrices['gpt-4o-mini']);
  assert.deepEqual(prices.priceOf('gpt-4o-mini-2024-07-18'), builtInPrices['gpt-4o-mini'], 'nor its snapshots');
  assert.deepEqual(prices.priceOf('gpt-5-nano'), builtInPrices['gpt-5-nano']);
  assert.deepEqual(new PriceTable({ 'claude-sonnet-4': { input: 9, output: 9 } }).priceOf('claude-sonnet-4-5-20250929'), builtInPrices['claude-sonnet-4-5']);
});

test('a configured entry still prices itself, its dated snapshots and longer names nothing else knows', () => {
  const prices = new PriceTable({ 'gpt-4o': operatorGpt4o, 'my-finetune': { input: 1, output: 4 } });
  assert.deepEqual(prices.priceOf('gpt-4o'), operatorGpt4o);
  assert.deepEqual(prices.priceOf('gpt-4o-2024-08-06'), operatorGpt4o);
  assert.deepEqual(prices.priceOf('gpt-4o@2024-08-06'), operatorGpt4o);
  assert.deepEqual(prices.priceOf('my-finetune-v2'), { input: 1, output: 4 });
  assert.deepEqual(new PriceTable({ 'gpt-4o-mini': { input: 1, output: 1 } }).priceOf('gpt-4o-mini-2024-07-18'), { input: 1, output: 1 }, 'the longer configured entry wins');
});

test('a model the catalog lists is another model too: a configured gpt-4.1 leaves gpt-4.1-nano its own price', () => {
  const catalog = new ModelCatalog();
  const listed = catalog.listedPrice('openai', 'gpt-4.1-nano');
  assert.ok(listed !== undefined, 'the catalog lists gpt-4.1-nano');
  const prices = new PriceTable({ 'gpt-4.1': { input: 9, output: 9 } }, catalog);
  assert.deepEqual(prices.priceOf('gpt-4.1-nano', 'openai'), listed);
  assert.deepEqual(prices.priceOf('gpt-4.1-2025-04-14', 'openai'), { input: 9, output: 9 });
});

test('at load the gateway logs which known models a configured entry does not price', () => {
  const config = resolveConfig({
    providers: { openai: { dialect: 'openai-chat', apiKey: 'x' } },
    models: {
      smart: [{ provider: 'openai', model: 'gpt-4o' }],
      small: [{ provider: 'openai', model: 'gpt-4.1-nano' }],
      tuned: [{ provider: 'openai', model: 'my-finetune-v2' }],
    },
    prices: { 'gpt-4o': operatorGpt4o, 'gpt-4.1': { input: 9, output: 9 }, 'my-finetune': { input: 1, output: 4 } },
  });
  const warnings: Array<{ message: string; fields: unknown }> = [];
  const logger: Logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (message, fields) => void warnings.push({ message, fields }) };
  warnUnpricedModels(config, new PriceTable(config.prices, new ModelCatalog(config.catalog)), logger);
  const narrowed = warnings.filter((warning) => warning.message.startsWith('prices: '));
  assert.deepEqual(
    narrowed.map((warning) => warning.fields),
    [
      { entry: 'gpt-4.1', models: ['gpt-4.1-nano'] },
      { entry: 'gpt-4o', models: ['gpt-4o-mini'] },
    ],
  );
});
