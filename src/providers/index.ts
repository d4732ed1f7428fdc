import type { UpstreamDialectName } from '../config/schema.js';
import { anthropicEndpoint } from './anthropic.js';
import { bedrockEndpoint, bedrockInvokeEndpoint } from './bedrock.js';
import type { AwsRequestSigner } from './aws-signing.js';
import { azureEndpoint } from './azure.js';
import type { CloudTokens } from './cloud-tokens.js';
import { geminiEndpoint } from './gemini.js';
import { vertexEndpoint } from './vertex.js';
import { openaiChatEndpoint } from './openai.js';
import { ollamaEndpoint } from './ollama.js';
import { openaiResponsesEndpoint } from './openai-responses.js';
import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';

export type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';

/** The endpoint for a chat request to a provider speaking `dialect`. */
export function chatEndpoint(dialect: UpstreamDialectName, target: EndpointTarget, model: string, stream: boolean): UpstreamEndpoint {
  switch (dialect) {
    case 'openai-chat':
      return openaiChatEndpoint(target);
    case 'anthropic':
      return anthropicEndpoint(target);
    case 'gemini':
      return geminiEndpoint(target, model, stream);
    case 'ollama':
      return ollamaEndpoint(target);
    case 'ollama-generate':
      return ollamaEndpoint(target, '/api/generate');
    case 'openai-responses':
      return openaiResponsesEndpoint(target);
    case 'openai-completions':
      return { ...openaiChatEndpoint(target), url: `${target.baseUrl}/completions` };
    case 'bedrock':
      return bedrockEndpoint(target, model, stream);
    case 'bedrock-anthropic':
      return bedrockInvokeEndpoint(target, model, stream);
    case 'azure-openai':
      return azureEndpoint(target, model, 'chat');
    case 'azure-openai-responses':
      return azureEndpoint(target, model, 'responses');
    case 'vertex':
      return vertexEndpoint(target, model, stream, 'google');
    case 'vertex-anthropic':
      return vertexEndpoint(target, model, stream, 'anthropic');
    default: {
      const unhandled: never = dialect;
      throw new Error(`no endpoint for dialect ${String(unhandled)}`);
    }
  }
}

/**
 * The endpoint with the authentication that is made per request: a Bedrock provider without an
 * API key signs each request with SigV4 once its body is known; an Azure provider with
 * `auth: { type: entra }` and every Vertex provider send an OAuth access token
 * (`Authorization: Bearer`), cached and refreshed by `tokens`; every other endpoint is complete
 * as it is, and comes back at once rather than as a promise (every request asks).
 */
export function authorizedEndpoint(
  dialect: UpstreamDialectName,
  target: EndpointTarget & { name: string },
  endpoint: UpstreamEndpoint,
  body: string,
  signer: AwsRequestSigner,
  tokens: CloudTokens,
): UpstreamEndpoint | Promise<UpstreamEndpoint> {
  switch (dialect) {
    case 'bedrock':
    case 'bedrock-anthropic':
      if (target.apiKey !== undefined || target.region === undefined) return endpoint;
      return signer.sign(endpoint, body, target.region, target.name);
    case 'azure-openai':
    case 'azure-openai-responses':
      if (target.auth !== 'entra') return endpoint;
      return tokens.azure.token(target.name).then((token) => withBearer(endpoint, token));
    case 'vertex':
    case 'vertex-anthropic':
      return tokens.google.token(target.name, target.vertex?.credentialsFile).then((token) => withBearer(endpoint, token));
    case 'openai-chat':
    case 'anthropic':
    case 'gemini':
    case 'ollama':
    case 'ollama-generate':
    case 'openai-responses':
    case 'openai-completions':
      return endpoint;
    default: {
      const unhandled: never = dialect;
      throw new Error(`no authentication for dialect ${String(unhandled)}`);
    }
  }
}

function withBearer(endpoint: UpstreamEndpoint, token: string): UpstreamEndpoint {
  return { url: endpoint.url, headers: { ...endpoint.headers, authorization: `Bearer ${token}` } };
}

/**
 * Request headers a caller may pass to an upstream of its own vendor: Anthropic's beta switches
 * (https://docs.anthropic.com/en/api/beta-headers) and OpenAI's beta header. They mean nothing
 * to another vendor, so they are forwarded only when caller and upstream speak the same dialect.
 */
export function vendorHeaderNames(dialect: UpstreamDialectName): readonly string[] {
  switch (dialect) {
    case 'anthropic':
      return ['anthropic-beta'];
    case 'openai-chat':
    case 'openai-responses':
    case 'openai-completions':
      return ['openai-beta'];
    default:
      return [];
  }
}

/**
 * Adds forwarded vendor headers to an endpoint's, joining lists (a configured beta plus the
 * caller's), each entry once.
 */
export function withForwardedHeaders(endpoint: UpstreamEndpoint, forwarded: Record<string, string>): UpstreamEndpoint {
  if (Object.keys(forwarded).length === 0) return endpoint;
  const headers = { ...endpoint.headers };
  for (const [name, value] of Object.entries(forwarded)) {
    const existing = headers[name];
    if (existing === undefined || existing === '') {
      headers[name] = value;
      continue;
    }
    const entries = existing.split(',').map((entry) => entry.trim());
    const added = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '' && !entries.includes(entry));
    headers[name] = [existing, ...added].join(',');
  }
  return { ...endpoint, headers };
}
