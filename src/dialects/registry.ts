import type { Dialect } from '../interlingua/dialect.js';
import type { UpstreamDialectName } from '../config/schema.js';
import { anthropicDialect } from './anthropic/index.js';
import { geminiDialect } from './gemini/index.js';
import { ollamaDialect } from './ollama/index.js';
import { openaiResponsesDialect } from './openai-responses/index.js';
import { createOpenaiChatDialect, openaiChatDialect, type OpenaiChatQuirks } from './openai-chat/index.js';

/** Every dialect by its configuration name. */
export const dialects: Record<UpstreamDialectName, Dialect> = {
  'openai-chat': openaiChatDialect,
  anthropic: anthropicDialect,
  gemini: geminiDialect,
  ollama: ollamaDialect,
  'openai-responses': openaiResponsesDialect,
};

export const dialectNames = Object.keys(dialects) as UpstreamDialectName[];

export function isDialectName(name: string): name is UpstreamDialectName {
  return Object.hasOwn(dialects, name);
}

/**
 * The dialect to speak to an upstream: the registered one, or for an OpenAI-compatible vendor
 * the openai-chat codec with that vendor's quirks switched on.
 */
export function upstreamDialect(name: UpstreamDialectName, quirks: Partial<OpenaiChatQuirks>): Dialect {
  if (name === 'openai-chat' && Object.keys(quirks).length > 0) return createOpenaiChatDialect(quirks);
  return dialects[name];
}
