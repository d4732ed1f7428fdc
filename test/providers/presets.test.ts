import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { ConfigError, resolveConfig } from '../../src/config/load.js';
import { zhipuAuthorization } from '../../src/providers/zhipu-auth.js';
import { chatEndpoint } from '../../src/providers/index.js';
import { mistralDeclaredFields } from '../../src/providers/mistral-declared-fields.js';

test('a preset name as dialect gives the vendor’s base URL, quirks and auth; provider settings override', () => {
  const config = resolveConfig({
    providers: {
      glm: { dialect: 'zhipu', apiKey: 'id.secret' },
      ds: { dialect: 'deepseek', apiKey: 'k', quirks: { maxTokensField: 'max_completion_tokens' } },
      local: { dialect: 'vllm', baseUrl: 'http://127.0.0.1:9000/v1' },
    },
  });
  const glm = config.providers.get('glm');
  assert.equal(glm?.dialect, 'openai-chat');
  assert.equal(glm?.preset, 'zhipu');
  assert.equal(glm?.baseUrl, 'https://open.bigmodel.cn/api/paas/v4');
  assert.equal(glm?.auth, 'zhipu');
  assert.deepEqual(glm?.quirks, {
    allowedToolsChoice: false,
    maxTokensField: 'max_tokens',
    streamOptions: false,
    toolChoice: 'auto-only',
    reasoningContentInHistory: true,
    reasoningSwitch: 'zhipu-thinking',
    maxStopSequences: 1,
    temperatureMax: 1,
    jsonSchema: false,
    developerRole: false,
  });
  assert.deepEqual(config.providers.get('ds')?.quirks, {
    allowedToolsChoice: false,
    maxTokensField: 'max_completion_tokens',
    reasoningContentInHistory: true,
    reasoningOnToolCalls: '',
    developerRole: false,
    reasoningSwitch: 'deepseek-thinking',
    jsonSchema: false,
    toolContentAsString: true,
    systemContentAsString: true,
    maxCandidates: 1,
  });
  assert.equal(config.providers.get('local')?.baseUrl, 'http://127.0.0.1:9000/v1');
});

test('a vendor declared under presets is usable like a built-in one', () => {
  const config = resolveConfig({
    presets: { acme: { dialect: 'openai-chat', baseUrl: 'https://llm.acme.example/v1', quirks: { streamOptions: false } } },
    providers: { a: { dialect: 'acme', apiKey: 'k' } },
  });
  assert.equal(config.providers.get('a')?.baseUrl, 'https://llm.acme.example/v1');
  assert.deepEqual(config.providers.get('a')?.quirks, { allowedToolsChoice: false, streamOptions: false });
});

test('OpenAI\'s allowed_tools choice is sent only to OpenAI itself, unless a preset or provider says its service takes it', () => {
  const config = resolveConfig({
    presets: { acme: { dialect: 'openai-chat', baseUrl: 'https://llm.acme.example/v1', quirks: { allowedToolsChoice: true } } },
    providers: {
      openai: { dialect: 'openai-chat', apiKey: 'k' },
      acme: { dialect: 'acme', apiKey: 'k' },
      groq: { dialect: 'groq', apiKey: 'k' },
      fireworks: { dialect: 'vllm', apiKey: 'k', quirks: { allowedToolsChoice: true } },
    },
  });
  assert.equal(config.providers.get('openai')?.quirks['allowedToolsChoice'], undefined, 'the codec\'s default, OpenAI\'s own: true');
  assert.equal(config.providers.get('acme')?.quirks['allowedToolsChoice'], true);
  assert.equal(config.providers.get('groq')?.quirks['allowedToolsChoice'], false);
  assert.equal(config.providers.get('fireworks')?.quirks['allowedToolsChoice'], true);
});

