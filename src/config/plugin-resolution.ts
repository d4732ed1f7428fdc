import { resolve as resolvePath } from 'node:path';
import type { z } from 'zod';
import { deploymentListSchema, modelObjectSchema, type RawConfig, type routingSchema } from './schema.js';
import type { RawPlugin } from './plugin-schema.js';
import type { DeploymentConfig } from './resolved-config.js';
import type { ModelPlugins, PluginConfig } from './plugin-config.js';
import { ConfigError } from './config-error.js';
import { describeConfigIssues, issuesText } from './describe-issues.js';

type RawRouting = z.infer<typeof routingSchema>;

export const pluginDefaults = {
  /** A synchronous call holds up the model's answer, so it gets less time than a job. */
  syncTimeoutMs: 30_000,
  asyncTimeoutMs: 15 * 60_000,
  concurrency: 8,
  maxSteps: 8,
} as const;

const emptyObjectSchema = { type: 'object', properties: {} };

/** Plugins after defaults, each checked for what the schema cannot say (stdio or HTTP, not both). */
export function resolvePlugins(raw: RawConfig['plugins'], source: string, baseDirectory: string): Map<string, PluginConfig> {
  const plugins = new Map<string, PluginConfig>();
  for (const [name, plugin] of Object.entries(raw ?? {})) plugins.set(name, resolvePlugin(name, plugin, `${source}: plugins.${name}`, baseDirectory));
  return plugins;
}

function resolvePlugin(name: string, plugin: RawPlugin, where: string, baseDirectory: string): PluginConfig {
  const async = plugin.async ?? false;
  const settings = {
    name,
    async,
    timeoutMs: plugin.timeoutMs ?? (async ? pluginDefaults.asyncTimeoutMs : pluginDefaults.syncTimeoutMs),
    concurrency: plugin.concurrency ?? pluginDefaults.concurrency,
  };
  switch (plugin.type) {
    case 'http': {
      const parameters = plugin.parameters ?? emptyObjectSchema;
      if (parameters['type'] !== 'object') throw new ConfigError(`${where}.parameters: the arguments' schema must be of type "object"`);
      return { ...settings, type: 'http', url: plugin.url, method: plugin.method ?? 'POST', headers: plugin.headers ?? {}, description: plugin.description, parameters };
    }
    case 'mcp': {
      if ((plugin.command === undefined) === (plugin.url === undefined)) throw new ConfigError(`${where}: give either command (stdio) or url (streamable HTTP), not ${plugin.command === undefined ? 'neither' : 'both'}`);
      const stdioOnly = plugin.args !== undefined || plugin.env !== undefined || plugin.cwd !== undefined;
      if (plugin.url !== undefined && stdioOnly) throw new ConfigError(`${where}: args, env and cwd apply to a command, not to a url`);
      if (plugin.command !== undefined && plugin.headers !== undefined) throw new ConfigError(`${where}.headers: headers apply to a url, not to a command`);
      const server: Extract<PluginConfig, { type: 'mcp' }>['server'] =
        plugin.url !== undefined
          ? { kind: 'http', url: plugin.url, headers: plugin.headers ?? {} }
          : {
              kind: 'stdio',
              command: plugin.command ?? '',
              args: plugin.args ?? [],
              env: plugin.env ?? {},
              ...(plugin.cwd !== undefined ? { cwd: resolvePath(baseDirectory, plugin.cwd) } : {}),
            };
      return { ...settings, type: 'mcp', server, ...(plugin.tools !== undefined ? { tools: plugin.tools } : {}) };
    }
    case 'builtin':
      return { ...settings, type: 'builtin', builtin: plugin.builtin };
    default: {
      const unhandled: never = plugin;
      throw new ConfigError(`${where}: unknown plugin ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * Splits the `models:` map into deployments and plugins: a value is either its deployment list or
 * `{ deployments, plugins, maxSteps }`. Every named plugin must be declared.
 */
export function splitModels(
  raw: RawConfig['models'],
  plugins: Map<string, PluginConfig>,
  source: string,
): { models: Map<string, DeploymentConfig[]>; modelPlugins: Map<string, ModelPlugins>; ownRouting: Map<string, RawRouting> } {
  const models = new Map<string, DeploymentConfig[]>();
  const modelPlugins = new Map<string, ModelPlugins>();
  const ownRouting = new Map<string, RawRouting>();
  for (const [model, rawValue] of Object.entries(raw ?? {})) {
    if (Array.isArray(rawValue)) {
      models.set(model, checked(deploymentListSchema, rawValue, source, `models.${model}`));
      continue;
    }
    if (rawValue === null || typeof rawValue !== 'object') {
      throw new ConfigError(`${source}: models.${model}: should be a list of deployments, or a mapping with deployments (and plugins, maxSteps, routing)`);
    }
    const value = checked(modelObjectSchema, rawValue, source, `models.${model}`);
    models.set(model, value.deployments);
    if (value.routing !== undefined) ownRouting.set(model, value.routing);
    const names = value.plugins ?? [];
    names.forEach((name, index) => {
      if (!plugins.has(name)) {
        throw new ConfigError(`${source}: models.${model}.plugins[${index}]: "${name}" is not a plugin defined under plugins (known: ${[...plugins.keys()].join(', ') || 'none'})`);
      }
    });
    if (names.length > 0) modelPlugins.set(model, { plugins: [...new Set(names)], maxSteps: value.maxSteps ?? pluginDefaults.maxSteps });
  }
  return { models, modelPlugins, ownRouting };
}

/** `value`, the entry at `key` of the file `source`, checked against `schema`; its issues in plain words. */
function checked<T>(schema: z.ZodType<T>, value: unknown, source: string, key: string): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(issuesText(source, describeConfigIssues(result.error.issues, schema, key)));
}
