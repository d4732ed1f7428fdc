/**
 * A request whose attempts were priced in part: a priced deployment failed with tokens it bills
 * (a Gemini `MALFORMED_FUNCTION_CALL` before any content, https://ai.google.dev/api/generate-content#FinishReason,
 * failed-finish.ts), then a deployment with no price answered. The request's cost is unknown (no
 * price is guessed for the answer), but the failed attempt's dollars are known: the record keeps
 * them (`knownCost`) and the key's budget counts them, as LiteLLM counts an unpriced call as $0
 * beside priced ones (https://github.com/BerriAI/litellm/issues/11975).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { passThroughSetup } from './support/pass-through-setup.js';
import { spentSince } from '../../src/usage/usage-query.js';

/** One Gemini SSE chunk, shaped as the recorded ones (test/fixtures/recorded/gemini/fantasy-gemini*.sse). */
function chunk(candidate: Record<string, unknown>, usageMetadata: Record<string, number>): string {
  return `data: ${JSON.stringify({ candidates: [{ index: 0, ...candidate }], usageMetadata, modelVersion: 'gemini-2.5-flash', responseId: 'resp-partly' })}\r\n\r\n`;
}

// 100,000 input and 50,000 output tokens at $1 and $2 per million: $0.20.
const malformed = chunk({ content: { role: 'model', parts: [] }, finishReason: 'MALFORMED_FUNCTION_CALL', finishMessage: 'Malformed function call: lookup(' }, { promptTokenCount: 100_000, candidatesTokenCount: 50_000, totalTokenCount: 150_000 });
const answered = chunk({ content: { role: 'model', parts: [{ text: 'It is sunny.' }] }, finishReason: 'STOP' }, { promptTokenCount: 20, candidatesTokenCount: 5, totalTokenCount: 25 });
const failedDollars = (100_000 * 1 + 50_000 * 2) / 1e6;

const setup = passThroughSetup('partly-priced', (baseUrl: string) => ({
  providers: { ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-test-key' } },
  models: {
    flash: {
      deployments: [
        { provider: 'ge', model: 'gemini-2.5-flash' },
        // A tuned model of the operator's own: no price in the table or the catalog.
        { provider: 'ge', model: 'tuned-weather-model', priority: 1 },
      ],
    },
  },
  auth: { required: true },
  retry: { attempts: 0, initialDelayMs: 0, maxDelayMs: 0 },
  // US dollars per million tokens.
  prices: { 'gemini-2.5-flash': { input: 1, output: 2 } },
}));

async function ask(key: string): Promise<unknown> {
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: key, maxRetries: 0 });
  try {
    const stream = await client.chat.completions.create({ model: 'flash', stream: true, max_tokens: 16, messages: [{ role: 'user', content: 'Weather?' }] });
    let text = '';
    for await (const part of stream) text += part.choices[0]?.delta.content ?? '';
    return text;
  } catch (error) {
    return error;
  }
}

describe('a failed priced attempt followed by an answer from a deployment with no price', () => {
  test("is recorded with no price and its known dollars, and they count against the key's budget", async () => {
    const started = Date.now();
    // Room for the first request's hold (16 output tokens), not for a second request once $0.20 is spent.
    const { key, record: created } = await setup.gateway.services.keys.create({ name: 'partly-priced-budget', budget: { usd: 0.15, period: 'total' } });
    setup.upstream.enqueue({ kind: 'stream', text: malformed }, { kind: 'stream', text: answered });
    assert.equal(await ask(key), 'It is sunny.');
    const [record] = await setup.recordsOf('partly-priced-budget');
    assert.deepEqual(
      { status: record?.status, attempts: record?.attempts?.map((attempt) => `${attempt.deployment} ${attempt.status}`), cost: record?.cost, input: record?.inputTokens, output: record?.outputTokens },
      { status: 200, attempts: ['ge/gemini-2.5-flash 502', 'ge/tuned-weather-model 200'], cost: null, input: 100_020, output: 50_005 },
    );
    assert.ok(Math.abs((record?.knownCost ?? 0) - failedDollars) < 1e-12, String(record?.knownCost));
    // The store's spend, which budgets are read back from after a restart, holds them too.
    const spent = await spentSince(await setup.gateway.services.store.get(), created.id, started - 1000);
    assert.ok(Math.abs(spent - failedDollars) < 1e-12, String(spent));
    // $0.20 spent of $0.15: the next request is refused before any upstream is asked.
    const refused = await ask(key);
    assert.ok(refused instanceof OpenAI.RateLimitError && /has spent its budget/.test(refused.message), String(refused));
    assert.equal(setup.upstream.requests.length, 2);
  });
});
