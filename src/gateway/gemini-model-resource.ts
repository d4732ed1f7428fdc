/**
 * A name the gateway serves as Gemini's `Model` resource, the item of `models.list` and the answer
 * of `models.get` (https://ai.google.dev/api/rest/v1beta/models, "Resource: Model": `name`,
 * `baseModelId`, `version`, `displayName`, `inputTokenLimit`, `outputTokenLimit`,
 * `supportedGenerationMethods`, …). The limits come only from what the gateway knows of the models
 * behind the name (the catalog); a limit it does not know is left out rather than made up, and so
 * is `version`, which no upstream tells it (the @google/genai SDK reads every field as optional:
 * `Model` in node_modules/@google/genai/dist/node/node.d.ts).
 */
export interface GeminiModelFacts {
  /** The most input tokens every deployment behind the name takes, when the catalog knows each one's. */
  inputTokenLimit?: number;
  /** The most output tokens every deployment behind the name writes, when the catalog knows each one's. */
  outputTokenLimit?: number;
  /** Some deployment behind the name can be asked for embeddings (`:embedContent`, `:batchEmbedContents`). */
  embeds?: boolean;
}

/**
 * The methods the gateway serves on the name, spelled as the API names them ("Pascal case strings,
 * such as generateMessage and generateContent", same page): chat and token counting on every name
 * (counting falls back to a local estimate: count-tokens-pipeline.ts), embeddings where an upstream embeds.
 */
function supportedGenerationMethods(facts: GeminiModelFacts): string[] {
  const methods = ['generateContent', 'streamGenerateContent', 'countTokens'];
  if (facts.embeds === true) methods.push('embedContent', 'batchEmbedContents');
  return methods;
}

export function geminiModelResource(id: string, facts: GeminiModelFacts = {}): Record<string, unknown> {
  const model: Record<string, unknown> = { name: `models/${id}`, baseModelId: id, displayName: id };
  if (facts.inputTokenLimit !== undefined) model['inputTokenLimit'] = facts.inputTokenLimit;
  if (facts.outputTokenLimit !== undefined) model['outputTokenLimit'] = facts.outputTokenLimit;
  model['supportedGenerationMethods'] = supportedGenerationMethods(facts);
  return model;
}
