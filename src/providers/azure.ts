import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';

/** Which Azure OpenAI API a provider calls. */
export type AzureApi = 'chat' | 'responses';

/**
 * Azure OpenAI / Foundry. With a dated `apiVersion`, the deployments path: "POST
 * https://{endpoint}/openai/deployments/{deployment-id}/chat/completions?api-version=2024-10-21"
 * (https://learn.microsoft.com/azure/ai-services/openai/reference; recorded:
 * test/fixtures/recorded/azure-openai MANIFEST entry fantasy-gpt5mini-chat-tool.i0, "POST
 * https://…/openai/deployments/gpt-5-mini/chat/completions?api-version=2025-01-01-preview"), and
 * for the Responses API `/openai/responses?api-version=` with the deployment in `model`
 * (mirascope-responses-stream-content-filter-incomplete.request.json, "POST
 * https://dummy.openai.azure.com/openai/responses?api-version=2025-03-01-preview"). Without one,
 * the v1 API, which "removes the need for dated api-version parameters"
 * (https://learn.microsoft.com/azure/foundry/openai/api-version-lifecycle): `{baseUrl}/openai/v1/…`
 * with the deployment's name as `model` (fantasy-gpt5mini-responses-v1.request.json, "POST
 * https://…/openai/v1/responses"). On Azure the model *is* the deployment's name.
 * A key goes in the `api-key` header (the openai SDK's AzureOpenAI client, azure.js:
 * `buildHeaders([{ 'api-key': this.apiKey }])`); Entra ID tokens are added by azure-tokens.ts.
 */
export function azureEndpoint(target: EndpointTarget, deployment: string, api: AzureApi): UpstreamEndpoint {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...target.headers };
  if (target.apiKey !== undefined && target.auth !== 'entra') headers['api-key'] = target.apiKey;
  const operation = api === 'chat' ? 'chat/completions' : 'responses';
  if (target.apiVersion === undefined) return { url: `${target.baseUrl}/openai/v1/${operation}`, headers };
  const version = `api-version=${encodeURIComponent(target.apiVersion)}`;
  if (api === 'responses') return { url: `${target.baseUrl}/openai/responses?${version}`, headers };
  return { url: `${target.baseUrl}/openai/deployments/${encodeURIComponent(deployment)}/${operation}?${version}`, headers };
}
