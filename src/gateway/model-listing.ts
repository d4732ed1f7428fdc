import { geminiModelResource, type GeminiModelFacts } from './gemini-model-resource.js';

/**
 * `GET /v1/models` in the caller's shape. OpenAI and Anthropic share the path, so the
 * `anthropic-version` header (which the Anthropic SDK always sends) picks the Anthropic form
 * (https://docs.anthropic.com/en/api/models-list); Gemini lists at `/v1beta/models`.
 */
export function openaiModelList(models: string[]): unknown {
  return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'interlingua' })) };
}

export function anthropicModelList(models: string[]): unknown {
  return {
    data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: '1970-01-01T00:00:00Z' })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  };
}

/** Ollama's `GET /api/tags` (https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models). */
export function ollamaModelList(models: string[]): unknown {
  return {
    models: models.map((name) => ({
      name,
      model: name,
      modified_at: '1970-01-01T00:00:00Z',
      size: 0,
      digest: '',
      details: { format: '', family: '', families: null, parameter_size: '', quantization_level: '' },
    })),
  };
}

/** Gemini's `GET /v1beta/models`: each name as a Model resource, with what the gateway knows of it (gemini-models.ts). */
export function geminiModelList(models: readonly string[], factsOf: (model: string) => GeminiModelFacts = () => ({})): unknown {
  return { models: models.map((id) => geminiModelResource(id, factsOf(id))) };
}
