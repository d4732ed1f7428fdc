/**
 * The `bedrock-openai` preset takes `region:` as `dialect: bedrock` does: its base URL is
 * `https://bedrock-runtime.{region}.amazonaws.com/openai/v1` (the bedrock-runtime base URL of
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-responses-api.html), us-west-2 when
 * none is named, and `baseUrl` overrides it. Other presets take no region.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { chatEndpoint } from '../../src/providers/index.js';

const noEnvironment = {};

test('bedrock-openai: region names the host, us-west-2 without one, baseUrl overrides', () => {
  const config = resolveConfig(
    {
      providers: {
        frankfurt: { dialect: 'bedrock-openai', region: 'eu-central-1', apiKey: 'b' },
        plain: { dialect: 'bedrock-openai', apiKey: 'b' },
        endpoint: { dialect: 'bedrock-openai', region: 'eu-central-1', baseUrl: 'http://127.0.0.1:9/openai/v1', apiKey: 'b' },
      },
    },
    'config',
    process.cwd(),
    noEnvironment,
  );
  const frankfurt = config.providers.get('frankfurt')!;
  assert.equal(frankfurt.baseUrl, 'https://bedrock-runtime.eu-central-1.amazonaws.com/openai/v1');
  assert.equal(chatEndpoint('openai-chat', frankfurt, 'openai.gpt-oss-120b-1:0', false).url, 'https://bedrock-runtime.eu-central-1.amazonaws.com/openai/v1/chat/completions');
  assert.equal(config.providers.get('plain')?.baseUrl, 'https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1');
  assert.equal(config.providers.get('endpoint')?.baseUrl, 'http://127.0.0.1:9/openai/v1');
});

test('bedrock-openai: a region that is not one is refused', () => {
  assert.throws(() => resolveConfig({ providers: { bad: { dialect: 'bedrock-openai', region: 'Frankfurt', apiKey: 'b' } } }, 'config', process.cwd(), noEnvironment), /providers\.bad\.region/);
});

test('a preset whose host names no region refuses one, naming the preset', () => {
  assert.throws(
    () => resolveConfig({ providers: { mistral: { dialect: 'mistral', region: 'eu-west-1', apiKey: 'm' } } }, 'config', process.cwd(), noEnvironment),
    /providers\.mistral\.region: a region applies to bedrock and bedrock-anthropic providers only \(and the bedrock-openai preset\), not mistral/,
  );
});
