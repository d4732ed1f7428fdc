import type { PluginConfig } from '../config/plugin-config.js';
import type { Warning } from '../interlingua/warning.js';
import type { PluginTool } from './plugin-tool.js';
import { httpTool } from './http-tool.js';
import { builtinTool } from './builtin-tools.js';
import { McpConnection } from './mcp-connection.js';
import { silentLogger, type Logger } from '../gateway/logger.js';
import { callerSafeMessage, failureDetail } from '../gateway/connection-failure.js';

/** The tools of some plugins by tool name, and the plugins that could not be reached. */
export interface ToolSet {
  tools: Map<string, PluginTool>;
  warnings: Warning[];
}

/**
 * Every configured plugin, ready to hand its tools to the loop. HTTP and built-in plugins are
 * one tool each; an MCP plugin's tools come from its server, which is opened on first use.
 */
export class PluginCatalog {
  private fixed = new Map<string, PluginTool>();
  private servers = new Map<string, McpConnection>();
  /** Each plugin's definition as last configured, to tell on a reload which ones changed. */
  private definitions = new Map<string, string>();

  constructor(
    plugins: Map<string, PluginConfig>,
    private readonly logger: Logger = silentLogger,
  ) {
    void this.reload(plugins);
  }

  /**
   * Takes a reloaded `plugins:` map. An MCP server whose definition is unchanged keeps its
   * connection; one that changed is opened anew (on first use) and the old connection closed,
   * as is a removed one. HTTP and built-in tools are rebuilt. Resolves once old connections are closed.
   */
  async reload(plugins: Map<string, PluginConfig>): Promise<void> {
    const fixed = new Map<string, PluginTool>();
    const servers = new Map<string, McpConnection>();
    const definitions = new Map<string, string>();
    for (const [name, plugin] of plugins) {
      const definition = JSON.stringify(plugin);
      definitions.set(name, definition);
      if (plugin.type === 'http') fixed.set(name, httpTool(plugin));
      else if (plugin.type === 'builtin') fixed.set(name, builtinTool(plugin));
      else {
        const kept = this.definitions.get(name) === definition ? this.servers.get(name) : undefined;
        servers.set(name, kept ?? new McpConnection(plugin));
      }
    }
    const retired = [...this.servers].filter(([name, connection]) => servers.get(name) !== connection).map(([, connection]) => connection);
    this.fixed = fixed;
    this.servers = servers;
    this.definitions = definitions;
    await Promise.all(retired.map((connection) => connection.close()));
  }

  /**
   * The tools of the named plugins. A server that cannot be reached leaves its tools out with a
   * warning: the model answers without them rather than the caller getting no answer.
   */
  async toolsOf(pluginNames: string[]): Promise<ToolSet> {
    const tools = new Map<string, PluginTool>();
    const warnings: Warning[] = [];
    const found = await Promise.all(
      pluginNames.map(async (name): Promise<PluginTool[]> => {
        const single = this.fixed.get(name);
        if (single !== undefined) return [single];
        try {
          return (await this.servers.get(name)?.tools()) ?? [];
        } catch (error) {
          // The warning reaches the caller; the server's address or command and the socket's message only the log.
          this.logger.warn('plugin unavailable', { plugin: name, error: failureDetail(error) });
          warnings.push({ type: 'unsupported', feature: `plugins.${name}`, message: `The plugin "${name}" is unavailable and was left out: ${callerSafeMessage(error)}` });
          return [];
        }
      }),
    );
    for (const tool of found.flat()) if (!tools.has(tool.definition.name)) tools.set(tool.definition.name, tool);
    return { tools, warnings };
  }

  /** A tool by name among all plugins (a job's worker finds its tool this way). */
  async tool(pluginName: string, toolName: string): Promise<PluginTool | undefined> {
    return (await this.toolsOf([pluginName])).tools.get(toolName);
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.values()].map((server) => server.close()));
  }
}
