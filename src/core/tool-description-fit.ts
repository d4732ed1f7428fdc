import type { ChatRequest } from '../interlingua/request.js';
import type { ToolDefinition } from '../interlingua/tool.js';
import type { Warning } from '../interlingua/warning.js';

/**
 * Tool descriptions an upstream takes only up to a length. OpenAI's Chat Completions refuses a longer
 * one ("Invalid 'tools[13].function.description': string too long. Expected a string with maximum
 * length 1024, but got a string with length 1103 instead.", code `string_above_max_length`,
 * https://github.com/getsentry/sentry-mcp/issues/106; Azure OpenAI the same,
 * https://github.com/dnakov/anon-kode/issues/45), while Claude Code, MCP servers and other agents
 * write descriptions of several thousand characters for Anthropic and Gemini, which take them.
 *
 * Nothing of a long description is lost: the tool keeps its beginning, which says where the rest
 * is, and the system prompt gains a section with each such description whole, so the model reads
 * what the caller wrote. Lengths are counted in UTF-16 code units, never fewer than the characters
 * the upstream counts.
 */
export function fitToolDescriptions(request: ChatRequest, limit: number, warnings: Warning[]): ChatRequest {
  const tools = request.tools;
  if (tools === undefined || !tools.some((tool) => isTooLong(tool, limit))) return request;
  const moved: ToolDefinition[] = [];
  const fitted = tools.map((tool) => {
    if (!isTooLong(tool, limit)) return tool;
    moved.push(tool);
    warnings.push({
      type: 'compatibility',
      feature: 'tools.description',
      tool: tool.name,
      message: `This upstream takes tool descriptions of at most ${limit} characters; the tool's description was shortened and given whole in the system prompt.`,
    });
    return { ...tool, description: shortened(tool, limit) };
  });
  return { ...request, tools: fitted, system: [...request.system, { type: 'text', text: wholeDescriptions(moved) }] };
}

function isTooLong(tool: ToolDefinition, limit: number): tool is ToolDefinition & { description: string } {
  return tool.description !== undefined && tool.description.length > limit;
}

/** The heading the system prompt's section of whole descriptions begins with. */
export const wholeDescriptionsHeading = 'Full descriptions of tools whose descriptions were too long to send with them:';

function wholeDescriptions(tools: readonly ToolDefinition[]): string {
  return [wholeDescriptionsHeading, ...tools.map((tool) => `## ${tool.name}\n\n${tool.description ?? ''}`)].join('\n\n');
}

/** The description's beginning, cut at a word where one is near, and where to read on; within `limit`. */
function shortened(tool: ToolDefinition & { description: string }, limit: number): string {
  const pointer = ` … (continued in the system prompt under "## ${tool.name}")`;
  const room = Math.max(0, limit - pointer.length);
  const text = tool.description;
  let cut = room;
  for (let at = room; at > room / 2; at--) {
    const code = text.charCodeAt(at);
    if (code === 0x20 || code === 0x0a) {
      cut = at;
      break;
    }
  }
  // Never half of a surrogate pair.
  const before = text.charCodeAt(cut - 1);
  if (before >= 0xd800 && before <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}${pointer}`.slice(0, limit);
}
