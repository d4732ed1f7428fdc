import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpPluginConfig } from '../config/plugin-config.js';
import type { PluginTool, ToolOutcome } from './plugin-tool.js';
import { maxResultBytes, maxResultCharacters } from './http-tool.js';
import { McpAnswerTooLarge, boundedMcpFetch, withinMcpCall } from './mcp-bounded-fetch.js';
import { listAllTools } from './mcp-tool-pages.js';

const clientInfo = { name: 'interlingua', version: '0.1.0' };

/**
 * The most of one message read from an MCP server: the bound of an HTTP plugin's answer, so a
 * server answering with gigabytes costs the gateway no more than an HTTP endpoint doing so.
 */
export const maxMcpMessageBytes = maxResultBytes;

/**
 * The MCP SDK with its schema validators (some 230 modules, 25 MB), loaded with the first
 * connection: only `type: mcp` plugins use it, and a gateway configured with one loads it at
 * start (src/gateway/configured-packages.ts).
 */
export async function loadMcpSdk() {
  const [{ Client }, { StdioClientTransport, getDefaultEnvironment }, { StreamableHTTPClientTransport }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/stdio.js'),
    import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
  ]);
  return { Client, StdioClientTransport, getDefaultEnvironment, StreamableHTTPClientTransport };
}

/**
 * One MCP server, through the official SDK's `Client`: started (stdio) or reached (streamable
 * HTTP) when a model first needs its tools, kept open for later calls, and opened again after
 * it went away. Its tool list is read once per connection, every page of it.
 * Reference: https://modelcontextprotocol.io/specification/2025-06-18/server/tools
 */
export class McpConnection {
  private connecting: Promise<{ client: Client; tools: PluginTool[] }> | undefined;

  constructor(private readonly config: McpPluginConfig) {}

  async tools(): Promise<PluginTool[]> {
    return (await this.connection()).tools;
  }

  async close(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = undefined;
    if (connecting === undefined) return;
    try {
      await (await connecting).client.close();
    } catch {
      // It never connected, or is gone already.
    }
  }

  /**
   * The open connection, or a new one. A connection that fails or closes forgets itself only if
   * it is still the current one: an older client closing late must not drop a newer, healthy one
   * (whose child process would then run on, unclosed, beside the next).
   */
  private connection(): Promise<{ client: Client; tools: PluginTool[] }> {
    if (this.connecting !== undefined) return this.connecting;
    const forget = () => {
      if (this.connecting === connecting) this.connecting = undefined;
    };
    const connecting = this.connect(forget).catch((error: unknown) => {
      forget();
      throw error;
    });
    this.connecting = connecting;
    return connecting;
  }

  private async connect(onClose: () => void): Promise<{ client: Client; tools: PluginTool[] }> {
    const server = this.config.server;
    const { Client, StdioClientTransport, getDefaultEnvironment, StreamableHTTPClientTransport } = await loadMcpSdk();
    const transport =
      server.kind === 'stdio'
        ? new StdioClientTransport({
            command: server.command,
            args: server.args,
            env: { ...getDefaultEnvironment(), ...server.env },
            // The SDK's bound on an unfinished line (default 10 MB); past it, it closes the connection.
            maxBufferSize: maxMcpMessageBytes,
            ...(server.cwd !== undefined ? { cwd: server.cwd } : {}),
          })
        : new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers }, fetch: boundedMcpFetch(maxMcpMessageBytes) });
    const client = new Client(clientInfo);
    client.onclose = onClose;
    // The SDK closes the client itself when `initialize` fails.
    await client.connect(transport);
    try {
      return { client, tools: await this.toolsOf(client) };
    } catch (error) {
      // A failed tool list (an error answer, a malformed one, a timeout) must not leave the
      // server's process running: the next request would start another beside it.
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  private async toolsOf(client: Client): Promise<PluginTool[]> {
    const listed = await listAllTools(client, this.config.name);
    const wanted = this.config.tools;
    const missing = wanted?.filter((name) => !listed.some((tool) => tool.name === name)) ?? [];
    if (missing.length > 0) {
      throw new Error(`the MCP server of plugin "${this.config.name}" has no tool ${missing.map((name) => `"${name}"`).join(', ')}`);
    }
    return listed
      .filter((tool) => wanted === undefined || wanted.includes(tool.name))
      .map((tool): PluginTool => ({
        definition: { name: tool.name, ...(tool.description !== undefined ? { description: tool.description } : {}), parameters: tool.inputSchema },
        settings: this.config,
        execute: (args, signal) => this.call(client, tool.name, args, signal),
      }));
  }

  private async call(client: Client, name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolOutcome> {
    // Ended with its refusal when an answer is too large: the SDK then sends `notifications/cancelled`.
    const refused = new AbortController();
    const callSignal = AbortSignal.any([signal, refused.signal]);
    // Stops any download still running for this call once the gateway is done with it. Kept apart
    // from `callSignal`: the SDK's listener on that one would cancel a call that already finished.
    const over = new AbortController();
    const scope = { signal: AbortSignal.any([callSignal, over.signal]), fail: (error: Error) => refused.abort(error) };
    let result: Awaited<ReturnType<Client['callTool']>>;
    try {
      // The gateway's own time limit governs (the signal); the SDK's 60 s default must not cut in first.
      result = await withinMcpCall(scope, () => client.callTool({ name, arguments: args }, undefined, { signal: callSignal, timeout: this.config.timeoutMs }));
    } catch (error) {
      // The SDK wraps an abort's reason in a timeout error; the model is told what happened.
      if (refused.signal.reason instanceof McpAnswerTooLarge) throw refused.signal.reason;
      throw error;
    } finally {
      over.abort();
    }
    const parts = Array.isArray(result.content) ? (result.content as Array<Record<string, unknown>>) : [];
    const texts = parts.map(describePart);
    if (texts.length === 0 && result.structuredContent !== undefined) texts.push(JSON.stringify(result.structuredContent));
    const text = texts.join('\n');
    return { text: text.length > maxResultCharacters ? `${text.slice(0, maxResultCharacters)}\n[cut]` : text, isError: result.isError === true };
  }
}

/** Text as it is; other content (images, audio, resources) named, since tool results here are text. */
function describePart(part: Record<string, unknown>): string {
  switch (part['type']) {
    case 'text':
      return String(part['text']);
    case 'resource': {
      const resource = (part['resource'] ?? {}) as Record<string, unknown>;
      return typeof resource['text'] === 'string' ? resource['text'] : `[resource ${String(resource['uri'])}]`;
    }
    case 'resource_link':
      return `[resource ${String(part['uri'])}]`;
    default:
      return `[${String(part['type'])} ${String(part['mimeType'] ?? '')}]`.replace(' ]', ']');
  }
}
