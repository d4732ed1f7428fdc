import { isRecord } from '../rule.js';
import { quotedList, type OpenAIRule } from '../openai-family/openai-rule.js';
import { strictSchemaViolation } from '../openai-family/strict-schema.js';
import { functionParametersProblem } from '../openai-family/function-parameters.js';

/** Responses rules on `tools` and `tool_choice`. */

/**
 * The tool types of openai-node resources/responses `Tool` (generated from OpenAI's OpenAPI spec):
 * FunctionTool, FileSearchTool, ComputerTool, ComputerUsePreviewTool, WebSearchTool, Mcp,
 * CodeInterpreter, ProgrammaticToolCalling, ImageGeneration, LocalShell, FunctionShellTool,
 * CustomTool, NamespaceTool, ToolSearchTool, WebSearchPreviewTool, ApplyPatchTool.
 */
const toolTypes = [
  'function',
  'file_search',
  'computer',
  'computer_use_preview',
  'web_search',
  'web_search_2025_08_26',
  'mcp',
  'code_interpreter',
  'programmatic_tool_calling',
  'image_generation',
  'local_shell',
  'shell',
  'custom',
  'namespace',
  'tool_search',
  'web_search_preview',
  'web_search_preview_2025_03_11',
  'apply_patch',
] as const;

function toolsOf(body: unknown): unknown[] {
  return isRecord(body) && Array.isArray(body.tools) ? body.tools : [];
}

export const toolRules: OpenAIRule[] = [
  {
    id: 'openai-responses.tools.type',
    // openai-node resources/responses.d.ts `export type Tool = FunctionTool | FileSearchTool | …`.
    source: 'openai-node resources/responses.d.ts (Tool union: the tool types the API takes)',
    code: 'invalid_value',
    check: ({ body }) => {
      for (const tool of toolsOf(body)) {
        const type = isRecord(tool) ? tool.type : undefined;
        if (!(toolTypes as readonly unknown[]).includes(type)) return `Invalid value: '${String(type)}'. Supported values are: ${quotedList(toolTypes)}.`;
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.tools.function-name',
    // openai-node FunctionTool: "name: string" (required); the Responses function tool is flat, its name
    // beside `type`. The name's pattern, from a live Responses 400 quoted in public code (a Codex-backend
    // harness, 2026-08-23): "Invalid 'tools[0].name': string does not match pattern. Expected a string
    // that matches the pattern '^[a-zA-Z0-9_-]+$'." (code invalid_value).
    source: "openai-node resources/responses.d.ts FunctionTool.name (required); live 400 \"Invalid 'tools[0].name': string does not match pattern\"",
    code: 'invalid_value',
    check: ({ body }) => {
      for (const [index, tool] of toolsOf(body).entries()) {
        if (!isRecord(tool) || tool.type !== 'function') continue;
        if (typeof tool.name !== 'string') return `Missing required parameter: 'tools[${index}].name'.`;
        if (!/^[a-zA-Z0-9_-]+$/.test(tool.name)) return `Invalid 'tools[${index}].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`;
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.tool_choice.names-declared-tool',
    // The Responses API's 400 for a function tool_choice matching no function tool: "Tool choice 'function'
    // not found in 'tools' parameter." (quoted from the real API in github.com/raine/claude-code-proxy/issues/10
    // and in maximhq bifrost's tests: "OpenAI's Responses API rejects function-shaped tool_choice against a non-function tool").
    source: 'github.com/raine/claude-code-proxy/issues/10 (named tool_choice must match a declared tool)',
    param: 'tool_choice',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.tool_choice)) return undefined;
      const { type, name } = body.tool_choice;
      if (type !== 'function' && type !== 'custom') return undefined;
      const declared = toolsOf(body).some((tool) => isRecord(tool) && tool.type === type && tool.name === name);
      return declared ? undefined : `Tool choice '${type}' not found in 'tools' parameter.`;
    },
  },
  {
    id: 'openai-responses.tool_choice.allowed-tools-declared',
    // An `allowed_tools` entry naming no declared tool of its type is refused like a named choice: "400 Tool choice
    // 'web_search' not found in 'tools' parameter." for `{type: "function", name: "web_search"}` beside a built-in
    // web_search tool (live API, github.com/vercel/ai/issues/18997). Only function and custom entries are checked here.
    source: 'github.com/vercel/ai/issues/18997 (allowed_tools entry must match a declared tool)',
    param: 'tool_choice',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.tool_choice) || body.tool_choice.type !== 'allowed_tools') return undefined;
      const entries = Array.isArray(body.tool_choice.tools) ? body.tool_choice.tools : [];
      for (const entry of entries) {
        if (!isRecord(entry) || (entry.type !== 'function' && entry.type !== 'custom')) continue;
        const declared = toolsOf(body).some((tool) => isRecord(tool) && tool.type === entry.type && tool.name === entry.name);
        if (!declared) return `Tool choice '${String(entry.name)}' not found in 'tools' parameter.`;
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.tools.parameters-object',
    // Every function, strict or not: see openai-family/function-parameters.ts.
    source: 'github.com/caozhiyuan/copilot-api/pull/131; github.com/ComposioHQ/composio/issues/1829',
    param: 'tools',
    code: 'invalid_function_parameters',
    check: ({ body }) => {
      for (const tool of toolsOf(body)) {
        if (!isRecord(tool) || tool.type !== 'function') continue;
        const problem = functionParametersProblem(tool.parameters, String(tool.name));
        if (problem) return problem;
      }
      return undefined;
    },
  },
  {
    id: 'openai-responses.tools.strict-schema',
    // platform.openai.com/docs/guides/function-calling (strict mode follows the Structured Outputs subset).
    source: 'platform.openai.com/docs/guides/function-calling (strict mode); see openai-family/strict-schema.ts',
    param: 'tools',
    code: 'invalid_function_parameters',
    check: ({ body }) => {
      for (const tool of toolsOf(body)) {
        if (!isRecord(tool) || tool.type !== 'function' || tool.strict !== true) continue;
        const problem = strictSchemaViolation(tool.parameters, `function '${String(tool.name)}'`);
        if (problem) return problem;
      }
      return undefined;
    },
  },
];
