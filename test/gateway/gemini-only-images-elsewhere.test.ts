/**
 * A Gemini caller's `fileData` image names a file only Gemini can open (a gs:// Cloud Storage URI).
 * Upstreams that take images only as bytes (Bedrock Converse, Ollama) make the gateway fetch image
 * URLs first (src/gateway/image-inliner.ts); such a URI is nothing it can fetch, so it is left out with
 * the `image.url` warning the OpenAI and Anthropic upstreams give for it, and the rest of the request
 * is served. The caller is Gemini's REST API; every upstream request is judged by the vendor's rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { warningsOf } from './support/warnings-header.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' },
    ol: { dialect: 'ollama', baseUrl, apiKey: 'ollama-test-key' },
  },
  models: {
    nova: [{ provider: 'aws', model: 'us.amazon.nova-pro-v1:0' }],
    qwen: [{ provider: 'ol', model: 'qwen3.5:35b' }],
  },
  retry: { attempts: 1 },
}));

/** A Converse answer in the shape of API_runtime_Converse.html's Response Syntax. */
const converseAnswer = {
  output: { message: { role: 'assistant', content: [{ text: 'A cat.' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 12, outputTokens: 2, totalTokens: 14 },
  metrics: { latencyMs: 10 },
};

const fileUri = 'gs://my-bucket/cat.png';

for (const [model, answer] of [
  ['nova', { kind: 'json', body: converseAnswer }],
  ['qwen', upstreamScenarios.ollama.text.reply],
] as const) {
  test(`${model}: a gs:// fileData image is left out with a warning, and the text is served`, async () => {
    setup.upstream.enqueue(answer);
    const response = await fetch(`${setup.url}/v1beta/models/${model}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'caller' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ fileData: { mimeType: 'image/png', fileUri } }, { text: 'What is this?' }] }] }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const sent = JSON.stringify(setup.upstream.requests.at(-1)?.body);
    assert.match(sent, /What is this\?/);
    assert.doesNotMatch(sent, /my-bucket/);
    assert.ok(warningsOf(response.headers).some((entry) => entry.feature === 'image.url' && entry.type === 'unsupported'), JSON.stringify(warningsOf(response.headers)));
  });
}
