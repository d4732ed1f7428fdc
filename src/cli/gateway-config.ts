import { existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { configFromEnvironment, loadConfigFile, loadConfigSections } from '../config/load.js';
import type { GatewayConfig } from '../config/resolved-config.js';

const defaultDatabaseFile = 'interlingua.db';
const conventionalConfigFiles = ['interlingua.yaml', 'interlingua.yml', 'interlingua.json'];

/**
 * The configuration every command works on: `--config FILE`, else ./interlingua.yaml (or .yml,
 * .json) if present, else the environment. Its store defaults to an SQLite file beside the
 * configuration (or in the working directory), so `serve`, `keys` and `usage` share one; usage
 * records that cannot reach it wait in a spill file beside it.
 */
export function loadCommandConfig(path: string | undefined): { config: GatewayConfig; file?: string } {
  const file = configFile(path);
  return withStoreDefaults(file === undefined ? { config: configFromEnvironment() } : { config: loadConfigFile(file), file });
}

/**
 * The same, reading only the `database` section: what `keys` and `usage` need. Variables the
 * rest of the file names (provider keys, the admin key) need not be set to manage keys.
 */
export function loadStoreConfig(path: string | undefined): { config: GatewayConfig; file?: string } {
  const file = configFile(path);
  return withStoreDefaults(file === undefined ? { config: configFromEnvironment() } : { config: loadConfigSections(file, ['database']), file });
}

function configFile(path: string | undefined): string | undefined {
  return path ?? conventionalConfigFiles.find((candidate) => existsSync(candidate));
}

function withStoreDefaults(loaded: { config: GatewayConfig; file?: string }): { config: GatewayConfig; file?: string } {
  const { file } = loaded;
  const directory = file === undefined ? '.' : dirname(file);
  loaded.config.database ??= { kind: 'sqlite', path: resolve(directory, defaultDatabaseFile) };
  // Named after the configuration, so gateways started from different files in one directory keep their own.
  loaded.config.usageSpillFile ??= resolve(directory, `${file === undefined ? 'interlingua' : basename(file, extname(file))}.usage-spill.jsonl`);
  if (loaded.config.redis !== undefined) loaded.config.jobSpillFile ??= resolve(directory, `${file === undefined ? 'interlingua' : basename(file, extname(file))}.jobs-spill.jsonl`);
  return loaded;
}
