import { isRecord } from '../rule.js';
import type { OpenAIRule } from '../openai-family/openai-rule.js';
import { strictSchemaViolation } from '../openai-family/strict-schema.js';
import { functionParametersProblem } from '../openai-family/function-parameters.js';
import { responseSchemaRootProblem } from '../openai-family/response-schema-root.js';
import { strictFormatKeywordProblem, strictToolKeywordProblem } from './strict-keywords.js';

/** Chat Completions rules on `tools`, `tool_choice`, `parallel_tool_calls` and the names of functions. */

/**
 * openai-node resources/shared FunctionDefinition.name: "Must be a-z, A-Z, 0-9, or contain underscores
 * and dashes, with a maximum length of 64." The 400 quotes the pattern without the length.
 */
const functionNamePattern = /^[a-zA-Z0-9_-]+$/;
const maxFunctionNameLength = 64;
const maxTools = 128;

function toolsOf(body: unknown): unknown[] | undefined {
  return isRecord(body) && Array.isArray(body.tools) ? body.tools : undefined;
}

function hasTools(body: unknown): boolean {
  return (toolsOf(body)?.length ?? 0) > 0;
}

function declaredNames(body: unknown): string[] {
  return (toolsOf(body) ?? []).flatMap((tool) => {
    if (!isRecord(tool)) return [];
    if (isRecord(tool.function) && typeof tool.function.name === 'string') return [tool.function.name];
    if (isRecord(tool.custom) && typeof tool.custom.name === 'string') return [tool.custom.name];
    return [];
  });
}

/** The message for a function name OpenAI refuses at `path`, or undefined. */
function badName(name: unknown, path: string): string | undefined {
  if (typeof name !== 'string') return `Missing required parameter: '${path}'.`;
  if (!functionNamePattern.test(name)) return `Invalid '${path}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`;
  if (name.length > maxFunctionNameLength) return `Invalid '${path}': string too long. Expected a string with maximum length ${maxFunctionNameLength}, but got a string with length ${name.length} instead.`;
  return undefined;
}

