import type { Dialect } from '../interlingua/dialect.js';
import type { UpstreamDialectName } from '../config/schema.js';
import { anthropicDialect } from './anthropic/index.js';
import { geminiDialect } from './gemini/index.js';
import { openaiChatDialect } from './openai-chat/index.js';

/** Every dialect by its configuration name. */
export const dialects: Record<UpstreamDialectName, Dialect> = {
  'openai-chat': openaiChatDialect,
  anthropic: anthropicDialect,
  gemini: geminiDialect,
};

export const dialectNames = Object.keys(dialects) as UpstreamDialectName[];

export function isDialectName(name: string): name is UpstreamDialectName {
  return Object.hasOwn(dialects, name);
}
