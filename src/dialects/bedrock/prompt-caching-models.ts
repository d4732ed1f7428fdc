/**
 * Which models take Converse cache points on Bedrock, and in which fields. Bedrock refuses a
 * `cachePoint` for any other model, the whole request: "You invoked an unsupported model or your
 * request did not allow prompt caching. See the documentation for more information." (the words:
 * github.com/cline/cline/issues/2064; Claude 3 Sonnet: github.com/posit-dev/positron/issues/12142;
 * Llama: github.com/strands-agents/harness-sdk/pull/1807; Claude Code's breakpoints on a model
 * without prompt caching: github.com/BerriAI/litellm/pull/39210).
 *
 * Bedrock's prompt caching page lists the models and the fields each caches
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html, "Supported models,
 * Regions, and limits"; the table as synced in github.com/Portkey-AI/docs-core/pull/955,
 * integrations/llms/bedrock/prompt-caching.mdx): Claude Opus 4.6, Opus 4.5, Opus 4, Sonnet 4.6,
 * Sonnet 4.5, Haiku 4.5, 3.5 Haiku and 3.7 Sonnet with "system, messages, tools"; Amazon Nova Micro,
 * Lite and Pro with "system, messages" ("Tools caching is not supported for Amazon Nova models").
 * The page's note adds Nova Premier, and its earlier table Claude Opus 4.1 and Sonnet 4. Nova 2 Lite
 * takes cache points in system and messages by its model card
 * (docs.aws.amazon.com/bedrock/latest/userguide/model-card-amazon-nova-2-lite.html, as quoted in
 * github.com/zeroclaw-labs/zeroclaw/pull/8943). Claude 3.5 Sonnet v2 is left out: "no additional
 * customers will be granted access to prompt caching on the Claude 3.5 Sonnet v2 model" (the page's note).
 * Every Claude named family first (`claude-sonnet-4-…`, Claude 4 on) is in the table, and Bedrock
 * caches the later ones alike (Opus 4.7, 4.8 and 5, Sonnet 5: their minimum prefixes on Bedrock,
 * docs.litellm.ai/docs/completion/prompt_caching); Claude 3, 3.5 Sonnet v1, 2 and Instant, Llama,
 * Mistral and every other vendor's models cache nothing.
 *
 * This is Bedrock's fact, not the model's: Claude 3 Haiku and 3.5 Sonnet cache on Anthropic's API,
 * whose facts the catalog shares across platforms, and Bedrock's other vendors have no catalog entry.
 */
import { bedrockModelName } from '../../wire/bedrock-model-id.js';

/** The parts of a Converse request a cache point can close. */
export type CachePointField = 'tools' | 'system' | 'messages';

const everywhere: readonly CachePointField[] = ['tools', 'system', 'messages'];
const notOnTools: readonly CachePointField[] = ['system', 'messages'];

/** By the model's name after its vendor (`claude-sonnet-4-5-20250929-v1`, `nova-pro-v1`), first match wins. */
const fieldsByModel: ReadonlyArray<{ vendor: string; model: RegExp; fields: readonly CachePointField[] }> = [
  { vendor: 'anthropic', model: /^claude-(?:3-7-sonnet|3-5-haiku|(?:opus|sonnet|haiku)-\d)/, fields: everywhere },
  { vendor: 'amazon', model: /^nova-(?:micro|lite|pro|premier|2-lite)-/, fields: notOnTools },
];

/**
 * Where `model` takes cache points on Bedrock: none for a model the table leaves out, and undefined
 * for an id that names no vendor (an application inference profile's ARN, an imported model), whose
 * model is not known and whose cache points go as they are.
 */
export function cachePointFields(model: string): readonly CachePointField[] | undefined {
  const name = bedrockModelName(model);
  if (name === undefined) return undefined;
  return fieldsByModel.find((row) => row.vendor === name.vendor && row.model.test(name.model))?.fields ?? [];
}
