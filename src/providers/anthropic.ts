import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';

/** The API version every Anthropic request must name (https://docs.anthropic.com/en/api/versioning). */
export const anthropicApiVersion = '2023-06-01';

/** Anthropic Messages: `POST {baseUrl}/v1/messages` with `x-api-key` and `anthropic-version`. */
export function anthropicEndpoint(target: EndpointTarget): UpstreamEndpoint {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': anthropicApiVersion,
    ...target.headers,
  };
  if (target.apiKey !== undefined) headers['x-api-key'] = target.apiKey;
  return { url: `${target.baseUrl}/v1/messages`, headers };
}
