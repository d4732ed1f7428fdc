/**
 * A stdio MCP server that answers `tools/list` as the test asks, and appends its pid to a file so
 * the test can tell which of its processes still run. JSON-RPC by hand, not the SDK's server: the
 * SDK would not answer `tools/list` with an error.
 * Usage: node scripted-mcp-server.js <pid file> <healthy | failing-list | three-pages | endless-pages>
 * Reference: https://modelcontextprotocol.io/specification/2025-06-18/server/tools#listing-tools,
 * https://modelcontextprotocol.io/specification/2025-06-18/server/utilities/pagination
 */
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [pidFile, mode] = process.argv.slice(2);
if (pidFile === undefined) throw new Error('usage: scripted-mcp-server.js <pid file> <mode>');
appendFileSync(pidFile, `${process.pid}\n`);

interface Incoming {
  id?: number | string;
  method: string;
  params?: { protocolVersion?: string; cursor?: string };
}

const tool = (name: string) => ({ name, inputSchema: { type: 'object', properties: {} } });

/** `three-pages`: one tool a page, the cursor naming the next page. `endless-pages`: always one more. */
function toolsList(cursor: string | undefined): object {
  switch (mode) {
    case 'failing-list':
      return { error: { code: -32603, message: 'the tool list is not ready' } };
    case 'three-pages': {
      const page = cursor === undefined ? 1 : Number(cursor.replace('page-', ''));
      return { result: { tools: [tool(`page_${page}_tool`)], ...(page < 3 ? { nextCursor: `page-${page + 1}` } : {}) } };
    }
    case 'endless-pages':
      return { result: { tools: [tool(`tool_${cursor ?? 'first'}`)], nextCursor: 'more' } };
    default:
      return { result: { tools: [tool('echo')] } };
  }
}

// The process ends when its stdin does, as an MCP stdio server should once the client closes it.
createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line) as Incoming;
  if (message.id === undefined) return;
  const answer = (body: object) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: message.id, ...body })}\n`);
  if (message.method === 'initialize') {
    return answer({ result: { protocolVersion: message.params?.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'scripted', version: '1' } } });
  }
  if (message.method === 'tools/list') return answer(toolsList(message.params?.cursor));
  if (message.method === 'tools/call') return answer({ result: { content: [{ type: 'text', text: 'ok' }] } });
  answer({ result: {} });
});
