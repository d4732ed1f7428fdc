/**
 * Where a command keeps its default files: beside the configuration (or in the working directory
 * without one), or, with INTERLINGUA_DATA_DIR set, in that folder. Locations the configuration
 * names stay where it says.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCommandConfig, loadStoreConfig } from '../../src/cli/gateway-config.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-data-dir-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const configFolder = join(directory, 'etc');
const dataFolder = join(directory, 'data');
mkdirSync(configFolder);
const configFile = join(configFolder, 'gateway.yaml');
writeFileSync(configFile, 'providers: {}\nredis:\n  url: redis://127.0.0.1:6379\n');

test('without INTERLINGUA_DATA_DIR the database and spill files sit beside the configuration', () => {
  const { config } = loadCommandConfig(configFile, {});
  assert.deepEqual(config.database, { kind: 'sqlite', path: join(configFolder, 'interlingua.db') });
  assert.equal(config.usageSpillFile, join(configFolder, 'gateway.usage-spill.jsonl'));
  assert.equal(config.jobSpillFile, join(configFolder, 'gateway.jobs-spill.jsonl'));
  assert.deepEqual(loadCommandConfig(configFile, { INTERLINGUA_DATA_DIR: '' }).config.database, config.database, 'an empty value is no value');
});

test('with INTERLINGUA_DATA_DIR they go in that folder, for serve, keys and usage alike', () => {
  const environment = { INTERLINGUA_DATA_DIR: dataFolder };
  for (const { config } of [loadCommandConfig(configFile, environment), loadStoreConfig(configFile, environment)]) {
    assert.deepEqual(config.database, { kind: 'sqlite', path: join(dataFolder, 'interlingua.db') });
    assert.equal(config.usageSpillFile, join(dataFolder, 'gateway.usage-spill.jsonl'));
  }
  assert.equal(loadCommandConfig(configFile, environment).config.jobSpillFile, join(dataFolder, 'gateway.jobs-spill.jsonl'));
  // Without a configuration file: the environment's providers, the same folder.
  assert.deepEqual(loadCommandConfig(undefined, environment).config.database, { kind: 'sqlite', path: join(dataFolder, 'interlingua.db') });
  assert.deepEqual(loadCommandConfig(undefined, { INTERLINGUA_DATA_DIR: 'relative' }).config.database, { kind: 'sqlite', path: resolve('relative', 'interlingua.db') });
});

test('a database and spill file the configuration names are kept where it says, whatever INTERLINGUA_DATA_DIR says', () => {
  const named = join(configFolder, 'named.yaml');
  writeFileSync(named, 'providers: {}\ndatabase:\n  url: kept.db\n  spillFile: kept.usage-spill.jsonl\n');
  const { config } = loadCommandConfig(named, { INTERLINGUA_DATA_DIR: dataFolder });
  assert.deepEqual(config.database, { kind: 'sqlite', path: join(configFolder, 'kept.db') });
  assert.equal(config.usageSpillFile, join(configFolder, 'kept.usage-spill.jsonl'));
});
