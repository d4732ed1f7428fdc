import type { UpstreamDialectName } from '../config/schema.js';
import type { EndpointTarget, UpstreamEndpoint } from './upstream-endpoint.js';
import { chatEndpoint } from './index.js';

/**
 * Where each dialect's embeddings API lives: OpenAI (and compatible) `{baseUrl}/embeddings`,
 * Gemini `…/models/{model}:batchEmbedContents` (the batch form serves one input or many), Ollama
 * `{host}/api/embed`. Authentication is the chat endpoint's. Undefined: the dialect has none.
 */
export function embeddingsEndpoint(dialect: UpstreamDialectName, target: EndpointTarget, model: string): UpstreamEndpoint | undefined {
  const chat = chatEndpoint(dialect, target, model, false);
  switch (dialect) {
    case 'openai-chat':
      return { url: `${target.baseUrl}/embeddings`, headers: chat.headers };
    case 'gemini':
      return { url: chat.url.replace(/:generateContent$/, ':batchEmbedContents'), headers: chat.headers };
    case 'ollama':
      return { url: `${target.baseUrl}/api/embed`, headers: chat.headers };
    case 'anthropic':
    case 'ollama-generate':
    case 'openai-responses':
    case 'openai-completions':
    case 'bedrock':
    case 'bedrock-anthropic':
    case 'azure-openai':
    case 'azure-openai-responses':
    case 'vertex':
    case 'vertex-anthropic':
      // Anthropic has no embeddings API, nor has Converse (Bedrock embeds through InvokeModel); Azure's and Vertex's embeddings are not wired yet; a Responses (or Ollama generate) provider is reached through an openai-chat (or ollama) one.
      return undefined;
    default: {
      const unhandled: never = dialect;
      throw new Error(`no embeddings endpoint for ${String(unhandled)}`);
    }
  }
}
