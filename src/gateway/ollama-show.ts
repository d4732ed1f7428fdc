/**
 * Ollama's `POST /api/show` answer for a model the gateway serves, from what the catalog knows of
 * the model behind it (https://github.com/ollama/ollama/blob/main/docs/api.md#show-model-information;
 * api/types.go `ShowResponse`, `ModelDetails`; types/model/capability.go for the capability words).
 * Clients read it to decide what to offer: GitHub Copilot keeps only models whose `capabilities`
 * hold `tools` and fails on a missing `model_info` (https://github.com/exo-explore/exo/pull/2091),
 * and reads the context window as `model_info["<general.architecture>.context_length"]`, the key
 * Ollama writes (docs/api.md's example: `"general.architecture": "llama"`, `"llama.context_length"`).
 *
 * - `completion` and `tools` always: every served model chats, and calls tools natively or with
 *   tools written into its prompt (src/tool-emulation/tool-emulating-transport.ts);
 * - `thinking` when the catalog says the model reasons, `vision` when it says the model reads images;
 * - the context length, when known, in `model_info` and `details.context_length`.
 * The file-level fields (`modelfile`, `template`, `parameters`, `license`) describe a local model
 * file, which a served model has none of: they are left out, as Ollama leaves out empty ones.
 */
import type { ModelFacts } from '../catalog/model-facts.js';

/** The `general.architecture` the gateway names its models by: its context length is `interlingua.context_length`. */
const architecture = 'interlingua';

export function ollamaShowBody(facts: ModelFacts | undefined): unknown {
  const contextLength = facts?.contextTokens;
  const modelInfo: Record<string, unknown> = { 'general.architecture': architecture };
  if (contextLength !== undefined) modelInfo[`${architecture}.context_length`] = contextLength;
  return {
    details: {
      parent_model: '',
      format: '',
      family: '',
      families: null,
      parameter_size: '',
      quantization_level: '',
      ...(contextLength !== undefined ? { context_length: contextLength } : {}),
    },
    model_info: modelInfo,
    capabilities: capabilities(facts),
    modified_at: '1970-01-01T00:00:00Z',
  };
}

function capabilities(facts: ModelFacts | undefined): string[] {
  const words = ['completion', 'tools'];
  if (facts?.reasoning !== undefined && facts.reasoning.type !== 'none') words.push('thinking');
  if (facts?.vision === true) words.push('vision');
  return words;
}
