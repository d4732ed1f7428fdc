/**
 * The Gemini API and Vertex AI take the same GenerateContentRequest but for a few fields each has
 * alone, and each refuses the other's as an unknown name ("Invalid JSON payload received. Unknown
 * name …: Cannot find field."). A Gemini caller's own fields travel as vendor data and would reach
 * either platform, so those the target lacks are left out here, each with a warning.
 *
 * Vertex AI only: `modelArmorConfig` on the request; `audioTimestamp`, `routingConfig` and
 * `modelConfig` in the generation config
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/GenerationConfig).
 * Gemini API only: `store` on the request and `generationConfig.enableEnhancedCivicAnswers`
 * (https://ai.google.dev/api/generate-content#generationconfig), which Vertex's reference lacks.
 * Google's Gen AI SDK holds the same lines: it refuses each of these on the other platform before
 * sending (@google/genai `generateContentConfigToMldev` / `generateContentConfigToVertex`: "store
 * parameter is only supported in Gemini Developer API mode, not in Gemini Enterprise Agent Platform
 * mode", "routingConfig parameter is only supported in Gemini Enterprise Agent Platform mode, …").
 * `labels` is taken by both (the same SDK sends it to either).
 *
 * Tools likewise: Vertex AI's `retrieval`, `enterpriseWebSearch`, `exaAiSearch` and `parallelAiSearch`
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/Tool), the Gemini API's
 * `fileSearch` (https://ai.google.dev/api/caching#Tool); the same SDK refuses each on the other platform
 * (`toolToMldev`: "retrieval parameter is only supported in Gemini Enterprise Agent Platform mode, …";
 * `toolToVertex`: "fileSearch parameter is only supported in Gemini Developer API mode, …").
 */
import type { EmittedRequest } from '../../interlingua/dialect.js';
import type { Warning } from '../../interlingua/warning.js';
import type { GeminiPlatform } from './cached-content-name.js';
import { isJsonObject, type JsonObject } from './json-value.js';

interface PlatformFields {
  request: readonly string[];
  generationConfig: readonly string[];
  tools: readonly string[];
}

const onlyOn: Record<GeminiPlatform, PlatformFields> = {
  vertex: { request: ['modelArmorConfig'], generationConfig: ['audioTimestamp', 'routingConfig', 'modelConfig'], tools: ['retrieval', 'enterpriseWebSearch', 'exaAiSearch', 'parallelAiSearch'] },
  'gemini-api': { request: ['store'], generationConfig: ['enableEnhancedCivicAnswers'], tools: ['fileSearch'] },
};

const platformNames: Record<GeminiPlatform, string> = { 'gemini-api': 'the Gemini API', vertex: 'Vertex AI' };

/** Proto JSON takes a field in either spelling (`routing_config`); compared camel-cased. */
function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function withoutFields(record: JsonObject, names: readonly string[], prefix: string, other: GeminiPlatform, platform: GeminiPlatform, warnings: Warning[]): JsonObject {
  const kept: JsonObject = {};
  for (const [name, value] of Object.entries(record)) {
    if (!names.includes(camelCase(name))) {
      kept[name] = value;
      continue;
    }
    const path = `${prefix}${camelCase(name)}`;
    warnings.push({ type: 'unsupported', feature: path, message: `${path} is ${platformNames[other]}'s own; ${platformNames[platform]} does not take it, so it was left out.` });
  }
  return kept;
}

/** A GenerateContentRequest body without the fields only the other platform takes; the same object when it has none. */
export function withPlatformFieldsOf(platform: GeminiPlatform, body: JsonObject, warnings: Warning[]): JsonObject {
  const other: GeminiPlatform = platform === 'vertex' ? 'gemini-api' : 'vertex';
  const foreign = onlyOn[other];
  const found: Warning[] = [];
  const fitted = withoutFields(body, foreign.request, '', other, platform, found);
  const configKey = Object.keys(fitted).find((name) => camelCase(name) === 'generationConfig');
  const config = configKey === undefined ? undefined : fitted[configKey];
  if (configKey !== undefined && isJsonObject(config)) fitted[configKey] = withoutFields(config, foreign.generationConfig, 'generationConfig.', other, platform, found);
  if (Array.isArray(fitted['tools'])) {
    // A Tool holds one kind of tool; one left with none is left out whole.
    const tools = fitted['tools'].map((tool: unknown) => (isJsonObject(tool) ? withoutFields(tool, foreign.tools, 'tools.', other, platform, found) : tool));
    fitted['tools'] = tools.filter((tool: unknown) => !isJsonObject(tool) || Object.keys(tool).length > 0);
    if ((fitted['tools'] as unknown[]).length === 0) delete fitted['tools'];
  }
  if (found.length === 0) return body;
  warnings.push(...found);
  return fitted;
}

/** The emitted request with the other platform's fields left out (withPlatformFieldsOf), its warnings added. */
export function withPlatformFields(platform: GeminiPlatform, emitted: EmittedRequest): EmittedRequest {
  if (!isJsonObject(emitted.body)) return emitted;
  const warnings: Warning[] = [];
  const body = withPlatformFieldsOf(platform, emitted.body, warnings);
  return warnings.length === 0 ? emitted : { ...emitted, body, warnings: [...emitted.warnings, ...warnings] };
}
