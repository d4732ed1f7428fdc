/**
 * A context cache is read only on the platform that made it: the Gemini API names its caches
 * `cachedContents/{id}`, Vertex AI `projects/{project}/locations/{location}/cachedContents/{id}`
 * (src/dialects/gemini/cached-content-name.ts cites both). Each judge refuses the other's name;
 * each emitter leaves the other's out with a warning and keeps its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { vertexGeminiDialect } from '../../../src/dialects/gemini/vertex-platform.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const model = 'gemini-2.5-flash';
const options = { model, defaultMaxOutputTokens: 100 };
const apiCache = 'cachedContents/abc123';
const vertexCache = 'projects/p/locations/us-central1/cachedContents/987';
const contents = [{ role: 'user', parts: [{ text: 'Summarize it' }] }];
const vertex = (body: unknown) =>
  judgeRequest({ method: 'POST', url: `/v1/projects/p/locations/us-central1/publishers/google/models/${model}:generateContent`, headers: { authorization: 'Bearer ya29.token' }, body });
const gemini = (body: unknown) => judgeRequest({ method: 'POST', url: `/v1beta/models/${model}:generateContent`, headers: { 'x-goog-api-key': 'key' }, body });

test('each judge takes its own platform’s cache name and refuses the other’s', () => {
  assert.equal(gemini({ contents, cachedContent: apiCache }), undefined);
  assert.equal(gemini({ contents, cachedContent: vertexCache })?.rule, 'gemini.cached-content.name');
  assert.equal(vertex({ contents, cachedContent: vertexCache }), undefined);
  assert.equal(vertex({ contents, cachedContent: apiCache })?.rule, 'vertex.gemini.cached-content.name');
});

test('each platform’s emitter keeps its own cache and leaves the other’s out with a warning', () => {
  for (const [dialect, judge, own, foreign] of [
    [geminiDialect, gemini, apiCache, vertexCache],
    [vertexGeminiDialect, vertex, vertexCache, apiCache],
  ] as const) {
    const kept = dialect.emitRequest(geminiDialect.parseRequest({ contents, cachedContent: own }, { model }).request, options);
    assert.equal((kept.body as Record<string, unknown>)['cachedContent'], own);
    assert.deepEqual(kept.warnings, []);
    assert.equal(judge(kept.body), undefined);

    const left = dialect.emitRequest(geminiDialect.parseRequest({ contents, cachedContent: foreign }, { model }).request, options);
    assert.equal((left.body as Record<string, unknown>)['cachedContent'], undefined);
    assert.ok(left.warnings.some((warning) => warning.feature === 'cachedContent' && warning.message.includes(foreign)), JSON.stringify(left.warnings));
    assert.equal(judge(left.body), undefined);
  }
});
