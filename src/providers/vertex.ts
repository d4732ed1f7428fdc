import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';

/** Which publisher's models a Vertex provider calls. */
export type VertexPublisher = 'google' | 'anthropic';

/**
 * Vertex AI: the base URL is the scheme and host, and the gateway adds the resource path.
 * Gemini: `POST {host}/v1beta1/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent`,
 * or `:streamGenerateContent?alt=sse` for SSE (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest-rpc,
 * "projects.locations.publishers.models.generateContent"). The version is `v1beta1`, the one
 * Google's own Gen AI SDK calls (@google/genai: `VERTEX_AI_API_DEFAULT_VERSION = 'v1beta1'`) and
 * whose fields the Gemini codec writes (function-call ids); every recording calls it (recorded:
 * test/fixtures/recorded/vertex MANIFEST entry fantasy-gemini25flash-streamGenerateContent-parallel-tools.i0,
 * "…/v1beta1/projects/…/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse").
 * Claude: `{host}/v1/projects/…/publishers/anthropic/models/{model}:rawPredict`, or
 * `:streamRawPredict` for SSE (https://docs.anthropic.com/en/api/claude-on-vertex-ai;
 * @anthropic-ai/vertex-sdk's base URL `https://${region}-aiplatform.googleapis.com/v1`; recorded:
 * fantasy-anthropic-streamRawPredict-claude37-tool.i0, "…/v1/projects/…/publishers/anthropic/models/claude-3-7-sonnet@20250219:streamRawPredict").
 * The model name keeps its `@` (Claude's version suffix), as the recordings and
 * @anthropic-ai/vertex-sdk send it. Authentication is an OAuth access token, added by
 * google-tokens.ts once the request is known.
 */
export function vertexEndpoint(target: EndpointTarget, model: string, stream: boolean, publisher: VertexPublisher): UpstreamEndpoint {
  if (target.vertex === undefined) throw new Error('a Vertex endpoint needs the provider’s project and location');
  const { projectId, location } = target.vertex;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...target.headers };
  const modelPath = encodeURIComponent(model.replace(/^(publishers\/[^/]+\/)?models\//, '')).replace(/%40/g, '@');
  const method = publisher === 'google' ? (stream ? 'streamGenerateContent?alt=sse' : 'generateContent') : stream ? 'streamRawPredict' : 'rawPredict';
  const resource = `projects/${encodeURIComponent(projectId)}/locations/${encodeURIComponent(location)}/publishers/${publisher}/models/${modelPath}`;
  const version = publisher === 'google' ? 'v1beta1' : 'v1';
  return { url: `${target.baseUrl}/${version}/${resource}:${method}`, headers };
}
