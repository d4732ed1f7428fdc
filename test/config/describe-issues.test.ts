import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfigFile, resolveConfig } from '../../src/config/load.js';

/** The message `resolveConfig` refuses `document` with. */
function refusal(document: unknown): string {
  try {
    resolveConfig(document, 'interlingua.yaml');
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail('the configuration was accepted');
}

const provider = { oa: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1' } };

test('an unknown key, at the top or nested at any depth, is named with the closest known key at its place', () => {
  assert.equal(refusal({ providers: provider, databse: {} }), 'interlingua.yaml: databse: unknown key (did you mean "database"?)');
  assert.equal(refusal({ providers: provider, server: { prot: 8080 } }), 'interlingua.yaml: server.prot: unknown key (did you mean "port"?)');
  assert.equal(refusal({ providers: { oa: { dialect: 'openai-chat', apikey: 'k' } } }), 'interlingua.yaml: providers.oa.apikey: unknown key (did you mean "apiKey"?)');
  assert.equal(refusal({ providers: provider, routing: { cooldown: { failurs: 3 } } }), 'interlingua.yaml: routing.cooldown.failurs: unknown key (did you mean "failures"?)');
  assert.equal(refusal({ providers: provider, xyzzy: 1 }), 'interlingua.yaml: xyzzy: unknown key', 'nothing close: no guess');
});

test('keys inside a model, written as a list or as a mapping, get the same "did you mean"', () => {
  assert.equal(
    refusal({ providers: provider, models: { smart: [{ provider: 'oa', modl: 'gpt-4o' }] } }),
    'interlingua.yaml: 2 problems:\n  models.smart[0].model: missing; it takes text\n  models.smart[0].modl: unknown key (did you mean "model"?)',
  );
  assert.equal(
    refusal({ providers: provider, models: { smart: { deployments: [{ provider: 'oa', model: 'x' }], routng: {} } } }),
    'interlingua.yaml: models.smart.routng: unknown key (did you mean "routing"?)',
  );
  assert.equal(
    refusal({ providers: provider, models: { smart: { deployments: [{ provider: 'oa', model: 'x', wieght: 2 }] } } }),
    'interlingua.yaml: models.smart.deployments[0].wieght: unknown key (did you mean "weight"?)',
  );
  assert.equal(refusal({ providers: provider, models: { smart: 'gpt-4o' } }), 'interlingua.yaml: models.smart: should be a list of deployments, or a mapping with deployments (and plugins, maxSteps, routing)');
});

test('a value of the wrong type says what the key takes and what it found, never "received undefined"', () => {
  assert.equal(refusal({ providers: provider, server: { port: 'eighty' } }), 'interlingua.yaml: server.port: should be a number, not "eighty"');
  assert.equal(refusal({ providers: [] }), 'interlingua.yaml: providers: should be a mapping of names to values, not a list');
  assert.equal(refusal({ providers: provider, server: 3 }), 'interlingua.yaml: server: should be a mapping of keys to values, not 3');
  assert.equal(refusal({}), 'interlingua.yaml: providers: missing; it takes a mapping of names to values');
  assert.equal(refusal({ providers: provider, server: { port: 80.5 } }), 'interlingua.yaml: server.port: should be a whole number, not 80.5');
  assert.equal(refusal({ providers: provider, server: { port: -1 } }), 'interlingua.yaml: server.port: should be at least 0, not -1');
  assert.equal(refusal({ providers: provider, models: { smart: [] } }), 'interlingua.yaml: models.smart: should list at least 1 entry');
  assert.equal(refusal({ providers: { oa: { dialect: 'anthropic', baseUrl: 'not a url' } } }), 'interlingua.yaml: providers.oa.baseUrl: should be a URL, as in https://host/v1, not "not a url"');
  assert.equal(refusal({ providers: provider, routing: { cooldown: 'yes' } }), 'interlingua.yaml: routing.cooldown: should be false or a mapping of keys to values, not "yes"');
  for (const message of [refusal({ providers: provider, server: { port: 'eighty' } }), refusal({})]) assert.doesNotMatch(message, /Invalid input|expected \w+, received/);
});

test('a choice out of a list names the list and the closest choice', () => {
  assert.equal(refusal({ providers: provider, logging: { level: 'wran' } }), 'interlingua.yaml: logging.level: should be one of debug, info, warn, error, silent, not "wran" (did you mean "warn"?)');
});

test('several problems are listed one a line; long text (perhaps a substituted secret) is not repeated', () => {
  const message = refusal({ providers: { oa: { dialect: 'openai-chat', timeoutMs: 'sk-0123456789abcdef0123456789abcdef0123456789' } }, server: { port: 'x' } });
  assert.equal(message, 'interlingua.yaml: 2 problems:\n  server.port: should be a number, not "x"\n  providers.oa.timeoutMs: should be a number, not a 45-character text');
});

test('a configuration file that cannot be read says why, without Node\'s error code', () => {
  const missing = join(tmpdir(), 'interlingua-no-such-config.yaml');
  assert.throws(() => loadConfigFile(missing, {}), (error: unknown) => error instanceof ConfigError && error.message === `cannot read config file ${missing}: no such file`);
  assert.throws(() => loadConfigFile(tmpdir(), {}), (error: unknown) => error instanceof ConfigError && error.message === `cannot read config file ${tmpdir()}: it is a directory`);
});
