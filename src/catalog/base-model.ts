/**
 * A `catalog:` entry's `baseModel`: the model whose facts, rules and price the entry's model has,
 * the entry's own fields laid over them. An Azure deployment, a fine-tune or an alias on a router is
 * named by its owner (`prod-o3`), and only the owner can say which model is behind the name, as
 * LiteLLM's users do with `model_info.base_model` per deployment ("Base Model Mapping - Ensure
 * accurate cost tracking for Azure deployments", https://docs.litellm.ai/docs/proxy/custom_pricing).
 */
import { undatedModelId, withoutResourcePrefix } from './model-id.js';

/** What a chain of base models needs of an entry. */
export interface BasedEntry {
  baseModel?: string;
}

/** The entry that `model` names: under its own name, its vendor's id (no `models/`, no Bedrock prefix) or its undated id. */
export function entryNamed<Entry>(entries: ReadonlyMap<string, Entry>, model: string): Entry | undefined {
  const id = withoutResourcePrefix(model);
  return entries.get(model) ?? entries.get(id) ?? entries.get(undatedModelId(id));
}

/**
 * The models from `model` down its entries' base models (`model` first), and whether the chain turns
 * back on an entry it already passed (`a → b → a`), where no model is ever reached.
 */
export function baseChain(entries: ReadonlyMap<string, BasedEntry>, model: string): { models: string[]; loops: boolean } {
  const models = [model];
  const passed = new Set<BasedEntry>();
  for (let entry = entryNamed(entries, model); entry?.baseModel !== undefined; entry = entryNamed(entries, entry.baseModel)) {
    if (passed.has(entry)) return { models, loops: true };
    passed.add(entry);
    models.push(entry.baseModel);
  }
  return { models, loops: false };
}
