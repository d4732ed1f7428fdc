import type { JudgedRequest, VendorRule } from '../rule.js';
import { field, generateRequestOf } from './wire.js';

/**
 * A context cache is read only on the platform that made it. The Gemini API names its caches
 * `cachedContents/{id}` (https://ai.google.dev/api/rest/v1beta/cachedContents/get, "Format:
 * cachedContents/{id}"); Vertex AI `projects/{project}/locations/{location}/cachedContents/{id}`
 * (cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.cachedContents/get; the
 * CachedContentName pattern of Google.Cloud.AIPlatform.V1Beta1). A name of the other platform is
 * refused; its wording is not recorded, so the judges word it themselves, 400 INVALID_ARGUMENT.
 */
function cachedContentOf(request: JudgedRequest): unknown {
  const body = generateRequestOf(request);
  return body === undefined ? undefined : field(body, 'cachedContent');
}

export const geminiApiCacheNameRule: VendorRule = {
  id: 'gemini.cached-content.name',
  source: 'ai.google.dev/api/rest/v1beta/cachedContents/get (Format: cachedContents/{id})',
  check: (request) => {
    const name = cachedContentOf(request);
    if (name === undefined || (typeof name === 'string' && /^cachedContents\/[^/]+$/.test(name))) return undefined;
    return `cachedContent ${JSON.stringify(name)} is not a cached content of this API: expected cachedContents/{id}.`;
  },
};

export const vertexCacheNameRule: VendorRule = {
  id: 'vertex.gemini.cached-content.name',
  source: 'cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.cachedContents/get; CachedContentName (projects/{project}/locations/{location}/cachedContents/{cached_content})',
  check: (request) => {
    const name = cachedContentOf(request);
    if (name === undefined || (typeof name === 'string' && /^projects\/[^/]+\/locations\/[^/]+\/cachedContents\/[^/]+$/.test(name))) return undefined;
    return `cachedContent ${JSON.stringify(name)} is not a Vertex AI cached content: expected projects/{project}/locations/{location}/cachedContents/{id}.`;
  },
};
