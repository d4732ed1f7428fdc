import type { UpstreamDialectName } from '../config/schema.js';
import { anthropicEndpoint } from './anthropic.js';
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
    case 'openai-responses':
      return openaiResponsesEndpoint(target);
    default: {
      const unhandled: never = dialect;
      throw new Error(`no endpoint for dialect ${String(unhandled)}`);
    }
  }
}
