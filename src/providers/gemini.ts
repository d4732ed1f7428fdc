import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';

/**
 * Gemini: the model and the streaming mode are in the path —
 * `POST {baseUrl}/v1beta/models/{model}:generateContent` or `:streamGenerateContent?alt=sse`
 * (without `alt=sse` Gemini streams a JSON array instead of SSE) — and the key in `x-goog-api-key`
 * (https://ai.google.dev/api/generate-content).
 */
export function geminiEndpoint(target: EndpointTarget, model: string, stream: boolean): UpstreamEndpoint {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...target.headers };
  if (target.apiKey !== undefined) headers['x-goog-api-key'] = target.apiKey;
  const modelPath = encodeURIComponent(model.replace(/^models\//, ''));
  const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return { url: `${target.baseUrl}/v1beta/models/${modelPath}:${method}`, headers };
}
