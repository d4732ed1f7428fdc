import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, resolveConfig } from '../../src/config/load.js';

const noEnvironment = {};

test('a bedrock provider takes its endpoint from its region, or a baseUrl that overrides it', () => {
  const config = resolveConfig(
    {
      providers: {
        aws: { dialect: 'bedrock', region: 'us-east-1' },
        vpc: { dialect: 'bedrock', region: 'eu-west-1', baseUrl: 'https://vpce-0abc.bedrock-runtime.eu-west-1.vpce.amazonaws.com/' },
      },
    },
    'config',
    process.cwd(),
    noEnvironment,
  );
  assert.equal(config.providers.get('aws')?.baseUrl, 'https://bedrock-runtime.us-east-1.amazonaws.com');
  assert.equal(config.providers.get('aws')?.region, 'us-east-1');
  assert.equal(config.providers.get('vpc')?.baseUrl, 'https://vpce-0abc.bedrock-runtime.eu-west-1.vpce.amazonaws.com');
});

test("a bedrock provider's region may come from AWS_REGION, and is required", () => {
  const config = resolveConfig({ providers: { aws: { dialect: 'bedrock' } } }, 'config', process.cwd(), { AWS_REGION: 'ap-northeast-1' });
  assert.equal(config.providers.get('aws')?.baseUrl, 'https://bedrock-runtime.ap-northeast-1.amazonaws.com');
  assert.throws(() => resolveConfig({ providers: { aws: { dialect: 'bedrock' } } }, 'config', process.cwd(), noEnvironment), (error: Error) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /providers\.aws\.region: a bedrock provider needs its AWS region/);
    return true;
  });
});

test('a region on another dialect, or one that is not a region, names the key', () => {
  assert.throws(() => resolveConfig({ providers: { oa: { dialect: 'openai-chat', region: 'us-east-1' } } }, 'config', process.cwd(), noEnvironment), /providers\.oa\.region: a region applies to bedrock and bedrock-anthropic providers only/);
  assert.throws(() => resolveConfig({ providers: { aws: { dialect: 'bedrock', region: 'US East' } } }, 'config', process.cwd(), noEnvironment), /region/);
});

test('a bedrock-anthropic provider takes a region too', () => {
  const config = resolveConfig({ providers: { 'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-west-2' } } }, 'config', process.cwd(), noEnvironment);
  assert.equal(config.providers.get('aws-claude')?.baseUrl, 'https://bedrock-runtime.us-west-2.amazonaws.com');
  assert.throws(() => resolveConfig({ providers: { c: { dialect: 'bedrock-anthropic' } } }, 'config', process.cwd(), noEnvironment), /a bedrock-anthropic provider needs its AWS region/);
});
