/**
 * A Gemini stream request (`streamGenerateContent`) answered with one whole JSON answer
 * (`content-type: application/json`) whose candidate ends with `MALFORMED_FUNCTION_CALL`: the
 * answer goes to the caller as a stream of one batch, and its failed finish must still reach
 * OpenAI callers as an error, as it does when the same finish comes in an SSE stream
 * (failed-finish.test.ts), never as `finish_reason: "stop"`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { passThroughSetup } from './support/pass-through-setup.js';

const usage = { promptTokenCount: 12, candidatesTokenCount: 3, totalTokenCount: 15 };

/** A whole GenerateContentResponse (https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse). */
function answer(parts: Array<Record<string, unknown>>): Record<string, unknown> {
  return {
    candidates: [{ index: 0, content: { role: 'model', parts }, finishReason: 'MALFORMED_FUNCTION_CALL', finishMessage: 'Malformed function call: lookup(' }],
    usageMetadata: usage,
    modelVersion: 'gemini-2.5-flash',
    responseId: 'resp-malformed-whole',
  };
}

const setup = passThroughSetup('failed-finish-whole', (baseUrl: string) => ({
  providers: { ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-test-key' } },
  models: { flash: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
  auth: { required: true },
  retry: { attempts: 0 },
}));

describe('a whole Gemini JSON answer to a stream request that ends with MALFORMED_FUNCTION_CALL', () => {
  test('with text before it, an OpenAI stream caller gets the text, then an error, never finish_reason "stop"', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: answer([{ text: 'Let me look that up.' }]) });
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: key, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'flash', stream: true, messages: [{ role: 'user', content: 'Look it up' }] });
    let text = '';
    const finishes: string[] = [];
    await assert.rejects(async () => {
      for await (const part of stream) {
        text += part.choices[0]?.delta.content ?? '';
        if (part.choices[0]?.finish_reason) finishes.push(part.choices[0].finish_reason);
      }
    }, /MALFORMED_FUNCTION_CALL/);
    assert.deepEqual({ text, finishes }, { text: 'Let me look that up.', finishes: [] });
    assert.match(setup.upstream.requests[0]?.url ?? '', /:streamGenerateContent/);
  });

  test('with nothing before it, an OpenAI stream caller gets an HTTP error', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: answer([]) });
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: key, maxRetries: 0 });
    const failed = await client.chat.completions.create({ model: 'flash', stream: true, messages: [{ role: 'user', content: 'Look it up' }] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(failed instanceof OpenAI.APIError, String(failed));
    assert.equal(failed.status, 502);
    assert.match(failed.message, /MALFORMED_FUNCTION_CALL/);
  });
});
