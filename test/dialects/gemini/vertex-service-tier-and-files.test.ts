/**
 * Two things the Gemini API reads that Vertex AI refuses (the Vertex judge, test/support/vendor-rules/vertex.ts):
 * a body `serviceTier` ("Invalid value at 'service_tier'", github.com/googleapis/python-genai/issues/2433; Vertex
 * takes the tier from the X-Vertex-AI-LLM-Shared-Request-Type header, github.com/googleapis/python-genai/issues/2847)
 * and a Files API URI in `fileData` (not supported on Vertex, github.com/googleapis/js-genai/issues/581;
 * "Unsupported file uri", github.com/BerriAI/litellm/issues/11529). The Gemini API keeps both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { vertexGeminiDialect } from '../../../src/dialects/gemini/vertex-platform.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const model = 'gemini-2.5-flash';
const options = { model, defaultMaxOutputTokens: 100 };
const filesUri = 'https://generativelanguage.googleapis.com/v1beta/files/abc123';
const vertex = (body: unknown) =>
  judgeRequest({ method: 'POST', url: `/v1/projects/p/locations/global/publishers/google/models/${model}:generateContent`, headers: { authorization: 'Bearer ya29.token' }, body });
const gemini = (body: unknown) =>
  judgeRequest({ method: 'POST', url: `/v1beta/models/${model}:generateContent`, headers: { 'x-goog-api-key': 'key' }, body });

test('the Vertex judge refuses the Gemini API’s serviceTier in the body, in Vertex’s words; the Gemini judge takes it', () => {
  const body = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], serviceTier: 'flex' };
  const refusal = vertex(body);
  assert.equal(refusal?.rule, 'vertex.gemini.service-tier');
  assert.equal(refusal?.message, `Invalid value at 'service_tier' (type.googleapis.com/google.cloud.aiplatform.v1.ServiceTier), "flex"`);
  assert.equal(gemini(body), undefined);
});

test('a Gemini caller’s serviceTier goes to Vertex as the shared request type header, out of the body; to the Gemini API in the body', () => {
  for (const [tier, header] of [
    ['flex', 'flex'],
    ['priority', 'priority'],
    ['SERVICE_TIER_PRIORITY', 'priority'],
  ] as const) {
    const { request } = geminiDialect.parseRequest({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], serviceTier: tier }, { model });
    const emitted = vertexGeminiDialect.emitRequest(request, options);
    assert.equal((emitted.body as Record<string, unknown>)['serviceTier'], undefined);
    assert.deepEqual(emitted.headers, { 'x-vertex-ai-llm-shared-request-type': header });
    assert.deepEqual(emitted.warnings, []);
    assert.equal(vertex(emitted.body), undefined);
    assert.equal((geminiDialect.emitRequest(request, options).body as Record<string, unknown>)['serviceTier'], tier);
  }
  // Standard is Vertex's default: no header; a tier Vertex has no header value for is left out with a warning.
  const standard = vertexGeminiDialect.emitRequest(geminiDialect.parseRequest({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], serviceTier: 'standard' }, { model }).request, options);
  assert.equal(standard.headers, undefined);
  assert.equal(vertex(standard.body), undefined);
  const other = vertexGeminiDialect.emitRequest(geminiDialect.parseRequest({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], serviceTier: 'batch' }, { model }).request, options);
  assert.equal((other.body as Record<string, unknown>)['serviceTier'], undefined);
  assert.ok(other.warnings.some((warning) => warning.feature === 'service_tier'));
});

test('the Vertex judge refuses a Files API URI in fileData, in a user turn or a function response; gs:// passes', () => {
  const user = { contents: [{ role: 'user', parts: [{ fileData: { mimeType: 'application/pdf', fileUri: filesUri } }, { text: 'summarize' }] }] };
  assert.equal(vertex(user)?.rule, 'vertex.gemini.files-api-uri');
  assert.equal(vertex(user)?.message, `Unsupported file uri: ${filesUri}`);
  assert.equal(vertex({ contents: [{ role: 'user', parts: [{ fileData: { mimeType: 'application/pdf', fileUri: 'gs://bucket/a.pdf' } }, { text: 'summarize' }] }] }), undefined);
  assert.equal(gemini(user), undefined);
});

test('a Files API document is the Gemini API’s file id: the Gemini API gets it back as it came, Vertex and Anthropic leave it out with the file id warning', () => {
  const body = {
    contents: [
      { role: 'user', parts: [{ fileData: { mimeType: 'application/pdf', fileUri: filesUri } }, { fileData: { mimeType: 'image/png', fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/img9' } }, { text: 'summarize' }] },
    ],
  };
  const { request } = geminiDialect.parseRequest(body, { model });
  assert.deepEqual(request.messages[0]?.content[0], { type: 'file', source: { kind: 'file-id', fileId: filesUri, origin: 'gemini', mediaType: 'application/pdf' } });
  const toGemini = geminiDialect.emitRequest(request, options);
  assert.deepEqual((toGemini.body as { contents: unknown }).contents, body.contents);
  assert.deepEqual(toGemini.warnings, []);
  const toVertex = vertexGeminiDialect.emitRequest(request, options);
  assert.deepEqual((toVertex.body as { contents: unknown }).contents, [{ role: 'user', parts: [{ text: 'summarize' }] }]);
  assert.ok(toVertex.warnings.some((warning) => warning.feature === 'file.file_id' && warning.message.includes(filesUri)));
  assert.equal(vertex(toVertex.body), undefined);
  // A gs:// document stays on Vertex.
  const gs = geminiDialect.parseRequest({ contents: [{ role: 'user', parts: [{ fileData: { mimeType: 'application/pdf', fileUri: 'gs://bucket/a.pdf' } }, { text: 'summarize' }] }] }, { model }).request;
  assert.deepEqual((vertexGeminiDialect.emitRequest(gs, options).body as { contents: Array<{ parts: unknown[] }> }).contents[0]?.parts[0], { fileData: { mimeType: 'application/pdf', fileUri: 'gs://bucket/a.pdf' } });
  // Another vendor cannot open it either.
  const toAnthropic = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 100 });
  assert.ok(toAnthropic.warnings.some((warning) => warning.feature === 'file.file_id'));
  assert.ok(!JSON.stringify(toAnthropic.body).includes(filesUri));
});