export const toolRules: OpenAIRule[] = [
  {
    id: 'openai-chat.tools.max-count',
    // A real 400 (github.com/vishalmysore/Tools4AI/issues/16): "Invalid 'tools': array too long. Expected an
    // array with maximum length 128, but got an array with length 325 instead." (code array_above_max_length).
    source: 'github.com/vishalmysore/Tools4AI/issues/16 (at most 128 tools)',
    param: 'tools',
    code: 'array_above_max_length',
    check: ({ body }) => {
      const tools = toolsOf(body);
      return tools !== undefined && tools.length > maxTools
        ? `Invalid 'tools': array too long. Expected an array with maximum length ${maxTools}, but got an array with length ${tools.length} instead.`
        : undefined;
    },
  },
  {
    id: 'openai-chat.tools.function-name',
    // Real 400s (github.com/run-llama/llama_index/issues/16093, param tools[0].function.name, code invalid_value):
    // "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the
    // pattern '^[a-zA-Z0-9_-]+$'."; maximum length 64 from openai-node FunctionDefinition.name.
    source: 'github.com/run-llama/llama_index/issues/16093; openai-node shared.d.ts FunctionDefinition.name (max length 64)',
    code: 'invalid_value',
    check: ({ body }) => {
      for (const [index, tool] of (toolsOf(body) ?? []).entries()) {
        if (!isRecord(tool)) continue;
        if (tool.type === 'function') {
          const problem = badName(isRecord(tool.function) ? tool.function.name : undefined, `tools[${index}].function.name`);
          if (problem) return problem;
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.messages.tool-call-name',
    // A real 400 (github.com/mcp-use/mcp-use/issues/90, param messages[9].tool_calls[0].function.name,
    // code invalid_value): the same name pattern holds for the function names of replayed tool calls.
    source: 'github.com/mcp-use/mcp-use/issues/90 (tool_calls[].function.name pattern)',
    code: 'invalid_value',
    check: ({ body }) => {
      const messages = isRecord(body) && Array.isArray(body.messages) ? body.messages : [];
      for (const [index, message] of messages.entries()) {
        if (!isRecord(message) || !Array.isArray(message.tool_calls)) continue;
        for (const [callIndex, call] of message.tool_calls.entries()) {
          if (!isRecord(call) || call.type === 'custom') continue;
          const problem = badName(isRecord(call.function) ? call.function.name : undefined, `messages[${index}].tool_calls[${callIndex}].function.name`);
          if (problem) return problem;
        }
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.tool_choice.requires-tools',
    // Real 400 (github.com/dotnet/extensions/pull/6276, param tool_choice): "Invalid value for 'tool_choice':
    // 'tool_choice' is only allowed when 'tools' are specified." Also for "none": vLLM's table checked
    // against the real API (github.com/vllm-project/vllm/pull/40311).
    source: 'github.com/dotnet/extensions/pull/6276; github.com/vllm-project/vllm/pull/40311 (tool_choice without tools)',
    param: 'tool_choice',
    check: ({ body }) =>
      isRecord(body) && body.tool_choice !== undefined && body.tool_choice !== null && !hasTools(body)
        ? "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified."
        : undefined,
  },
  {
    id: 'openai-chat.tool_choice.names-declared-function',
    // OpenAI's 400 for a named tool_choice matching no tool: "Tool choice 'function' not found in 'tools'
    // parameter." (quoted from the real API in maximhq bifrost and raine/claude-code-proxy#10; vLLM mirrors it).
    source: 'github.com/raine/claude-code-proxy/issues/10; github.com/vllm-project/vllm/pull/40311 (named tool_choice must match a tool)',
    param: 'tool_choice',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.tool_choice) || !hasTools(body)) return undefined;
      const choice = body.tool_choice;
      const named = isRecord(choice.function) ? choice.function.name : isRecord(choice.custom) ? choice.custom.name : undefined;
      if (named === undefined) return undefined;
      return declaredNames(body).includes(String(named)) ? undefined : "Tool choice 'function' not found in 'tools' parameter.";
    },
  },
  {
    id: 'openai-chat.tool_choice.allowed-tools-declared',
    // Each function of an `allowed_tools` choice must be a declared function, as a named choice must be (the rule
    // above); the Responses API answers "Tool choice 'web_search' not found in 'tools' parameter." for an allowed
    // entry matching no tool (live API, github.com/vercel/ai/issues/18997).
    source: 'github.com/raine/claude-code-proxy/issues/10; github.com/vercel/ai/issues/18997 (allowed_tools entries must match declared tools)',
    param: 'tool_choice',
    check: ({ body }) => {
      if (!isRecord(body) || !isRecord(body.tool_choice) || body.tool_choice.type !== 'allowed_tools' || !hasTools(body)) return undefined;
      const settings = body.tool_choice.allowed_tools;
      const entries = isRecord(settings) && Array.isArray(settings.tools) ? settings.tools : [];
      for (const entry of entries) {
        const named = isRecord(entry) && entry.type === 'function' && isRecord(entry.function) ? entry.function.name : undefined;
        if (named !== undefined && !declaredNames(body).includes(String(named))) return `Tool choice '${String(named)}' not found in 'tools' parameter.`;
      }
      return undefined;
    },
  },
  {
    id: 'openai-chat.parallel_tool_calls.requires-tools',
    // A real 400 (github.com/Upsonic/Upsonic/issues/323, param parallel_tool_calls): "Invalid value for
    // 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified."
    source: 'github.com/Upsonic/Upsonic/issues/323 (parallel_tool_calls without tools)',
    param: 'parallel_tool_calls',
    check: ({ body }) =>
      isRecord(body) && body.parallel_tool_calls !== undefined && body.parallel_tool_calls !== null && !hasTools(body)
        ? "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified."
        : undefined,
  },
  {
    id: 'openai-chat.tools.strict-schema',
    // platform.openai.com/docs/guides/function-calling#strict-mode: strict functions follow the
    // Structured Outputs schema subset (every property required, additionalProperties false).
    source: 'platform.openai.com/docs/guides/function-calling (strict mode); see openai-family/strict-schema.ts',
    param: 'tools',
    code: 'invalid_function_parameters',
    check: ({ body }) => {
      for (const tool of toolsOf(body) ?? []) {
        if (!isRecord(tool) || !isRecord(tool.function) || tool.function.strict !== true) continue;
        const problem = strictSchemaViolation(tool.function.parameters, `function '${String(tool.function.name)}'`);
        if (problem) return problem;
      }
      return undefined;
    },
  },
];

/** The longest function description OpenAI and Azure OpenAI take, in characters. */
const maxDescriptionLength = 1024;

/**
 * OpenAI's own limit, not a compatible vendor's (those judges share `toolRules`): real 400s
 * (github.com/getsentry/sentry-mcp/issues/106, gpt-4o; github.com/langchain-ai/open_deep_research/issues/80,
 * Azure o3-mini): "Invalid 'tools[13].function.description': string too long. Expected a string with
 * maximum length 1024, but got a string with length 1103 instead." (param tools[13].function.description,
 * code string_above_max_length). Counted in characters, as the API's Python side counts them.
 */
export const openaiToolDescriptionRule: OpenAIRule = {
  id: 'openai-chat.tools.description-length',
  source: 'github.com/getsentry/sentry-mcp/issues/106; github.com/langchain-ai/open_deep_research/issues/80 (function descriptions of at most 1024 characters)',
  code: 'string_above_max_length',
  check: ({ body }) => {
    for (const [index, tool] of (toolsOf(body) ?? []).entries()) {
      if (!isRecord(tool) || !isRecord(tool.function) || typeof tool.function.description !== 'string') continue;
      const length = [...tool.function.description].length;
      if (length > maxDescriptionLength) {
        return `Invalid 'tools[${index}].function.description': string too long. Expected a string with maximum length ${maxDescriptionLength}, but got a string with length ${length} instead.`;
      }
    }
    return undefined;
  },
};

/**
 * OpenAI's own schema checks on every function (openai-family/function-parameters.ts), not a compatible
 * vendor's, and the keywords a strict function may use (strict-keywords.ts).
 */
export const openaiFunctionParametersRule: OpenAIRule = {
  id: 'openai-chat.tools.parameters-object',
  source: 'github.com/langchain-ai/langchain-mcp-adapters/issues/137; github.com/ComposioHQ/composio/issues/1829; platform.openai.com/docs/guides/structured-outputs#supported-schemas',
  param: 'tools',
  code: 'invalid_function_parameters',
  check: ({ body }) => {
    for (const tool of toolsOf(body) ?? []) {
      if (!isRecord(tool) || !isRecord(tool.function)) continue;
      const problem = functionParametersProblem(tool.function.parameters, String(tool.function.name));
      if (problem) return problem;
    }
    return strictToolKeywordProblem(body);
  },
};

/** OpenAI's own: a response schema's root is an object (openai-family/response-schema-root.ts), and a strict one uses only the keywords strict mode takes (strict-keywords.ts). */
export const openaiResponseSchemaRootRule: OpenAIRule = {
  id: 'openai-chat.response_format.schema-root-object',
  source: 'github.com/podly-pure-podcasts/podly_pure_podcasts/pull/89; platform.openai.com/docs/guides/structured-outputs#supported-schemas',
  param: 'response_format',
  check: ({ body }) => {
    if (!isRecord(body) || !isRecord(body.response_format) || body.response_format.type !== 'json_schema' || !isRecord(body.response_format.json_schema)) return undefined;
    const spec = body.response_format.json_schema;
    return responseSchemaRootProblem(spec.schema, String(spec.name)) ?? strictFormatKeywordProblem(body);
  },
};