test('an unknown dialect or misplaced quirks name the key and the choices', () => {
  assert.throws(() => resolveConfig({ providers: { x: { dialect: 'cohere-v2' } } }), (error: unknown) =>
    error instanceof ConfigError && /providers\.x\.dialect: "cohere-v2" is neither a dialect \(openai-chat, anthropic, gemini.*\) nor a preset \(zhipu, deepseek/.test(error.message));
  assert.throws(() => resolveConfig({ providers: { x: { dialect: 'anthropic', quirks: { streamOptions: false } } } }), /providers\.x\.quirks: quirks apply to openai-chat providers only/);
  assert.throws(() => resolveConfig({ providers: { x: { dialect: 'zhipu', quirks: { streamOption: false } } } }), /providers\.x\.quirks/);
});

test('Zhipu: an id.secret key becomes an HS256 JWT with sign_type SIGN and millisecond times; a plain key is a bearer token', () => {
  const now = 1_760_000_000_000;
  const header = zhipuAuthorization('abc123.s3cr3t', now);
  const token = header.replace(/^Bearer /, '');
  const [head, payload, signature] = token.split('.');
  assert.deepEqual(JSON.parse(Buffer.from(head ?? '', 'base64url').toString()), { alg: 'HS256', sign_type: 'SIGN' });
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { api_key: string; exp: number; timestamp: number };
  assert.equal(claims.api_key, 'abc123');
  assert.equal(claims.timestamp, now);
  assert.ok(claims.exp > now);
  assert.equal(signature, createHmac('sha256', 's3cr3t').update(`${head}.${payload}`).digest('base64url'));
  assert.equal(zhipuAuthorization('abc123.s3cr3t', now + 1000), header, 'cached while valid');
  assert.equal(zhipuAuthorization('plain-api-key'), 'Bearer plain-api-key');
  const endpoint = chatEndpoint('openai-chat', { baseUrl: 'https://open.bigmodel.cn/api/paas/v4', apiKey: 'abc123.s3cr3t', headers: {}, auth: 'zhipu' }, 'glm-4.6', false);
  assert.equal(endpoint.url, 'https://open.bigmodel.cn/api/paas/v4/chat/completions');
  assert.match(endpoint.headers.authorization ?? '', /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
});

test('Mistral, Cohere and Bedrock’s OpenAI endpoint: base URL, bearer key and quirks', () => {
  const config = resolveConfig({
    providers: {
      mistral: { dialect: 'mistral', apiKey: 'm' },
      cohere: { dialect: 'cohere', apiKey: 'c' },
      bedrock: { dialect: 'bedrock-openai', apiKey: 'b' },
      frankfurt: { dialect: 'bedrock-openai', baseUrl: 'https://bedrock-runtime.eu-central-1.amazonaws.com/openai/v1', apiKey: 'b' },
    },
  });
  const expected = {
    mistral: {
      baseUrl: 'https://api.mistral.ai/v1',
      quirks: {
        allowedToolsChoice: false,
        maxTokensField: 'max_tokens',
        seedField: 'random_seed',
        streamOptions: false,
        declaredFields: mistralDeclaredFields,
        developerRole: false,
        toolCallIdLength: 9,
        assistantPrefix: true,
        assistantAfterToolResults: true,
        refusesEmpty: 'assistant',
        systemFirst: true,
        temperatureMax: 1.5,
        topPOneWhenGreedy: true,
      },
      url: 'https://api.mistral.ai/v1/chat/completions',
    },
    cohere: { baseUrl: 'https://api.cohere.ai/compatibility/v1', quirks: { allowedToolsChoice: false }, url: 'https://api.cohere.ai/compatibility/v1/chat/completions' },
    bedrock: { baseUrl: 'https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1', quirks: { allowedToolsChoice: false }, url: 'https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1/chat/completions' },
    frankfurt: { baseUrl: 'https://bedrock-runtime.eu-central-1.amazonaws.com/openai/v1', quirks: { allowedToolsChoice: false }, url: 'https://bedrock-runtime.eu-central-1.amazonaws.com/openai/v1/chat/completions' },
  } as const;
  for (const [name, want] of Object.entries(expected)) {
    const provider = config.providers.get(name);
    assert.equal(provider?.dialect, 'openai-chat', name);
    assert.equal(provider?.baseUrl, want.baseUrl, name);
    assert.equal(provider?.auth, 'bearer', name);
    assert.deepEqual(provider?.quirks, want.quirks, name);
    const endpoint = chatEndpoint('openai-chat', { baseUrl: want.baseUrl, apiKey: 'secret', headers: {}, auth: 'bearer' }, 'model', false);
    assert.equal(endpoint.url, want.url, name);
    assert.equal(endpoint.headers.authorization, 'Bearer secret', name);
  }
});
