import type { ToolNameRules } from '../../interlingua/dialect.js';

/**
 * The tool names Claude takes: "tools.0.custom.name: String should match pattern
 * '^[a-zA-Z0-9_-]{1,128}$'" (recorded in https://github.com/home-assistant/core/issues/147760).
 * Gemini callers and MCP clients name tools `server.tool` or `mcp:search`, which Gemini takes;
 * such names are renamed on the way out and back (core/tool-name-fit.ts).
 */
export const anthropicToolNames: ToolNameRules = { allowed: /^[a-zA-Z0-9_-]$/, maxLength: 128 };
