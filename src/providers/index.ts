import type { UpstreamDialectName } from '../config/schema.js';
import { anthropicEndpoint } from './anthropic.js';
import { bedrockEndpoint, bedrockInvokeEndpoint } from './bedrock.js';
import type { AwsRequestSigner } from './aws-signing.js';
import { geminiEndpoint } from './gemini.js';
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
    default: {
      const unhandled: never = dialect;
      throw new Error(`no endpoint for dialect ${String(unhandled)}`);
    }
  }
}

/**
 * The endpoint with the authentication that depends on the body: a Bedrock provider without an
 * API key signs each request with SigV4; every other endpoint is complete as it is.
 */
export async function authorizedEndpoint(
  dialect: UpstreamDialectName,
  target: EndpointTarget & { name: string },
  endpoint: UpstreamEndpoint,
  body: string,
  signer: AwsRequestSigner,
): Promise<UpstreamEndpoint> {
  if ((dialect !== 'bedrock' && dialect !== 'bedrock-anthropic') || target.apiKey !== undefined || target.region === undefined) return endpoint;
  return signer.sign(endpoint, body, target.region, target.name);
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

/** Adds forwarded vendor headers to an endpoint's, joining lists (a configured beta plus the caller's). */
export function withForwardedHeaders(endpoint: UpstreamEndpoint, forwarded: Record<string, string>): UpstreamEndpoint {
  if (Object.keys(forwarded).length === 0) return endpoint;
  const headers = { ...endpoint.headers };
  for (const [name, value] of Object.entries(forwarded)) {
    const existing = headers[name];
    headers[name] = existing === undefined || existing === '' ? value : `${existing},${value}`;
  }
  return { ...endpoint, headers };
}
