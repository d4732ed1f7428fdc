import type { ToolNameRules } from '../../interlingua/dialect.js';

/**
 * The function names OpenAI takes, in Chat Completions and Responses alike: "Invalid
 * 'tools[0].function.name': string does not match pattern. Expected a string that matches the
 * pattern '^[a-zA-Z0-9_-]+$'." (https://github.com/run-llama/llama_index/issues/16093; the same
 * for Responses' `tools[0].name`), at most 64 long ("Must be a-z, A-Z, 0-9, or contain underscores
 * and dashes, with a maximum length of 64", https://platform.openai.com/docs/api-reference/chat/create).
 */
export const openaiToolNames: ToolNameRules = { allowed: /^[a-zA-Z0-9_-]$/, maxLength: 64 };
