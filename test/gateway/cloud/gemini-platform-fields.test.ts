/**
 * The Gemini API and Vertex AI each have a few request fields the other lacks and refuses as an
 * unknown name: Vertex's `generationConfig.audioTimestamp`, `routingConfig`, `modelConfig` and
 * `modelArmorConfig`, the Gemini API's `store` and `generationConfig.enableEnhancedCivicAnswers`
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/GenerationConfig;
 * https://ai.google.dev/api/generate-content#generationconfig), and so are Vertex's `retrieval` tool and
 * the Gemini API's `fileSearch` (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/Tool;
 * https://ai.google.dev/api/caching#Tool). A caller of one platform reaching
 * the other gets its request served without them, and a warning for each; on its own platform
 * they go through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudGateway } from '../../support/cloud-gateway.js';

type Json = Record<string, unknown>;

const setup = cloudGateway(['gemini', 'vertex'], ({ gemini, vertex }, credentialsFile) => ({
  providers: {
    google: { dialect: 'gemini', baseUrl: gemini, apiKey: 'gemini-key' },
    gcp: { dialect: 'vertex', projectId: 'test-project', location: 'us-central1', baseUrl: vertex, credentialsFile },
  },
  models: {
    'on-gemini-api': [{ provider: 'google', model: 'gemini-2.5-flash' }],
    'on-vertex': [{ provider: 'gcp', model: 'gemini-2.5-flash' }],
  },
  retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
  routing: { cooldown: false },
}));

const answer = { kind: 'json' as const, body: { candidates: [{ content: { role: 'model', parts: [{ text: 'Hi.' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 } } };
const contents = [{ role: 'user', parts: [{ text: 'Hi' }] }];

const retrieval = { retrieval: { vertexAiSearch: { datastore: 'projects/p/locations/global/collections/default_collection/dataStores/d' } } };
const fileSearch = { fileSearch: { fileSearchStoreNames: ['fileSearchStores/s'] } };
const vertexOwn = { labels: { team: 'search' }, tools: [{ googleSearch: {} }, retrieval], modelArmorConfig: { promptTemplateName: 'projects/p/locations/us-central1/templates/t' }, generationConfig: { temperature: 0.2, audioTimestamp: true, routingConfig: { autoMode: { modelRoutingPreference: 'BALANCED' } }, modelConfig: { featureSelectionPreference: 'PRIORITIZE_COST' } } };
const geminiApiOwn = { labels: { team: 'search' }, tools: [fileSearch], store: true, generationConfig: { temperature: 0.2, enableEnhancedCivicAnswers: true } };

async function send(path: string, headers: Record<string, string>, body: Json, upstream: 'gemini' | 'vertex'): Promise<{ status: number; text: string; sent: Json; warnings: string[] }> {
  setup.upstreams[upstream].enqueue(answer);
  const response = await fetch(`${setup.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ contents, ...body }) });
  const text = await response.text();
  const warnings = (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
  return { status: response.status, text, sent: (setup.upstreams[upstream].requests.at(-1)?.body ?? {}) as Json, warnings };
}

const asVertexCaller = (model: string, body: Json, upstream: 'gemini' | 'vertex') =>
  send(`/v1beta1/projects/my-project/locations/us-central1/publishers/google/models/${model}:generateContent`, { authorization: 'Bearer ya29.caller' }, body, upstream);
const asGeminiCaller = (model: string, body: Json, upstream: 'gemini' | 'vertex') => send(`/v1beta/models/${model}:generateContent`, { 'x-goog-api-key': 'caller' }, body, upstream);

test("a Vertex caller's own fields reach the Gemini API left out, each with a warning", async () => {
  const result = await asVertexCaller('on-gemini-api', vertexOwn, 'gemini');
  assert.equal(result.status, 200, result.text);
  assert.deepEqual(result.sent['generationConfig'], { temperature: 0.2 });
  assert.equal(result.sent['modelArmorConfig'], undefined);
  assert.deepEqual(result.sent['labels'], { team: 'search' }, 'both platforms take labels');
  assert.deepEqual(result.sent['tools'], [{ googleSearch: {} }], 'both platforms serve Google Search');
  for (const feature of ['tools.retrieval', 'modelArmorConfig', 'generationConfig.audioTimestamp', 'generationConfig.routingConfig', 'generationConfig.modelConfig']) assert.ok(result.warnings.includes(feature), `${feature}: ${result.warnings.join(', ')}`);
});

test("a Gemini API caller's own fields reach Vertex left out, each with a warning", async () => {
  const result = await asGeminiCaller('on-vertex', geminiApiOwn, 'vertex');
  assert.equal(result.status, 200, result.text);
  assert.deepEqual(result.sent['generationConfig'], { temperature: 0.2 });
  assert.equal(result.sent['store'], undefined);
  assert.deepEqual(result.sent['labels'], { team: 'search' });
  assert.equal(result.sent['tools'], undefined, 'no tool is left to send');
  for (const feature of ['tools.fileSearch', 'store', 'generationConfig.enableEnhancedCivicAnswers']) assert.ok(result.warnings.includes(feature), `${feature}: ${result.warnings.join(', ')}`);
});

test('on its own platform each caller’s fields go through unchanged', async () => {
  const vertex = await asVertexCaller('on-vertex', vertexOwn, 'vertex');
  assert.equal(vertex.status, 200, vertex.text);
  assert.deepEqual(vertex.sent['generationConfig'], vertexOwn.generationConfig);
  assert.deepEqual(vertex.sent['modelArmorConfig'], vertexOwn.modelArmorConfig);
  assert.deepEqual(vertex.sent['tools'], vertexOwn.tools);
  const gemini = await asGeminiCaller('on-gemini-api', geminiApiOwn, 'gemini');
  assert.equal(gemini.status, 200, gemini.text);
  assert.deepEqual(gemini.sent['generationConfig'], geminiApiOwn.generationConfig);
  assert.equal(gemini.sent['store'], true);
  assert.deepEqual(gemini.sent['tools'], geminiApiOwn.tools);
});
