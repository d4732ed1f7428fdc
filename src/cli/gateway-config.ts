import { existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { configFromEnvironment, loadConfigFile } from '../config/load.js';
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
  const file = path ?? conventionalConfigFiles.find((candidate) => existsSync(candidate));
  const loaded = file !== undefined ? { config: loadConfigFile(file), file } : { config: configFromEnvironment() };
  const directory = file === undefined ? '.' : dirname(file);
  loaded.config.database ??= { kind: 'sqlite', path: resolve(directory, defaultDatabaseFile) };
  // Named after the configuration, so gateways started from different files in one directory keep their own.
  loaded.config.usageSpillFile ??= resolve(directory, `${file === undefined ? 'interlingua' : basename(file, extname(file))}.usage-spill.jsonl`);
  return loaded;
}
