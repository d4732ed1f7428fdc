import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, configFromEnvironment, loadConfigFile, resolveConfig } from '../../src/config/load.js';
import { ModelRouter } from '../../src/gateway/model-router.js';
import { InterlinguaError } from '../../src/interlingua/error.js';

function writeTemporary(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'interlingua-config-')), name);
  writeFileSync(path, text);
  return path;
}

const exampleYaml = `
providers:
  claude:
    dialect: anthropic
    baseUrl: https://api.anthropic.com
    apiKey: \${TEST_ANTHROPIC_KEY}
  openai:
    dialect: openai-chat
    apiKey: sk-literal
models:
  smart:
    - provider: claude
      model: claude-sonnet-4-5
    - provider: openai
      model: gpt-4.1
`;

test('the YAML of the README loads, with ${VAR} read from the environment and defaults filled in', () => {
  const config = loadConfigFile(writeTemporary('interlingua.yaml', exampleYaml), { TEST_ANTHROPIC_KEY: 'sk-ant-from-env' });
  assert.equal(config.providers.get('claude')?.apiKey, 'sk-ant-from-env');
  assert.equal(config.providers.get('openai')?.baseUrl, 'https://api.openai.com/v1');
  assert.equal(config.server.port, 4000);
  assert.equal(config.server.host, '127.0.0.1');
  assert.deepEqual(
    new ModelRouter(config).resolve('smart').map((deployment) => `${deployment.provider.name}/${deployment.model}`),
    ['claude/claude-sonnet-4-5', 'openai/gpt-4.1'],
  );
});

test('a deployment carries its tool calling settings to the router', () => {
  const config = resolveConfig({
    providers: { local: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:8000/v1' } },
    models: { glm: [{ provider: 'local', model: 'chatglm3-6b', toolCalling: 'emulate', toolFormat: 'react' }], plain: [{ provider: 'local', model: 'x' }] },
  });
  const router = new ModelRouter(config);
  assert.deepEqual([router.resolve('glm')[0]?.toolCalling, router.resolve('glm')[0]?.toolFormat], ['emulate', 'react']);
  assert.equal('toolCalling' in router.resolve('plain')[0]!, false);
});

test('JSON is accepted too', () => {
  const config = loadConfigFile(writeTemporary('interlingua.json', JSON.stringify({ providers: { g: { dialect: 'gemini', apiKey: 'k' } } })), {});
  assert.equal(config.providers.get('g')?.baseUrl, 'https://generativelanguage.googleapis.com');
});

test('a bad configuration names the bad key and why', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ providers: { a: { dialect: 'cohere-v2' } } }, /providers\.a\.dialect/],
    [{ providers: { a: { dialect: 'anthropic', baseUrl: 'not a url' } } }, /providers\.a\.baseUrl/],
    [{ providers: { a: { dialect: 'anthropic', apiKy: 'typo' } } }, /providers\.a.*apiKy/],
    [{ providers: {}, models: { smart: [{ provider: 'missing', model: 'x' }] } }, /models\.smart\[0\]\.provider: "missing"/],
    [{ providers: {}, models: { smart: [] } }, /models\.smart/],
    [{ providers: {}, server: { port: 'eighty' } }, /server\.port/],
    [{ providers: { a: { dialect: 'ollama' } }, models: { m: [{ provider: 'a', model: 'x', toolCalling: 'fake' }] } }, /models\.m\.0\.toolCalling|models\.m\[0\]\.toolCalling/],
    [{ providers: { a: { dialect: 'ollama' } }, models: { m: [{ provider: 'a', model: 'x', toolFormat: 'xml' }] } }, /models\.m\.0\.toolFormat|models\.m\[0\]\.toolFormat/],
    [{ providers: { a: { dialect: 'openai-chat', promptCache: 'auto' } } }, /providers\.a\.promptCache: "auto" applies to anthropic, bedrock-anthropic, vertex-anthropic, bedrock providers only .*not openai-chat/],
  ];
  for (const [document, pattern] of cases) {
    assert.throws(() => resolveConfig(document), (error: unknown) => error instanceof ConfigError && pattern.test(error.message), String(pattern));
  }
});

