import type { ToolNameRules } from '../../interlingua/dialect.js';

/**
 * Gemini's function names: "Must start with a letter or an underscore. Must be a-z, A-Z, 0-9, or
 * contain underscores, dots, colons and dashes, with a maximum length of 64"
 * (https://ai.google.dev/api/caching#FunctionDeclaration; refused otherwise with "Invalid function
 * name", https://github.com/google-gemini/gemini-cli/issues/7869). Anthropic takes names of up to
 * 128 characters and names that start with a digit (MCP tool names often are both), so such a tool
 * is sent under a name Gemini takes and given back under its own (core/tool-name-fit.ts).
 */
export const geminiToolNames: ToolNameRules = { allowed: /^[A-Za-z0-9_.:-]$/, first: /^[A-Za-z_]$/, maxLength: 64 };
