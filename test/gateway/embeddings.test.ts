/**
 * Embeddings across OpenAI, Gemini and Ollama, through their official clients, with recorded
 * upstream answers: every caller × upstream pair gets the upstream's vectors back intact.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { Ollama } from 'ollama';
import { modelFor, startHarness, type DialectName, type Harness } from './support/harness.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import type { UpstreamReply } from '../support/test-upstream.js';

type EmbeddingDialect = 'openai-chat' | 'gemini' | 'ollama';
const embeddingDialects: EmbeddingDialect[] = ['openai-chat', 'gemini', 'ollama'];

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Each upstream's recorded answer to two inputs, and the vectors in it. */
const upstreamAnswers: Record<EmbeddingDialect, { reply: UpstreamReply; vectors: number[][] }> = {
  'openai-chat': {
    reply: { kind: 'json', body: readFixtureText('openai-embeddings/response-float.json') },
    vectors: asArray(asRecord(readFixtureJson('openai-embeddings/response-float.json')).data).map((item) => asRecord(item).embedding as number[]),
  },
  gemini: {
    reply: { kind: 'json', body: readFixtureText('gemini/pa-batchEmbedContents-documents.response.json') },
    vectors: asArray(asRecord(readFixtureJson('gemini/pa-batchEmbedContents-documents.response.json')).embeddings).map((item) => asRecord(item).values as number[]),
  },
  ollama: {
    reply: { kind: 'json', body: readFixtureText('ollama/embed-response-multi.json') },
    vectors: asRecord(readFixtureJson('ollama/embed-response-multi.json')).embeddings as number[][],
  },
};

/** Embeds two texts as each client would, returning the vectors it got. */
async function embedAs(caller: EmbeddingDialect, gatewayUrl: string, model: string): Promise<number[][]> {
  const inputs = ['hello', 'world'];
  switch (caller) {
    case 'openai-chat': {
      // The SDK asks for base64 by default and decodes it: float32 precision.
      const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
      const response = await client.embeddings.create({ model, input: inputs });
      return response.data.map((item) => item.embedding);
    }
    case 'gemini': {
      const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });
      const response = await ai.models.embedContent({ model, contents: inputs });
      return (response.embeddings ?? []).map((embedding) => embedding.values ?? []);
    }
    case 'ollama': {
      const response = await new Ollama({ host: gatewayUrl }).embed({ model, input: inputs });
      return response.embeddings;
    }
  }
}

/** Upstream vectors reach the caller exactly, or to float32 precision where base64 carried them. */
function assertVectors(actual: number[][], expected: number[][]) {
  assert.equal(actual.length, expected.length);
  actual.forEach((vector, index) => {
    const want = expected[index] ?? [];
    assert.equal(vector.length, want.length);
    vector.forEach((value, position) => assert.ok(Math.fround(value) === Math.fround(want[position] ?? NaN), `vector ${index}[${position}]: ${value} vs ${want[position]}`));
  });
}

/** The two inputs as the upstream received them, read in its own format. */
function receivedInputs(upstream: EmbeddingDialect, body: unknown): string[] {
  const root = asRecord(body);
  switch (upstream) {
    case 'openai-chat':
      return asArray(root.input).map(String);
    case 'gemini':
      return asArray(root.requests).map((request) => String(asRecord(asArray(asRecord(asRecord(request).content).parts)[0]).text));
    case 'ollama':
      return asArray(root.input).map(String);
  }
}

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

for (const caller of embeddingDialects) {
  describe(`${caller} embeddings caller`, () => {
    for (const upstream of embeddingDialects) {
      test(`→ ${upstream} upstream: vectors intact, inputs in the upstream's format`, async () => {
        harness.upstreams[upstream as DialectName].enqueue(upstreamAnswers[upstream].reply);
        const vectors = await embedAs(caller, harness.gatewayUrl, modelFor(upstream));
        assertVectors(vectors, upstreamAnswers[upstream].vectors);
        const received = harness.upstreams[upstream as DialectName].requests[0];
        assert.deepEqual(receivedInputs(upstream, received?.body), ['hello', 'world']);
        const expectedPath = { 'openai-chat': '/v1/embeddings', gemini: '/v1beta/models/gemini-2.5-flash:batchEmbedContents', ollama: '/api/embed' }[upstream];
        assert.equal(received?.url, expectedPath);
      });
    }

    test('→ an Anthropic deployment (no embeddings API): a not-found error in the caller’s dialect', async () => {
      await assert.rejects(embedAs(caller, harness.gatewayUrl, modelFor('anthropic')), (error: unknown) => {
        const status = (error as { status?: number; status_code?: number }).status ?? (error as { status_code?: number }).status_code;
        return status === 404;
      });
      assert.equal(harness.upstreams.anthropic.requests.length, 0);
    });
  });
}
