import type { JsonSchema } from '../../interlingua/tool.js';

/**
 * A function's parameters as OpenAI takes them, strict or not: an object schema with `properties`.
 * A tool without arguments is often described as `{"type": "object"}` alone (MCP servers; Anthropic
 * takes it), which OpenAI refuses: "Invalid schema for function 'some_tool': In context=(), object
 * schema missing properties." (https://github.com/langchain-ai/langchain-mcp-adapters/issues/137; gpt-5.4
 * over Chat and Responses: https://github.com/caozhiyuan/copilot-api/pull/131), and an empty schema as
 * "schema must be a JSON Schema of 'type: \"object\"', got 'type: \"None\"'."
 * (https://github.com/ComposioHQ/composio/issues/1829). Both mean an object of any properties, as
 * `properties: {}` does, so the schema is completed without a warning.
 */
export function openaiFunctionParameters(parameters: JsonSchema): JsonSchema {
  if (Object.keys(parameters).length === 0) return { type: 'object', properties: {} };
  if (parameters['type'] === 'object' && parameters['properties'] === undefined) return { ...parameters, properties: {} };
  return parameters;
}
