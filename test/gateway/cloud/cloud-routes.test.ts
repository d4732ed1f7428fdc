import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchRoute } from '../../../src/gateway/routes.js';
import { presentedKey } from '../../../src/keys/presented-key.js';

function chat(path: string) {
  const [pathname = '', query = ''] = path.split('?');
  const route = matchRoute('POST', pathname, query, {});
  assert.equal(route.kind, 'chat', path);
  return route.kind === 'chat' ? { dialect: route.inbound.dialect.name, context: route.inbound.context, bearer: route.bearer } : undefined;
}

test('Bedrock operations name the dialect, the model (URL-decoded) and whether to stream', () => {
  assert.deepEqual(chat('/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse'), { dialect: 'bedrock', context: { model: 'anthropic.claude-3-haiku-20240307-v1:0', stream: false }, bearer: 'gateway-key' });
  assert.deepEqual(chat('/model/m/converse-stream')?.context, { model: 'm', stream: true });
  assert.deepEqual(chat('/model/m/invoke'), { dialect: 'bedrock-anthropic', context: { model: 'm', stream: false }, bearer: 'gateway-key' });
  assert.deepEqual(chat('/model/m/invoke-with-response-stream')?.context, { model: 'm', stream: true });
});

test("Azure's deployments path names the model; the v1 path leaves it to the body", () => {
  assert.deepEqual(chat('/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21'), { dialect: 'openai-chat', context: { model: 'my-gpt' }, bearer: 'gateway-key' });
  assert.deepEqual(chat('/openai/v1/chat/completions'), { dialect: 'openai-chat', context: {}, bearer: 'gateway-key' });
  assert.equal(chat('/openai/v1/responses')?.dialect, 'openai-responses');
});

test("Vertex publisher paths: Gemini and Claude, v1 and v1beta1, with or without the project (express mode)", () => {
  const prefix = '/v1beta1/projects/p/locations/us-central1/publishers';
  assert.deepEqual(chat(`${prefix}/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse`), { dialect: 'gemini', context: { model: 'gemini-2.5-flash', stream: true }, bearer: 'platform-token' });
  assert.deepEqual(chat(`${prefix}/google/models/g:streamGenerateContent`)?.context, { model: 'g', stream: true, streamFraming: 'json-array' });
  assert.deepEqual(chat('/v1beta1/publishers/google/models/g:generateContent')?.context, { model: 'g', stream: false });
  assert.deepEqual(chat('/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict'), {
    dialect: 'anthropic',
    context: { model: 'claude-sonnet-4-5@20250929', stream: true },
    bearer: 'platform-token',
  });
  assert.equal(matchRoute('POST', '/v1/projects/p/locations/l/publishers/anthropic/models/c:generateContent', '', {}).kind, 'not-found');
  assert.equal(matchRoute('GET', '/model/m/converse', '', {}).kind, 'method-not-allowed');
});

test('a platform token yields to a key header; a SigV4 signature is no key', () => {
  const headers = { authorization: 'Bearer ya29.oauth', 'x-goog-api-key': 'gateway-key' };
  assert.equal(presentedKey(headers, '', 'platform-token'), 'gateway-key');
  assert.equal(presentedKey(headers, '', 'gateway-key'), 'ya29.oauth');
  assert.equal(presentedKey({ authorization: 'Bearer only-token' }, '', 'platform-token'), 'only-token');
  assert.equal(presentedKey({ 'api-key': 'azure-style' }, ''), 'azure-style');
  assert.equal(presentedKey({ authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abc' }, ''), undefined);
});

test("Vertex's count-tokens:rawPredict is token counting, keyed like the other Vertex paths", () => {
  const route = matchRoute('POST', '/v1/projects/p/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict', '', {});
  assert.equal(route.kind, 'count-tokens');
  if (route.kind === 'count-tokens') assert.equal(route.bearer, 'platform-token');
});

test("Azure's Responses API on the dated path takes the model from the body, keyed like chat", () => {
  assert.deepEqual(chat('/openai/responses?api-version=2025-03-01-preview'), { dialect: 'openai-responses', context: {}, bearer: 'gateway-key' });
});

test("Azure's embeddings: the deployments path names the model; the v1 path leaves it to the body", () => {
  const embeddings = (path: string) => {
    const route = matchRoute('POST', path, 'api-version=2024-10-21', {});
    assert.equal(route.kind, 'embeddings', path);
    return route.kind === 'embeddings' ? { dialect: route.inbound.dialect.name, context: route.inbound.context } : undefined;
  };
  assert.deepEqual(embeddings('/openai/deployments/my%20embedder/embeddings'), { dialect: 'openai-chat', context: { model: 'my embedder' } });
  assert.deepEqual(embeddings('/openai/v1/embeddings'), { dialect: 'openai-chat', context: {} });
  assert.equal(matchRoute('GET', '/openai/deployments/d/embeddings', '', {}).kind, 'method-not-allowed');
});

test("Vertex's :countTokens for Gemini (v1beta1, v1, express mode) is token counting, keyed like the other Vertex paths", () => {
  for (const path of [
    '/v1beta1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens',
    '/v1/projects/p/locations/global/publishers/google/models/gemini-2.5-flash:countTokens',
    '/v1beta1/publishers/google/models/gemini-2.5-flash:countTokens',
  ]) {
    const route = matchRoute('POST', path, '', {});
    assert.equal(route.kind, 'count-tokens', path);
    if (route.kind !== 'count-tokens') continue;
    assert.deepEqual({ dialect: route.inbound.dialect.name, context: route.inbound.context, bearer: route.bearer }, { dialect: 'gemini', context: { model: 'gemini-2.5-flash' }, bearer: 'platform-token' });
  }
  assert.equal(matchRoute('POST', '/v1/projects/p/locations/l/publishers/anthropic/models/claude:countTokens', '', {}).kind, 'not-found');
});
