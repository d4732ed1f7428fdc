/**
 * Anthropic's server tools on Claude on Vertex AI. Vertex serves only some of them, and web search
 * only behind a beta Anthropic's own API does not ask for: "Enable web search by providing a new
 * Anthropic tool definition (web_search) in the API request, and sending the request with a beta
 * header: "anthropic-beta": "web-search-2025-03-05""
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/web-search). Without
 * it, and for a tool type Vertex does not know, the whole request is refused: "tools.0: Input tag
 * 'web_search_20250305' found using 'type' does not match any of the expected tags: 'bash_20250124',
 * 'custom', 'text_editor_20250124', 'text_editor_20250429', 'text_editor_20250728'"
 * (github.com/ax-llm/ax/pull/457; github.com/danny-avila/LibreChat/pull/9798). Web fetch and code
 * execution are among no tags Vertex lists: not in that refusal, and not among the tools the
 * Vercel AI SDK keeps for Vertex, "a subset of the full Anthropic tools - only these are recognized
 * by the Vertex API" (bash, text editor, computer use, web search, tool search: vercel/ai
 * packages/google-vertex/src/anthropic/google-vertex-anthropic-provider.ts). So those are left
 * out, with a warning, and web search brings its beta.
 */
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { anthropicFields, dialectName, isPlainObject, serverToolsKey } from './vendor-data.js';

/** The beta web search needs on Vertex. */
export const vertexWebSearchBeta = 'web-search-2025-03-05';

/** Server tool types (by their name before the date) Vertex does not serve. */
const notServedOnVertex = ['web_fetch_', 'code_execution_'];

export interface VertexServerTools {
  /** The request with only the server tools Vertex serves. */
  request: ChatRequest;
  /** Betas those tools need on Vertex. */
  betas: string[];
  warnings: Warning[];
}

function toolType(tool: unknown): string {
  return isPlainObject(tool) && typeof tool['type'] === 'string' ? tool['type'] : '';
}

/** Leaves out the server tools Vertex does not serve and names the betas of those it does. */
export function vertexServerTools(request: ChatRequest): VertexServerTools {
  const fields = anthropicFields(request.vendor);
  const serverTools: unknown[] = Array.isArray(fields[serverToolsKey]) ? fields[serverToolsKey] : [];
  const kept = serverTools.filter((tool) => !notServedOnVertex.some((prefix) => toolType(tool).startsWith(prefix)));
  const warnings: Warning[] = serverTools
    .filter((tool) => !kept.includes(tool))
    .map((tool) => ({ type: 'unsupported', feature: `tools.${toolType(tool)}`, message: `Claude on Vertex AI does not serve the server tool ${toolType(tool)}; it was left out.` }));
  const betas = kept.some((tool) => toolType(tool).startsWith('web_search_')) ? [vertexWebSearchBeta] : [];
  if (kept.length === serverTools.length) return { request, betas, warnings };
  const { [serverToolsKey]: _all, ...rest } = fields;
  const vendorFields = kept.length === 0 ? rest : { ...rest, [serverToolsKey]: kept };
  return { request: { ...request, vendor: { ...request.vendor, [dialectName]: vendorFields } }, betas, warnings };
}
