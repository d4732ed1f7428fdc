import type { ConfiguredModelFacts } from '../catalog/model-catalog.js';
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
