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
  private readonly fixed = new Map<string, PluginTool>();
  private readonly servers = new Map<string, McpConnection>();

  constructor(
    plugins: Map<string, PluginConfig>,
    private readonly logger: Logger = silentLogger,
  ) {
    for (const [name, plugin] of plugins) {
      if (plugin.type === 'http') this.fixed.set(name, httpTool(plugin));
      else if (plugin.type === 'builtin') this.fixed.set(name, builtinTool(plugin));
      else this.servers.set(name, new McpConnection(plugin));
    }
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
