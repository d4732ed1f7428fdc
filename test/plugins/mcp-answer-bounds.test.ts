/**
 * An MCP server over streamable HTTP that answers a tool call with more than the gateway reads,
 * or never finishes its answer: the call fails with a clear error, and the download stops (the
 * server sees its response closed) rather than running on until the server is done.
 * A POST is answered with `application/json` or `text/event-stream` (MCP 2025-06-18,
 * https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#sending-messages-to-the-server);
 * an SSE event is `data:` lines ended by an empty line
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { McpConnection, maxMcpMessageBytes } from '../../src/plugins/mcp-connection.js';
import type { McpPluginConfig } from '../../src/config/plugin-config.js';

type CallAnswer = 'huge-json' | 'huge-event' | 'endless-events';

/** What the server wrote for the tool call, and whether its response was closed under it. */
interface Download {
  sent: number;
  closed: Promise<void>;
}

/** A minimal MCP server: `initialize` and `tools/list` answered in JSON, `tools/call` as `answer` says. */
async function fakeMcpServer(answer: CallAnswer): Promise<{ server: Server; downloads: Download[]; port: number }> {
  const downloads: Download[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.method !== 'POST') return void response.writeHead(405).end();
      const message = JSON.parse(body) as { id?: number; method: string; params?: { protocolVersion?: string } };
      if (message.id === undefined) return void response.writeHead(202).end();
      const send = (result: unknown) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
      };
      if (message.method === 'initialize') return send({ protocolVersion: message.params?.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'huge', version: '1' } });
      if (message.method === 'tools/list') return send({ tools: [{ name: 'big', inputSchema: { type: 'object', properties: {} } }] });
      if (message.method !== 'tools/call') return send({});
      const download: Download = { sent: 0, closed: once(response, 'close').then(() => undefined) };
      downloads.push(download);
      pump(response, answer, message.id, download);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return { server, downloads, port };
}

/** Writes the tool call's answer: 1 MiB pieces of one text (up to 256 MiB), or a small event every few milliseconds. */
function pump(response: ServerResponse, answer: CallAnswer, id: number, download: Download): void {
  const piece = Buffer.alloc(1 << 20, 'a');
  if (answer === 'endless-events') {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const timer = setInterval(() => {
      const event = `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'x'.repeat(1000) } })}\n\n`;
      response.write(event);
      download.sent += event.length;
    }, 5);
    response.on('close', () => clearInterval(timer));
    return;
  }
  const json = answer === 'huge-json';
  response.writeHead(200, { 'content-type': json ? 'application/json' : 'text/event-stream' });
  response.write(`${json ? '' : 'data: '}{"jsonrpc":"2.0","id":${id},"result":{"content":[{"type":"text","text":"`);
  const write = (): void => {
    while (download.sent < 256 << 20 && !response.destroyed) {
      download.sent += piece.length;
      if (!response.write(piece)) return void response.once('drain', write);
    }
    response.end(`"}]}}${json ? '' : '\n\n'}`);
  };
  write();
}

function plugin(port: number): McpPluginConfig {
  return { type: 'mcp', name: 'huge', server: { kind: 'http', url: `http://127.0.0.1:${port}/mcp`, headers: {} }, timeoutMs: 30_000, concurrency: 4, async: false };
}

/** Resolves when `closed` does, or rejects after `milliseconds`. */
function within<T>(closed: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} not within ${milliseconds} ms`)), milliseconds)));
  return Promise.race([closed, late]).finally(() => clearTimeout(timer));
}

for (const answer of ['huge-json', 'huge-event'] as const) {
  test(`an MCP answer over the bound (${answer}) fails the call and is not read on`, async () => {
    const { server, downloads, port } = await fakeMcpServer(answer);
    const connection = new McpConnection(plugin(port));
    try {
      const [tool] = await connection.tools();
      assert.ok(tool);
      await assert.rejects(tool.execute({}, new AbortController().signal), (error: Error) => {
        assert.match(error.message, new RegExp(`answer is over ${maxMcpMessageBytes} bytes`));
        return true;
      });
      const download = downloads[0];
      assert.ok(download);
      await within(download.closed, 2000, 'the server\'s response closed');
      const sent = download.sent;
      // What the kernel's socket buffers took besides what the gateway read, a few MiB at most.
      assert.ok(sent < 16 << 20, `the server wrote ${sent} bytes before the gateway stopped reading`);
    } finally {
      await connection.close();
      server.closeAllConnections();
      server.close();
    }
  });
}

test('a call aborted while its answer streams stops the download', async () => {
  const { server, downloads, port } = await fakeMcpServer('endless-events');
  const connection = new McpConnection(plugin(port));
  try {
    const [tool] = await connection.tools();
    assert.ok(tool);
    const caller = new AbortController();
    const call = tool.execute({}, caller.signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    caller.abort(new Error('the caller left'));
    await assert.rejects(call);
    const download = downloads[0];
    assert.ok(download);
    await within(download.closed, 2000, 'the server\'s response closed after the abort');
    const sent = download.sent;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(download.sent, sent, 'nothing more is written once the response closed');
  } finally {
    await connection.close();
    server.closeAllConnections();
    server.close();
  }
});
