/**
 * A Gemini stream whose first chunk ends with `finishReason: MALFORMED_FUNCTION_CALL`
 * (https://ai.google.dev/api/generate-content#FinishReason) fails its attempt before anything
 * reached the caller (gateway/failed-finish.ts), yet its `usageMetadata` counts tokens Google bills.
 * Those tokens belong to the request's usage record, its cost and its key's tokens per minute,
 * whether a retry answers or every attempt fails.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { passThroughSetup } from './support/pass-through-setup.js';

/** One Gemini SSE chunk, shaped as the recorded ones (test/fixtures/recorded/gemini/fantasy-gemini*.sse). */
function chunk(candidate: Record<string, unknown>, usageMetadata: Record<string, number>): string {
  return `data: ${JSON.stringify({ candidates: [{ index: 0, ...candidate }], usageMetadata, modelVersion: 'gemini-2.5-flash', responseId: 'resp-usage' })}\r\n\r\n`;
}

const malformed = chunk({ content: { role: 'model', parts: [] }, finishReason: 'MALFORMED_FUNCTION_CALL', finishMessage: 'Malformed function call: lookup(' }, { promptTokenCount: 12, candidatesTokenCount: 3, totalTokenCount: 15 });
const answered = chunk({ content: { role: 'model', parts: [{ text: 'It is sunny.' }] }, finishReason: 'STOP' }, { promptTokenCount: 20, candidatesTokenCount: 5, totalTokenCount: 25 });

const setup = passThroughSetup('failed-finish-usage', (baseUrl: string) => ({
  providers: { ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-test-key' } },
  models: { flash: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
  auth: { required: true },
  retry: { attempts: 1, initialDelayMs: 0, maxDelayMs: 0 },
  // US dollars per million tokens.
  prices: { 'gemini-2.5-flash': { input: 1, output: 2 } },
}));

function ask(key: string): Promise<unknown> {
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: key, maxRetries: 0 });
  return client.chat.completions
    .create({ model: 'flash', stream: true, messages: [{ role: 'user', content: 'Weather?' }] })
    .then(async (stream) => {
      let text = '';
      for await (const part of stream) text += part.choices[0]?.delta.content ?? '';
      return text;
    })
    .catch((error: unknown) => error);
}

describe('the tokens of an attempt that failed with MALFORMED_FUNCTION_CALL before any content', () => {
  test('are added to those of the retry that answered', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'stream', text: malformed });
    setup.upstream.enqueue({ kind: 'stream', text: answered });
    assert.equal(await ask(key), 'It is sunny.');
    const [record] = await setup.recordsOf(name);
    assert.deepEqual(
      { status: record?.status, attempts: record?.attempts?.map((attempt) => attempt.status), input: record?.inputTokens, output: record?.outputTokens },
      { status: 200, attempts: [502, 200], input: 32, output: 8 },
    );
    assert.ok(Math.abs((record?.cost ?? 0) - (32 * 1 + 8 * 2) / 1e6) < 1e-12, String(record?.cost));
  });

  test('count when every attempt failed: recorded, priced and held against the key\'s tokens per minute', async () => {
    const { key, name } = await setup.newKey({ tpm: 20 });
    setup.upstream.enqueue({ kind: 'stream', text: malformed });
    setup.upstream.enqueue({ kind: 'stream', text: malformed });
    const failed = await ask(key);
    assert.ok(failed instanceof OpenAI.APIError, String(failed));
    assert.equal(failed.status, 502);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual(
      { status: record?.status, errorCode: record?.errorCode, input: record?.inputTokens, output: record?.outputTokens },
      { status: 502, errorCode: 'upstream_error', input: 24, output: 6 },
    );
    assert.ok(Math.abs((record?.cost ?? 0) - (24 * 1 + 6 * 2) / 1e6) < 1e-12, String(record?.cost));
    // 30 tokens this minute, over the key's 20: the next request is refused before any upstream is asked.
    const refused = await ask(key);
    assert.ok(refused instanceof OpenAI.APIError, String(refused));
    assert.equal(refused.status, 429);
    assert.equal(setup.upstream.requests.length, 2);
  });
});
