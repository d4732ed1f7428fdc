/**
 * Token counts an upstream reports past any real count (1e308) read as absent. They were taken
 * as they came: their cost was Infinity, and the metrics' counters refuse a count that is not
 * finite by throwing, from the timer that hands them over, after the caller had its answer: the
 * process ended with exit code 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' },
    ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-key' },
  },
  models: { gpt: [{ provider: 'oa', model: 'gpt-4o' }], gemini: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
  retry: { attempts: 0 },
}));

const huge = 1e308;
const answers = {
  gpt: { id: 'c1', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: huge, completion_tokens: 3, total_tokens: huge } },
  gemini: { candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: huge, candidatesTokenCount: huge, totalTokenCount: huge }, modelVersion: 'gemini-2.5-flash' },
};

test('an upstream usage of 1e308 is no count: the caller is answered, and the metrics still collect', async () => {
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
  for (const [model, body] of Object.entries(answers)) {
    setup.upstream.enqueue({ kind: 'json', body });
    const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'hi', model);
    // An OpenAI caller of an OpenAI upstream gets the answer's bytes as they came (pass-through/); a translated one, no such count.
    if (model === 'gemini') assert.ok(!JSON.stringify(completion.usage ?? {}).includes('e+308'), `${model}: ${JSON.stringify(completion.usage)}`);
  }
  // The metrics hand sums over from a timer (every 250 ms), and a scrape hands them over at once.
  await new Promise((resolve) => setTimeout(resolve, 400));
  const scraped = await fetch(`${setup.url}/metrics`);
  assert.equal(scraped.status, 200);
  const sums = (await scraped.text()).split('\n').filter((line) => /^interlingua_(?:tokens_total|cost_usd_total)\{/.test(line));
  assert.ok(sums.every((line) => !/ (?:[+-]?Inf|NaN|\S*e\+\d+)$/.test(line)), sums.join('\n'));
});
