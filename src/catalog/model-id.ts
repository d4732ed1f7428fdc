import { bedrockModelName } from '../wire/bedrock-model-id.js';

/**
 * Model ids as callers and configurations write them, reduced to the names a catalog keys on.
 * Gemini ids may carry the REST resource prefix (`models/gemini-2.5-pro`); vendors publish dated
 * snapshots (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`) and moving aliases
 * (`claude-3-5-sonnet-latest`) of one model, which share its facts.
 */

/**
 * Bedrock names a model `anthropic.claude-sonnet-4-5-20250929-v1:0`, and a cross-region inference
 * profile puts a geography first (`us.anthropic.…`, `global.anthropic.…`)
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html).
 */
const bedrockModelId = /^(?:(?:us|eu|apac|global|us-gov|jp|au|ca)\.)?(?:anthropic|openai|meta|amazon|mistral|cohere|deepseek|qwen)\.(.+?)(?:-v\d+(?::\d+)?)?$/;

/**
 * The vendor's own id of a model: `models/gemini-2.5-pro` → `gemini-2.5-pro`,
 * `us.anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5-20250929`; case is kept,
 * vendors' ids are lower case.
 */
export function withoutResourcePrefix(model: string): string {
  if (model.startsWith('models/')) return model.slice('models/'.length);
  return bedrockModelId.exec(model)?.[1] ?? model;
}

/** The vendor whose model a Bedrock id names (`us.anthropic.claude-…` → `anthropic`), if it is one. */
export function bedrockModelVendor(model: string): string | undefined {
  return bedrockModelName(model)?.vendor;
}

/**
 * A dated snapshot or moving alias after a `-`, or Vertex AI's version of a Claude model after an
 * `@`: "Anthropic Claude model versions must be used with a suffix that starts with an @ symbol
 * (such as claude-3-7-sonnet@20250219 …)"
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/use-claude). Besides a
 * date, newer models are named by `@default` (`claude-sonnet-4-6@default`, refused by Vertex's token
 * counter in those words: github.com/BerriAI/litellm/issues/25798); whatever follows the `@` names a
 * version of the same model, so all of it goes.
 */
const snapshotSuffix = /(?:-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)|@[\w.-]+)$/;

/** The model a snapshot or alias belongs to: `claude-sonnet-4-5-20250929`, `…@20250929` or `claude-opus-4-7@default` → the name before it; others as they are. */
export function undatedModelId(model: string): string {
  return withoutResourcePrefix(model).replace(snapshotSuffix, '');
}
