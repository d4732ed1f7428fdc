import { existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { configFromEnvironment, loadConfigFile, loadConfigSections } from '../config/load.js';
import type { GatewayConfig } from '../config/resolved-config.js';

const defaultDatabaseFile = 'interlingua.db';
const conventionalConfigFiles = ['interlingua.yaml', 'interlingua.yml', 'interlingua.json'];

/**
 * The folder for the files a command keeps by default (the SQLite file, the spill files) when
 * the configuration names none. The Docker image sets it to its writable data folder, as its
 * configuration is mounted where the unprivileged user may not write.
 */
export const dataDirectoryVariable = 'INTERLINGUA_DATA_DIR';

type Environment = Record<string, string | undefined>;

/** A command's configuration, the file it came from, and where its database's location came from. */
export interface CommandConfig {
  config: GatewayConfig;
  file?: string;
  /** Where the database's location came from, for messages that name it. */
  databaseOrigin: string;
}

/**
 * The configuration every command works on: `--config FILE`, else ./interlingua.yaml (or .yml,
 * .json) if present, else the environment. Its store defaults to an SQLite file beside the
 * configuration (or in the working directory), so `serve`, `keys` and `usage` share one; usage
 * records that cannot reach it wait in a spill file beside it. With INTERLINGUA_DATA_DIR set,
 * these default files go in that folder instead.
 */
export function loadCommandConfig(path: string | undefined, environment: Environment = process.env): CommandConfig {
  const file = configFile(path);
  return withStoreDefaults(file === undefined ? { config: configFromEnvironment(environment) } : { config: loadConfigFile(file, environment), file }, environment);
}

/**
 * The same, reading only the `database` section: what `keys` and `usage` need. Variables the
 * rest of the file names (provider keys, the admin key) need not be set to manage keys.
 */
export function loadStoreConfig(path: string | undefined, environment: Environment = process.env): CommandConfig {
  const file = configFile(path);
  return withStoreDefaults(file === undefined ? { config: configFromEnvironment(environment) } : { config: loadConfigSections(file, ['database'], environment), file }, environment);
}

function configFile(path: string | undefined): string | undefined {
  return path ?? conventionalConfigFiles.find((candidate) => existsSync(candidate));
}

function withStoreDefaults(loaded: { config: GatewayConfig; file?: string }, environment: Environment): CommandConfig {
  const { config, file } = loaded;
  const dataDirectory = environment[dataDirectoryVariable];
  const directory = dataDirectory !== undefined && dataDirectory !== '' ? dataDirectory : file === undefined ? '.' : dirname(file);
  const databaseOrigin =
    config.database !== undefined
      ? `database.url in ${file ?? 'the environment'}`
      : dataDirectory !== undefined && dataDirectory !== ''
        ? `the default in ${dataDirectoryVariable}`
        : file === undefined
          ? 'the default in the working directory'
          : `the default beside ${file}`;
  config.database ??= { kind: 'sqlite', path: resolve(directory, defaultDatabaseFile) };
  // Named after the configuration, so gateways started from different files in one directory keep their own.
  const stem = file === undefined ? 'interlingua' : basename(file, extname(file));
  config.usageSpillFile ??= resolve(directory, `${stem}.usage-spill.jsonl`);
  if (config.redis !== undefined) config.jobSpillFile ??= resolve(directory, `${stem}.jobs-spill.jsonl`);
  return { config, ...(file !== undefined ? { file } : {}), databaseOrigin };
}
