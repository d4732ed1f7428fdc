import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';

/** OpenAI Responses: `POST {baseUrl}/responses` with the openai SDK's base URL (`…/v1`) and a bearer key. */
export function openaiResponsesEndpoint(target: EndpointTarget): UpstreamEndpoint {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...target.headers };
  if (target.apiKey !== undefined) headers.authorization = `Bearer ${target.apiKey}`;
  return { url: `${target.baseUrl}/responses`, headers };
}
