import { isRecord } from '../rule.js';

/**
 * What OpenAI refuses in a function's `parameters`, strict or not (Chat Completions and Responses):
 * an object schema without `properties`, as MCP servers and Anthropic callers describe a tool without
 * arguments ("Invalid schema for function 'some_tool': In context=(), object schema missing properties.",
 * param tools[0].function.parameters, code invalid_function_parameters: github.com/langchain-ai/langchain-mcp-adapters/issues/137;
 * gpt-5.4 on both APIs: github.com/caozhiyuan/copilot-api/pull/131), and an empty schema ("Invalid schema for
 * function 'GMAIL_CREATE_EMAIL_DRAFT': schema must be a JSON Schema of 'type: \"object\"', got 'type: \"None\"'.",
 * param tools[0].parameters: github.com/ComposioHQ/composio/issues/1829).
 */
export function functionParametersProblem(parameters: unknown, name: string): string | undefined {
  if (!isRecord(parameters)) return undefined;
  if (Object.keys(parameters).length === 0) return `Invalid schema for function '${name}': schema must be a JSON Schema of 'type: "object"', got 'type: "None"'.`;
  if (parameters.type === 'object' && parameters.properties === undefined) return `Invalid schema for function '${name}': In context=(), object schema missing properties.`;
  return undefined;
}
