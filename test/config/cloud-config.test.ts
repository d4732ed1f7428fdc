import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resolveConfig } from '../../src/config/load.js';
import { chatEndpoint } from '../../src/providers/index.js';

const resolve = (providers: Record<string, Record<string, unknown>>) => resolveConfig({ providers } as never, 'config', '/etc/interlingua', {});

test('an azure-openai provider: dated API version on the deployments path, or the v1 API without one', () => {
  const config = resolve({
    dated: { dialect: 'azure-openai', baseUrl: 'https://res.openai.azure.com/', apiVersion: '2025-04-01-preview', apiKey: 'k' },
    v1: { dialect: 'azure-openai', baseUrl: 'https://res.openai.azure.com', apiKey: 'k' },
    responses: { dialect: 'azure-openai-responses', baseUrl: 'https://res.openai.azure.com', apiVersion: '2025-03-01-preview', auth: { type: 'entra' } },
  });
  const dated = config.providers.get('dated')!;
  assert.equal(dated.baseUrl, 'https://res.openai.azure.com');
  assert.deepEqual(chatEndpoint('azure-openai', dated, 'my-gpt-4o', true), {
    url: 'https://res.openai.azure.com/openai/deployments/my-gpt-4o/chat/completions?api-version=2025-04-01-preview',
    headers: { 'content-type': 'application/json', 'api-key': 'k' },
  });
  assert.equal(chatEndpoint('azure-openai', config.providers.get('v1')!, 'my-gpt-4o', false).url, 'https://res.openai.azure.com/openai/v1/chat/completions');
  const responses = config.providers.get('responses')!;
  assert.equal(responses.auth, 'entra');
  assert.deepEqual(chatEndpoint('azure-openai-responses', responses, 'gpt-5-mini', false), {
    url: 'https://res.openai.azure.com/openai/responses?api-version=2025-03-01-preview',
    headers: { 'content-type': 'application/json' },
  });
});

test('an azure-openai provider needs its endpoint and exactly one of apiKey and Entra ID', () => {
  assert.throws(() => resolve({ a: { dialect: 'azure-openai', apiKey: 'k' } }), /providers\.a\.baseUrl: a azure-openai provider needs its resource's endpoint/);
  assert.throws(() => resolve({ a: { dialect: 'azure-openai', baseUrl: 'https://r.openai.azure.com' } }), /providers\.a\.apiKey: .*auth: \{ type: entra \}/);
  assert.throws(() => resolve({ a: { dialect: 'azure-openai', baseUrl: 'https://r.openai.azure.com', apiKey: 'k', auth: { type: 'entra' } } }), /either apiKey or auth/);
  assert.throws(() => resolve({ a: { dialect: 'azure-openai', baseUrl: 'https://r.openai.azure.com', apiKey: 'k', apiVersion: 'latest' } }), /apiVersion/);
});

test('an azure-openai-responses provider refuses an api-version older than the Responses API, which Azure refuses on every request', () => {
  // "Azure OpenAI Responses API is enabled only for api-version 2025-03-01-preview and later" (github.com/Aider-AI/aider/issues/4029).
  const responses = (apiVersion: string) => ({ r: { dialect: 'azure-openai-responses', baseUrl: 'https://r.openai.azure.com', apiKey: 'k', apiVersion } });
  for (const apiVersion of ['2024-10-21', '2024-12-01-preview', '2025-01-01-preview']) {
    assert.throws(() => resolve(responses(apiVersion)), /providers\.r\.apiVersion: Azure serves the Responses API from api-version 2025-03-01-preview on/, apiVersion);
  }
  for (const apiVersion of ['2025-03-01-preview', '2025-04-01-preview']) assert.equal(resolve(responses(apiVersion)).providers.get('r')?.apiVersion, apiVersion);
  // Chat Completions takes the older versions.
  assert.equal(resolve({ c: { dialect: 'azure-openai', baseUrl: 'https://r.openai.azure.com', apiKey: 'k', apiVersion: '2024-10-21' } }).providers.get('c')?.apiVersion, '2024-10-21');
});

test('a vertex provider: the regional host, the global host, a baseUrl of scheme and host, a key file beside the configuration', () => {
  const config = resolve({
    gcp: { dialect: 'vertex', projectId: 'my-project', location: 'us-central1', credentialsFile: './service-account.json' },
    global: { dialect: 'vertex', projectId: 'my-project', location: 'global' },
    claude: { dialect: 'vertex-anthropic', projectId: 'my-project', location: 'us-east5', baseUrl: 'https://us-east5-aiplatform.example.test' },
  });
  const gcp = config.providers.get('gcp')!;
  assert.equal(gcp.baseUrl, 'https://us-central1-aiplatform.googleapis.com');
  assert.deepEqual(gcp.vertex, { projectId: 'my-project', location: 'us-central1', credentialsFile: join('/etc/interlingua', 'service-account.json') });
  assert.equal(
    chatEndpoint('vertex', gcp, 'gemini-2.5-flash', true).url,
    'https://us-central1-aiplatform.googleapis.com/v1beta1/projects/my-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
  );
  assert.equal(
    chatEndpoint('vertex', config.providers.get('global')!, 'gemini-3-flash-preview', false).url,
    'https://aiplatform.googleapis.com/v1beta1/projects/my-project/locations/global/publishers/google/models/gemini-3-flash-preview:generateContent',
  );
  assert.deepEqual(chatEndpoint('vertex-anthropic', config.providers.get('claude')!, 'claude-sonnet-4-5@20250929', false), {
    url: 'https://us-east5-aiplatform.example.test/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict',
    headers: { 'content-type': 'application/json' },
  });
});

test('a vertex provider needs its project and location, takes no key, and a baseUrl without a path', () => {
  assert.throws(() => resolve({ g: { dialect: 'vertex', location: 'us-central1' } }), /providers\.g\.projectId/);
  assert.throws(() => resolve({ g: { dialect: 'vertex', projectId: 'my-project' } }), /providers\.g\.location/);
  assert.throws(() => resolve({ g: { dialect: 'vertex', projectId: 'my-project', location: 'us-central1', apiKey: 'k' } }), /not a key/);
  assert.throws(() => resolve({ g: { dialect: 'vertex', projectId: 'my-project', location: 'us-central1', baseUrl: 'https://h.test/v1' } }), /only the scheme and host/);
});

test('cloud keys given to another kind of provider are errors, not ignored', () => {
  assert.throws(() => resolve({ o: { dialect: 'openai-chat', apiVersion: '2024-10-21' } }), /providers\.o\.apiVersion: applies to azure-openai/);
  assert.throws(() => resolve({ o: { dialect: 'anthropic', projectId: 'my-project' } }), /providers\.o\.projectId: applies to vertex/);
  assert.throws(() => resolve({ o: { dialect: 'gemini', credentialsFile: './sa.json' } }), /providers\.o\.credentialsFile: applies to vertex/);
});
