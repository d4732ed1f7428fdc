import type { UpstreamDialectName } from '../config/schema.js';
import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';
import { chatEndpoint } from './index.js';

/**
 * Where an upstream counts tokens: Anthropic `{baseUrl}/v1/messages/count_tokens`, Gemini
 * `…/models/{model}:countTokens`, Bedrock `{baseUrl}/model/{modelId}/count-tokens` for Converse and
 * InvokeModel alike (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html,
 * "POST /model/modelId/count-tokens"); Vertex's Gemini `…/publishers/google/models/{model}:countTokens`
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/projects.locations.publishers.models/countTokens),
 * and for Claude on Vertex one fixed model name, `…/publishers/anthropic/models/count-tokens:rawPredict`,
 * with the model asked about in the body ("To count tokens, send a rawPredict request to the
 * count-tokens endpoint. The request body must contain the model ID":
 * https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/count-tokens;
 * @anthropic-ai/vertex-sdk client.js rewrites `/v1/messages/count_tokens` to the same path).
 * Authentication is the chat endpoint's (a Bedrock request is signed once its body is known, a Vertex
 * one gets its OAuth token). Undefined: the dialect has no counting API and the gateway estimates.
 */
export function countTokensEndpoint(dialect: UpstreamDialectName, target: EndpointTarget, model: string): UpstreamEndpoint | undefined {
  const chat = chatEndpoint(dialect, target, model, false);
  switch (dialect) {
    case 'anthropic':
      return { url: `${chat.url}/count_tokens`, headers: chat.headers };
    case 'gemini':
    case 'vertex':
      return { url: chat.url.replace(/:generateContent$/, ':countTokens'), headers: chat.headers };
    case 'vertex-anthropic':
      return { url: chat.url.replace(/\/models\/[^/]+:rawPredict$/, '/models/count-tokens:rawPredict'), headers: chat.headers };
    case 'bedrock':
    case 'bedrock-anthropic':
      return { url: chat.url.replace(/\/(converse|invoke)$/, '/count-tokens'), headers: chat.headers };
    default:
      return undefined;
  }
}
