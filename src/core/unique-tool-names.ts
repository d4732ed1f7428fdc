import type { ChatRequest } from '../interlingua/request.js';
import type { ToolDefinition } from '../interlingua/tool.js';
import type { Warning } from '../interlingua/warning.js';

/**
 * One declaration per tool name, for upstreams that refuse a name declared twice: Anthropic
 * ("tools: Tool names must be unique.", https://github.com/danny-avila/LibreChat/issues/13162) and
 * Gemini ("Duplicate function declaration found: …", https://github.com/googleapis/dotnet-genai/issues/189),
 * while OpenAI-compatible upstreams take them. Two MCP servers offering a tool of the same name, or
 * a client that registers one tool twice, would otherwise have the whole request refused. The first
 * declaration of a name goes; a later one that is the same loses nothing, one that differs is
 * named in an `unsupported` warning.
 */
export function withUniqueToolNames(request: ChatRequest, warnings: Warning[]): ChatRequest {
  const tools = request.tools;
  if (tools === undefined || tools.length < 2) return request;
  const first = new Map<string, ToolDefinition>();
  const kept: ToolDefinition[] = [];
  const differing = new Set<string>();
  const repeated = new Set<string>();
  // Each declaration's parameters are written out once: the first of a name is compared with every
  // later one, and a large schema written out again for each would cost its size times the repeats.
  const written = new Map<ToolDefinition, string>();
  const parametersOf = (tool: ToolDefinition): string => {
    let text = written.get(tool);
    if (text === undefined) written.set(tool, (text = JSON.stringify(tool.parameters) ?? ''));
    return text;
  };
  for (const tool of tools) {
    const earlier = first.get(tool.name);
    if (earlier === undefined) {
      first.set(tool.name, tool);
      kept.push(tool);
    } else if (earlier.description === tool.description && earlier.strict === tool.strict && parametersOf(earlier) === parametersOf(tool)) repeated.add(tool.name);
    else differing.add(tool.name);
  }
  if (kept.length === tools.length) return request;
  const listed = (names: Set<string>) => [...names].join(', ');
  if (differing.size > 0) {
    warnings.push({
      type: 'unsupported',
      feature: 'tools.duplicate',
      message: `This upstream refuses a tool name declared twice; for ${listed(differing)} the first declaration was sent and the later, different ones were left out.`,
    });
  }
  const sameOnly = [...repeated].filter((name) => !differing.has(name));
  if (sameOnly.length > 0) {
    warnings.push({
      type: 'compatibility',
      feature: 'tools.duplicate',
      message: `This upstream refuses a tool name declared twice; ${sameOnly.join(', ')}, declared more than once the same way, was sent once.`,
    });
  }
  return { ...request, tools: kept };
}
