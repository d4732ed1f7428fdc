import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';
import { zhipuAuthorization } from './zhipu-auth.js';

/**
 * OpenAI Chat Completions: `POST {baseUrl}/chat/completions`, `Authorization: Bearer`.
 * The base URL already ends in `/v1`, as in the openai SDK (https://platform.openai.com/docs/api-reference/chat).
 */
export function openaiChatEndpoint(target: EndpointTarget): UpstreamEndpoint {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...target.headers };
  if (target.apiKey !== undefined) headers.authorization = target.auth === 'zhipu' ? zhipuAuthorization(target.apiKey) : `Bearer ${target.apiKey}`;
  return { url: `${target.baseUrl}/chat/completions`, headers };
}
