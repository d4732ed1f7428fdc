/**
 * The Azure OpenAI and Vertex AI judges serve what the platforms served (recorded requests at their
 * recorded paths) and refuse what the platforms refuse: a wrong path, no credentials, a Claude body
 * in Anthropic's own shape — each in the platform's error body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest, type JudgedRequest } from '../support/vendor-rules/index.js';
import { readFixtureJson } from '../support/fixtures.js';

const request = (url: string, headers: JudgedRequest['headers'], body: unknown): JudgedRequest => ({ method: 'POST', url, headers, body });

test('azure-openai: recorded requests at their recorded paths are served, with a key or an Entra ID token', () => {
  // Paths from the MANIFEST lines of test/fixtures/recorded/azure-openai (fantasy-gpt5mini-chat-tool.i0, fantasy-gpt5mini-responses-v1).
  const chat = readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.request.json');
  assert.equal(judgeRequest(request('/openai/deployments/gpt-5-mini/chat/completions?api-version=2025-01-01-preview', { 'api-key': 'k' }, chat)), undefined);
  assert.equal(judgeRequest(request('/openai/v1/chat/completions', { authorization: 'Bearer entra' }, chat)), undefined);
  const responses = readFixtureJson('azure-openai/fantasy-gpt5mini-responses-v1.request.json');
  assert.equal(judgeRequest(request('/openai/v1/responses', { 'api-key': 'k' }, responses)), undefined);
});

test('azure-openai: a dated path without api-version is a 404, a request without credentials a 401, in Azure’s body', () => {
  const chat = readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.request.json');
  const noVersion = judgeRequest(request('/openai/deployments/gpt-5-mini/chat/completions', { 'api-key': 'k' }, chat));
  assert.equal(noVersion?.status, 404);
  assert.deepEqual(noVersion?.body, { error: { code: '404', message: 'Resource not found' } });
  const anonymous = judgeRequest(request('/openai/v1/chat/completions', {}, chat));
  assert.equal(anonymous?.status, 401);
  assert.match(JSON.stringify(anonymous?.body), /"code":"401","message":"Access denied due to invalid subscription key/);
});

test('azure-openai: the bodies are judged by OpenAI’s rules, per operation', () => {
  const refused = judgeRequest(request('/openai/v1/chat/completions', { 'api-key': 'k' }, { model: 'gpt-5-mini', messages: [] }));
  assert.equal(refused?.rule, 'openai-chat.messages.required');
  assert.equal((refused?.body as { error: { type: string } }).error.type, 'invalid_request_error');
  assert.equal(judgeRequest(request('/openai/v1/chat/completions', { 'api-key': 'k' }, { messages: [{ role: 'user', content: 'hi' }] }))?.rule, 'azure-openai.v1.model-is-deployment');
});

test('vertex: recorded Gemini and Claude requests at Vertex’s paths are served with a bearer token', () => {
  const bearer = { authorization: 'Bearer ya29.token' };
  // test/fixtures/recorded/vertex MANIFEST: fantasy-gemini25flash-generateContent-tool.i0 and fantasy-anthropic-rawPredict-claude37-tool.i0.
  const gemini = readFixtureJson('vertex/fantasy-gemini25flash-generateContent-tool.i0.request.json');
  assert.equal(judgeRequest(request('/v1beta1/projects/p/locations/us-east5/publishers/google/models/gemini-2.5-flash:generateContent', bearer, gemini)), undefined);
  const claude = readFixtureJson('vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.request.json');
  assert.equal(judgeRequest(request('/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-3-7-sonnet@20250219:rawPredict', bearer, claude)), undefined);
});

test('vertex: a key instead of a token is a 401 UNAUTHENTICATED; a Claude body with model and no vertex version is refused in Anthropic’s body', () => {
  const gemini = readFixtureJson('vertex/fantasy-gemini25flash-generateContent-tool.i0.request.json');
  const keyed = judgeRequest(request('/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent', { 'x-goog-api-key': 'k' }, gemini));
  assert.equal(keyed?.status, 401);
  assert.deepEqual((keyed?.body as { error: { status: string } }).error.status, 'UNAUTHENTICATED');
  assert.match(keyed?.message ?? '', /^API keys are not supported by this API/);
  const claude = readFixtureJson('vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.request.json') as Record<string, unknown>;
  const anthropicShaped = { ...claude, model: 'claude-3-7-sonnet-20250219', anthropic_version: undefined };
  const refused = judgeRequest(request('/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-3-7-sonnet@20250219:rawPredict', { authorization: 'Bearer t' }, anthropicShaped));
  assert.equal(refused?.rule, 'vertex.anthropic.version-in-body');
  assert.equal((refused?.body as { type: string }).type, 'error');
  const wrongMethod = judgeRequest(request('/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-3-7-sonnet@20250219:generateContent', { authorization: 'Bearer t' }, claude));
  assert.equal(wrongMethod?.status, 404);
});
