import type { UpstreamDialectName } from '../config/schema.js';
import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';
import { chatEndpoint } from './index.js';

/**
 * Where an upstream counts tokens: Anthropic `{baseUrl}/v1/messages/count_tokens`, Gemini
 * `…/models/{model}:countTokens`, Bedrock `{baseUrl}/model/{modelId}/count-tokens` for Converse and
 * InvokeModel alike (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html,
 * "POST /model/modelId/count-tokens"); authentication is the chat endpoint's (a Bedrock request is
 * signed once its body is known). Undefined: the dialect has no counting API and the gateway estimates.
 */
export function countTokensEndpoint(dialect: UpstreamDialectName, target: EndpointTarget, model: string): UpstreamEndpoint | undefined {
  const chat = chatEndpoint(dialect, target, model, false);
  switch (dialect) {
    case 'anthropic':
      return { url: `${chat.url}/count_tokens`, headers: chat.headers };
    case 'gemini':
      return { url: chat.url.replace(/:generateContent$/, ':countTokens'), headers: chat.headers };
    case 'bedrock':
    case 'bedrock-anthropic':
      return { url: chat.url.replace(/\/(converse|invoke)$/, '/count-tokens'), headers: chat.headers };
    default:
      return undefined;
  }
}
