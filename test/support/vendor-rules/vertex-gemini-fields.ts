import { type VendorRule } from './rule.js';
import { generationConfigFields, requestFields, unknownName, unknownToolName } from './gemini/request-fields.js';
import { generateRequestOf, generationConfigOf } from './gemini/wire.js';

/**
 * Which names Vertex AI's GenerateContentRequest and GenerationConfig know: the Gemini API's, less the
 * few only the Gemini API has, plus Vertex's own. Proto JSON refuses any other name in the words of
 * gemini/request-fields.ts.
 *
 * Vertex only: `labels` aside (both take it), `modelArmorConfig` on the request and `audioTimestamp`,
 * `routingConfig` and `modelConfig` in the generation config
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/GenerationConfig;
 * docs.cloud.google.com/dotnet/docs/reference/Google.Cloud.AIPlatform.V1Beta1/latest/Google.Cloud.AIPlatform.V1Beta1.GenerationConfig,
 * AudioTimestamp, RoutingConfig). Gemini API only: `store` on the request and `enableEnhancedCivicAnswers`
 * (https://ai.google.dev/api/generate-content#generationconfig), neither in Vertex's reference. Google's
 * Gen AI SDK (@google/genai `generateContentConfigToVertex` / `…ToMldev`) refuses each on the other
 * platform before sending: "store parameter is only supported in Gemini Developer API mode, not in
 * Gemini Enterprise Agent Platform mode", "routingConfig parameter is only supported in Gemini
 * Enterprise Agent Platform mode, not in Gemini Developer API mode", and so on.
 */
const geminiApiOnlyRequestFields = new Set(['store']);
const geminiApiOnlyGenerationFields = new Set(['enableEnhancedCivicAnswers']);
export const vertexRequestFields = [...requestFields.filter((name) => !geminiApiOnlyRequestFields.has(name)), 'modelArmorConfig'];
export const vertexGenerationConfigFields = [...generationConfigFields.filter((name) => !geminiApiOnlyGenerationFields.has(name)), 'audioTimestamp', 'routingConfig', 'modelConfig'];

const source = 'cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/GenerationConfig; ai.google.dev/api/generate-content#generationconfig; @google/genai generateContentConfigToVertex';

/** The Gemini judge's field-name rules, with Vertex's names; they replace those rules on Vertex paths (vertexToolRule too). */
export const vertexFieldRules: VendorRule[] = [
  {
    id: 'vertex.gemini.unknown-field',
    source,
    check: (request) => {
      const body = generateRequestOf(request);
      return body === undefined ? undefined : unknownName(body, vertexRequestFields, '');
    },
  },
  {
    id: 'vertex.gemini.generation-config.unknown-field',
    source,
    check: (request) => {
      const body = generateRequestOf(request);
      return body === undefined ? undefined : unknownName(generationConfigOf(body), vertexGenerationConfigFields, 'generation_config');
    },
  },
];

/** The Gemini judge's rule ids the rules above stand in for. */
export const geminiApiFieldRuleIds: ReadonlySet<string> = new Set(['gemini.request.unknown-field', 'gemini.generation-config.unknown-field', 'gemini.tool.vertex-only']);

/**
 * The Gemini API's File Search tool (https://ai.google.dev/api/caching#Tool) is no Tool field on Vertex
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/Tool); Google's Gen AI SDK
 * refuses it there (@google/genai `toolToVertex`: "fileSearch parameter is only supported in Gemini
 * Developer API mode, not in Gemini Enterprise Agent Platform mode").
 */
export const vertexToolRule: VendorRule = {
  id: 'vertex.gemini.tool.gemini-api-only',
  source: 'cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/Tool; ai.google.dev/api/caching#Tool; @google/genai toolToVertex',
  check: (request) => {
    const body = generateRequestOf(request);
    return body === undefined ? undefined : unknownToolName(body, ['fileSearch'], '');
  },
};
