import { baseChain, entryNamed, type BasedEntry } from '../catalog/base-model.js';
import { vendorKnowing, type ConfiguredModelFacts } from '../catalog/model-catalog.js';
import type { ReasoningControl } from '../catalog/model-facts.js';
import type { RawConfig } from './schema.js';

type RawCatalogEntry = NonNullable<RawConfig['catalog']>[string];

/** `catalog:` entries as the catalog takes them: `reasoning: none` written out as `{ type: 'none' }`. */
export function configuredCatalog(raw: NonNullable<RawConfig['catalog']>): Record<string, ConfiguredModelFacts> {
  const entries: Record<string, ConfiguredModelFacts> = {};
  for (const [model, entry] of Object.entries(raw)) entries[model] = configuredFacts(entry);
  return entries;
}

function configuredFacts(entry: RawCatalogEntry): ConfiguredModelFacts {
  const { reasoning, ...rest } = entry;
  const facts: ConfiguredModelFacts = { ...rest };
  if (reasoning !== undefined) facts.reasoning = reasoningControl(reasoning);
  return facts;
}

function reasoningControl(reasoning: NonNullable<RawCatalogEntry['reasoning']>): ReasoningControl {
  if (typeof reasoning !== 'string') return { ...reasoning };
  return { type: reasoning };
}

/**
 * What keeps `catalog:` entries' `baseModel`s from naming a model, by entry: a base model nothing
 * knows (no vendor's catalog listing, published limits or rules, and no entry of its own), whose
 * facts would silently be none, and a chain that comes back to where it began (`a → b → a`),
 * reported on each entry of the circle.
 */
export function baseModelIssues(entries: Readonly<Record<string, BasedEntry>>): Array<{ model: string; message: string }> {
  const byName = new Map(Object.entries(entries));
  const issues: Array<{ model: string; message: string }> = [];
  for (const [model, entry] of byName) {
    if (entry.baseModel === undefined) continue;
    const chain = baseChain(byName, model);
    if (chain.loops) {
      if (entryNamed(byName, chain.models.at(-1)!) === entry) {
        issues.push({ model, message: `${chain.models.join(' → ')} comes back to ${model}, so none of them reaches a model whose facts it could take; end the chain at a model the catalog knows` });
      }
      continue;
    }
    if (entryNamed(byName, entry.baseModel) === undefined && vendorKnowing(entry.baseModel) === undefined) {
      issues.push({
        model,
        message: `no model is known as "${entry.baseModel}" (the built-in catalog, the vendors' rules and the catalog: entries all lack it); name the model the deployment serves as its vendor names it (o3, gpt-4o, claude-sonnet-4-5), or give ${model} its facts itself`,
      });
    }
  }
  return issues;
}