test('promptCache auto is taken on Claude\'s dialects: Anthropic, Bedrock InvokeModel and Converse, Vertex', () => {
  const config = resolveConfig({
    providers: {
      an: { dialect: 'anthropic', apiKey: 'k', promptCache: 'auto' },
      invoke: { dialect: 'bedrock-anthropic', region: 'us-east-1', apiKey: 'k', promptCache: 'auto' },
      converse: { dialect: 'bedrock', region: 'us-east-1', apiKey: 'k', promptCache: 'auto' },
      vertex: { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', promptCache: 'auto' },
    },
  });
  assert.deepEqual([...config.providers.values()].map((provider) => [provider.name, provider.promptCache]), [
    ['an', 'auto'],
    ['invoke', 'auto'],
    ['converse', 'auto'],
    ['vertex', 'auto'],
  ]);
});

test('an unset ${VAR} is an error naming the file and the key', () => {
  const file = writeTemporary('c.yaml', 'providers:\n  a:\n    dialect: anthropic\n    apiKey: ${NOPE_NOT_SET}\n');
  assert.throws(() => loadConfigFile(file, {}), { message: `${file}: providers.a.apiKey: environment variable NOPE_NOT_SET is not set` });
});

test('every unset ${VAR} is named at once, not one a start', () => {
  const file = writeTemporary('several-unset.yaml', 'adminKey: ${NOPE_ADMIN}\nproviders:\n  a:\n    dialect: anthropic\n    apiKey: ${NOPE_A}-${NOPE_B}\n    baseUrl: ${SET_URL}\n');
  assert.throws(() => loadConfigFile(file, { SET_URL: 'https://example.test' }), {
    message: `${file}: 3 problems:\n  adminKey: environment variable NOPE_ADMIN is not set\n  providers.a.apiKey: environment variable NOPE_A is not set\n  providers.a.apiKey: environment variable NOPE_B is not set`,
  });
});

test('invalid YAML is reported with the file name', () => {
  assert.throws(() => loadConfigFile(writeTemporary('broken.yaml', 'providers: [unclosed'), {}), /broken\.yaml is not valid YAML/);
});

test('a file that does not parse is reported by place, never quoting the line, which may hold a key', () => {
  const yamlFile = writeTemporary('secret-line.yaml', 'providers:\n  a:\n    dialect: anthropic\n    apiKey: sk-provider-secret: "x\n');
  assert.throws(() => loadConfigFile(yamlFile, {}), (error: Error) => {
    assert.equal(error.message, `${yamlFile} is not valid YAML: Nested mappings are not allowed in compact mappings at line 4, column 13`);
    return true;
  });
  const jsonFile = writeTemporary('secret-line.json', '{"providers": {"a": {"dialect": "anthropic", "apiKey": sk-live-SECRET-abcdef}}}');
  assert.throws(() => loadConfigFile(jsonFile, {}), (error: Error) => {
    assert.equal(error.message, `${jsonFile} is not valid JSON at line 1, column 56 (character 55)`);
    return true;
  });
});

test('with no config file, providers come from the usual environment variables and claim their model names', () => {
  const config = configFromEnvironment({ OPENAI_API_KEY: 'sk-1', ANTHROPIC_API_KEY: 'sk-ant-1', GEMINI_API_KEY: 'g-1' });
  assert.deepEqual([...config.providers.keys()], ['openai', 'anthropic', 'gemini']);
  const router = new ModelRouter(config);
  assert.equal(router.resolve('gpt-4.1')[0]?.provider.name, 'openai');
  assert.equal(router.resolve('o3-mini')[0]?.provider.name, 'openai');
  assert.equal(router.resolve('claude-sonnet-4-5')[0]?.provider.name, 'anthropic');
  assert.equal(router.resolve('gemini-2.5-flash')[0]?.provider.name, 'gemini');
  assert.equal(router.resolve('anthropic/claude-opus-4-1')[0]?.model, 'claude-opus-4-1');
  assert.throws(() => router.resolve('llama-3'), (error: unknown) => error instanceof InterlinguaError && error.code === 'not_found');
  assert.equal(configFromEnvironment({}).providers.size, 0);
});

test('database.url is resolved beside the config file, and a bad one names the key', () => {
  const path = writeTemporary('with-database.yaml', 'providers: {}\ndatabase: { url: "sqlite:state/gateway.db" }\n');
  assert.deepEqual(loadConfigFile(path, {}).database, { kind: 'sqlite', path: join(path, '..', 'state', 'gateway.db') });
  assert.equal(resolveConfig({ providers: {} }).database, undefined, 'without one, the caller of the library decides');
  assert.throws(() => resolveConfig({ providers: {}, database: { url: 'mysql://db/x' } }), (error: unknown) => error instanceof ConfigError && /database\.url/.test(error.message));
});
