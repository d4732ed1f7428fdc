/**
 * Gemini's token counting on Vertex AI, `…/publishers/google/models/{model}:countTokens`. Its
 * CountTokensRequest holds `contents`, `systemInstruction`, `tools` and `generationConfig` at the top
 * level, beside `model` and `instances`
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/projects.locations.publishers.models/countTokens;
 * `@google/genai` with `vertexai: true` sends those four, `countTokensParametersToVertex`): not the
 * Gemini API's `generateContentRequest` wrapper, a name Vertex's proto JSON does not have. The rest
 * of a generateContent body (`toolConfig`, `safetySettings`, …) is no field of it either. `model` is
 * optional and left out: the path names the model. The answer is `{"totalTokens": N, …}`, as the
 * Gemini API's.
 */
import type { CountTokensCodec } from '../../interlingua/count-tokens.js';
import { geminiCountTokens } from './count-tokens.js';
import { emitGeminiRequest } from './request-emit.js';
import { vertexSchemaRules } from './schema-any-of-alone.js';
import { withPlatformFieldsOf } from './platform-fields.js';

const countedFields = ['contents', 'systemInstruction', 'tools', 'generationConfig'];

export const vertexGeminiCountTokens: CountTokensCodec = {
  ...geminiCountTokens,
  emitRequest(request, options) {
    const { body } = emitGeminiRequest({ ...request, stream: false }, { model: options.model, defaultMaxOutputTokens: 1 }, vertexSchemaRules);
    // A count has no warnings to give; a generation setting Vertex lacks is left out as for generateContent (platform-fields.ts).
    const full = withPlatformFieldsOf('vertex', body as Record<string, unknown>, []);
    return Object.fromEntries(countedFields.filter((field) => full[field] !== undefined).map((field) => [field, full[field]]));
  },
};
