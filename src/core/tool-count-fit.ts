import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import { allowedNames } from './allowed-tools.js';

/**
 * At most `limit` tools, for an upstream that refuses more: OpenAI's Chat Completions answers
 * "Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with
 * length 325 instead." (https://github.com/vishalmysore/Tools4AI/issues/16), and a coding agent
 * with several MCP servers declares that many. Rather than the whole request refused, the first
 * tools go, the one a tool choice names among them, and the rest are named in a warning.
 */
export function fitToolCount(request: ChatRequest, limit: number, warnings: Warning[]): ChatRequest {
  const tools = request.tools;
  if (tools === undefined || tools.length <= limit) return request;
  // The tool a choice names, or the tools it allows, go first.
  const choice = request.toolChoice;
  const named = choice?.type === 'tool' ? [choice.name] : (allowedNames(choice) ?? []);
  const chosen = tools.filter((tool) => named.includes(tool.name)).slice(0, limit);
  const kept = [...chosen, ...tools.filter((tool) => !chosen.includes(tool)).slice(0, limit - chosen.length)];
  const keptSet = new Set(kept);
  const leftOut = tools.filter((tool) => !keptSet.has(tool));
  warnings.push({
    type: 'unsupported',
    feature: 'tools.count',
    message: `This upstream takes at most ${limit} tools; ${leftOut.length} were left out: ${leftOut.map((tool) => tool.name).join(', ')}.`,
  });
  // Kept in the caller's order: the prompt the model reads is the one it declared.
  return { ...request, tools: tools.filter((tool) => keptSet.has(tool)) };
}
