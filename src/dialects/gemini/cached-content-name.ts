/**
 * A Gemini caller's `cachedContent` names a context cache of one platform, and a cache exists only
 * where it was made: the Gemini API names its caches `cachedContents/{id}`
 * (https://ai.google.dev/api/rest/v1beta/cachedContents/get), Vertex AI
 * `projects/{project}/locations/{location}/cachedContents/{id}` (the CachedContentName pattern,
 * docs.cloud.google.com/dotnet/docs/reference/Google.Cloud.AIPlatform.V1Beta1/latest/Google.Cloud.AIPlatform.V1Beta1.CachedContentName;
 * cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.cachedContents/get). A name of
 * the other platform cannot be read (the request would be refused), so it is left out with a
 * warning: the model then answers without the cached context, which the warning says.
 */
import type { EmittedRequest } from '../../interlingua/dialect.js';
import { isJsonObject } from './json-value.js';

export type GeminiPlatform = 'gemini-api' | 'vertex';

const namePatterns: Record<GeminiPlatform, RegExp> = {
  'gemini-api': /^cachedContents\/[^/]+$/,
  vertex: /^projects\/[^/]+\/locations\/[^/]+\/cachedContents\/[^/]+$/,
};

const platformNames: Record<GeminiPlatform, string> = { 'gemini-api': 'the Gemini API', vertex: 'Vertex AI' };

function otherPlatform(platform: GeminiPlatform): GeminiPlatform {
  return platform === 'vertex' ? 'gemini-api' : 'vertex';
}

/** The request without a `cachedContent` that names the other platform's cache; the same object otherwise. */
export function withCachedContentOf(platform: GeminiPlatform, emitted: EmittedRequest): EmittedRequest {
  const body = emitted.body;
  if (!isJsonObject(body) || typeof body['cachedContent'] !== 'string') return emitted;
  const name = body['cachedContent'];
  const foreign = otherPlatform(platform);
  if (!namePatterns[foreign].test(name)) return emitted;
  const { cachedContent: _left, ...rest } = body;
  const warning = {
    type: 'unsupported' as const,
    feature: 'cachedContent',
    message: `The context cache ${name} exists only on ${platformNames[foreign]}; ${platformNames[platform]} cannot read it, so it was left out and the model answered without the cached content.`,
  };
  return { ...emitted, body: rest, warnings: [...emitted.warnings, warning] };
}
