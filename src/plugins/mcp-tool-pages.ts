import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

/**
 * The most `tools/list` pages read from one server. A server whose cursor never runs out (one that
 * hands back the same cursor, say) is then refused with a reason rather than read forever.
 */
export const maxToolListPages = 100;

export type ListedTool = Awaited<ReturnType<Client['listTools']>>['tools'][number];

/**
 * Every tool an MCP server lists. `tools/list` is paginated: a page with a `nextCursor` has more
 * after it, asked for with that cursor, and the list ends with the page that has none. Reading the
 * first page alone would leave the rest out without a word.
 * Reference: https://modelcontextprotocol.io/specification/2025-06-18/server/utilities/pagination
 */
export async function listAllTools(client: Client, pluginName: string, maxPages = maxToolListPages): Promise<ListedTool[]> {
  const tools: ListedTool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const listed = await client.listTools(cursor === undefined ? undefined : { cursor });
    tools.push(...listed.tools);
    cursor = listed.nextCursor;
    if (cursor === undefined) return tools;
  }
  throw new Error(`the MCP server of plugin "${pluginName}" lists its tools in more than ${maxPages} pages`);
}
