/**
 * Tool search on the clouds. Claude on Bedrock (InvokeModel only) and on Vertex AI serves it behind
 * the beta `tool-search-tool-2025-10-19`, not Anthropic's `advanced-tool-use-2025-11-20`
 * (platform.claude.com/docs/en/agents-and-tools/tool-use/tool-search-tool, the table of beta headers
 * by provider). A deferred tool sent without it is refused as a field the tool does not have:
 * "tools.0.custom.defer_loading: Extra inputs are not permitted" (github.com/anthropics/claude-code/issues/31033).
 */
import { type JudgedRequest } from '../rule.js';

export const toolSearchSource = 'platform.claude.com/docs/en/agents-and-tools/tool-use/tool-search-tool; github.com/anthropics/claude-code/issues/31033';

export const cloudToolSearchBeta = 'tool-search-tool-2025-10-19';

/** The refusal of a tool with `defer_loading` sent without the cloud's tool search beta among `betas`, or undefined. */
export function deferredToolWithoutBeta(request: JudgedRequest, betas: readonly string[]): string | undefined {
  if (betas.includes(cloudToolSearchBeta)) return undefined;
  const body = request.body;
  const tools = body !== null && typeof body === 'object' && !Array.isArray(body) && Array.isArray((body as Record<string, unknown>)['tools']) ? ((body as Record<string, unknown>)['tools'] as unknown[]) : [];
  const index = tools.findIndex((tool) => tool !== null && typeof tool === 'object' && (tool as Record<string, unknown>)['defer_loading'] !== undefined);
  return index === -1 ? undefined : `tools.${index}.custom.defer_loading: Extra inputs are not permitted`;
}
