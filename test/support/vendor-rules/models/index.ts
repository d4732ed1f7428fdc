import { anthropicModelRules } from './anthropic-models.js';
import { bedrockModelRules } from './bedrock-models.js';
import { geminiModelRules } from './gemini-models.js';
import { ollamaModelRules } from './ollama-models.js';
import { openaiChatModelRules, openaiResponsesModelRules } from './openai-models.js';
import type { VendorRule } from '../rule.js';
import { azureOpenaiModelRules } from '../azure-openai.js';
import { vertexModelRules } from '../vertex.js';
import { openaiChatUserLengthRule } from '../openai-family/user-length.js';

/**
 * Rules that hold for some models of a vendor only (parameters a model refuses, its output limit,
 * whether it reasons), keyed by judge name. They run after the judge's own rules. They are written
 * from the vendors' documentation and their observed error bodies, not from the gateway's catalog
 * (src/catalog/), so that the two can disagree and a test can fail.
 */
export const modelRules: Record<string, readonly VendorRule[]> = {
  anthropic: anthropicModelRules,
  'openai-chat': [...openaiChatModelRules, openaiChatUserLengthRule],
  'openai-responses': openaiResponsesModelRules,
  gemini: geminiModelRules,
  ollama: ollamaModelRules,
  bedrock: bedrockModelRules,
  'azure-openai': azureOpenaiModelRules,
  vertex: vertexModelRules,
};
