import { isRecord } from '../rule.js';
import { pythonTuple } from './strict-schema.js';

/**
 * What OpenAI refuses in a function's `parameters`, strict or not (Chat Completions and Responses):
 * an object schema without `properties`, as MCP servers and Anthropic callers describe a tool without
 * arguments ("Invalid schema for function 'some_tool': In context=(), object schema missing properties.",
 * param tools[0].function.parameters, code invalid_function_parameters: github.com/langchain-ai/langchain-mcp-adapters/issues/137;
 * gpt-5.4 on both APIs: github.com/caozhiyuan/copilot-api/pull/131), and an empty schema ("Invalid schema for
 * function 'GMAIL_CREATE_EMAIL_DRAFT': schema must be a JSON Schema of 'type: \"object\"', got 'type: \"None\"'.",
 * param tools[0].parameters: github.com/ComposioHQ/composio/issues/1829); and an array without `items` anywhere
 * ("Invalid schema for function 'filesystem_read_multiple_files': In context=('properties', 'paths'), array schema
 * missing items.": github.com/sigoden/aichat/pull/1049; gpt-4o: github.com/mark3labs/mcphost/issues/35).
 */
export function functionParametersProblem(parameters: unknown, name: string): string | undefined {
  if (!isRecord(parameters)) return undefined;
  // A root that is no object: none at all ("got 'type: \"None\"'", a `z.union` of objects written as a top-level
  // `anyOf`: github.com/kernl-sdk/kernl/issues/62; gpt-4o-mini: github.com/i-am-bee/beeai-framework/issues/738),
  // or another type, named in the same words.
  const type = parameters.type;
  if (type !== 'object') return `Invalid schema for function '${name}': schema must be a JSON Schema of 'type: "object"', got 'type: "${typeof type === 'string' ? type : 'None'}"'.`;
  // Beside `type: "object"`: "Invalid schema for function 'automation_update': schema must have type 'object' and not have
  // 'oneOf'/'anyOf'/'allOf'/'enum'/'const'/'not' at the top level" (gpt-4o and gpt-5.6 on Chat Completions:
  // github.com/BerriAI/litellm/pull/38839; Azure: github.com/BerriAI/litellm/pull/38870).
  if (['oneOf', 'anyOf', 'allOf', 'enum', 'const', 'not'].some((keyword) => parameters[keyword] !== undefined)) {
    return `Invalid schema for function '${name}': schema must have type 'object' and not have 'oneOf'/'anyOf'/'allOf'/'enum'/'const'/'not' at the top level`;
  }
  if (parameters.type === 'object' && parameters.properties === undefined) return `Invalid schema for function '${name}': In context=(), object schema missing properties.`;
  const arrayAt = arrayWithoutItems(parameters, []);
  return arrayAt === undefined ? undefined : `Invalid schema for function '${name}': In context=${pythonTuple(arrayAt)}, array schema missing items.`;
}

/** The context of the first array node without `items`, through properties, items and combinators. */
function arrayWithoutItems(schema: unknown, context: string[]): string[] | undefined {
  if (!isRecord(schema)) return undefined;
  const isArray = schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'));
  if (isArray && schema.items === undefined) return context;
  if (isRecord(schema.properties)) {
    for (const [key, value] of Object.entries(schema.properties)) {
      const found = arrayWithoutItems(value, [...context, 'properties', key]);
      if (found) return found;
    }
  }
  if (schema.items !== undefined) {
    const found = arrayWithoutItems(schema.items, [...context, 'items']);
    if (found) return found;
  }
  for (const keyword of ['anyOf', 'allOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    for (const [index, branch] of branches.entries()) {
      const found = arrayWithoutItems(branch, [...context, keyword, String(index)]);
      if (found) return found;
    }
  }
  return undefined;
}
