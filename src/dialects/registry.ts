import type { Dialect } from '../interlingua/dialect.js';
import type { UpstreamDialectName } from '../config/schema.js';
import { anthropicDialect } from './anthropic/index.js';
import { bedrockDialect } from './bedrock/index.js';
import { bedrockAnthropicDialect } from './anthropic/bedrock-platform.js';
import { geminiDialect } from './gemini/index.js';
import { vertexGeminiDialect } from './gemini/vertex-platform.js';
import { vertexAnthropicDialect } from './anthropic/vertex-platform.js';
import { vertexAnthropicCountTokens } from './anthropic/vertex-count-tokens.js';
import { azureOpenaiDialect, createAzureOpenaiDialect } from './openai-chat/azure-platform.js';
import { azureApiVersionQuirks } from './openai-chat/azure-api-versions.js';
import { azureOpenaiResponsesDialect, azureOpenaiResponsesDialectFor } from './openai-responses/azure-platform.js';
import { ollamaDialect } from './ollama/index.js';
import { ollamaGenerateDialect } from './ollama-generate/index.js';
import { openaiResponsesDialect } from './openai-responses/index.js';
import { completionsUpstreamOf, createOpenaiCompletionsDialect, openaiCompletionsDialect, type ChatTemplate } from './openai-completions/index.js';
import { createOpenaiChatDialect, openaiChatDialect, type OpenaiChatQuirks } from './openai-chat/index.js';

/** Every dialect by its configuration name. */
export const dialects: Record<UpstreamDialectName, Dialect> = {
  'openai-chat': openaiChatDialect,
  anthropic: anthropicDialect,
  gemini: geminiDialect,
  ollama: ollamaDialect,
  'ollama-generate': ollamaGenerateDialect,
  'openai-responses': openaiResponsesDialect,
  'openai-completions': openaiCompletionsDialect,
  bedrock: bedrockDialect,
  'bedrock-anthropic': bedrockAnthropicDialect,
  'azure-openai': azureOpenaiDialect,
  'azure-openai-responses': azureOpenaiResponsesDialect,
  vertex: vertexGeminiDialect,
  // Claude's count on Vertex keeps the platform's signed thinking, as its chat does (vertex-count-tokens.ts).
  'vertex-anthropic': { ...vertexAnthropicDialect, countTokens: vertexAnthropicCountTokens },
};

export const dialectNames = Object.keys(dialects) as UpstreamDialectName[];

export function isDialectName(name: string): name is UpstreamDialectName {
  return Object.hasOwn(dialects, name);
}

/** What shapes the dialect spoken to one provider (see ProviderConfig). */
export interface UpstreamDialectSettings {
  dialect: UpstreamDialectName;
  /** The provider's configured name, where its dialect binds what it issues to the provider (Azure's encrypted reasoning). */
  name?: string;
  quirks: Partial<OpenaiChatQuirks>;
  /** An Azure OpenAI provider's dated api-version, which decides the fields it takes. */
  apiVersion?: string;
  chatTemplate?: ChatTemplate;
  stopTokens?: string[];
  /** The provider's base URL: an openai-completions provider at api.openai.com is OpenAI's own API. */
  baseUrl?: string;
}

/**
 * The dialect to speak to an upstream: the registered one, or one built for this provider — the
 * openai-chat codec with a vendor's quirks switched on, Azure's Responses codec taking back only
 * this provider's encrypted reasoning, or the completions codec with the model's chat template
 * and stop tokens for a self-hosted server (no cap on its stop sequences).
 */
export function upstreamDialect(settings: UpstreamDialectSettings): Dialect {
  if (settings.dialect === 'openai-chat' && Object.keys(settings.quirks).length > 0) return createOpenaiChatDialect(settings.quirks);
  if (settings.dialect === 'azure-openai') {
    const quirks = azureApiVersionQuirks(settings.apiVersion);
    if (Object.keys(quirks).length > 0) return createAzureOpenaiDialect(quirks);
  }
  if (settings.dialect === 'azure-openai-responses' && settings.name !== undefined) return azureOpenaiResponsesDialectFor(settings.name);
  if (settings.dialect === 'openai-completions') {
    // The host tells OpenAI from a self-hosted server (whose stops are not capped at OpenAI's 4);
    // without one, a configured template or stop tokens mean a self-hosted model.
    const upstream = settings.baseUrl !== undefined ? completionsUpstreamOf(settings.baseUrl) : undefined;
    const custom = settings.chatTemplate !== undefined || settings.stopTokens !== undefined;
    if (custom || upstream === 'self-hosted') {
      return createOpenaiCompletionsDialect({
        ...(settings.chatTemplate !== undefined ? { chatTemplate: settings.chatTemplate } : {}),
        ...(settings.stopTokens !== undefined ? { stopTokens: settings.stopTokens } : {}),
        ...(upstream !== undefined ? { upstream } : {}),
      });
    }
  }
  return dialects[settings.dialect];
}
