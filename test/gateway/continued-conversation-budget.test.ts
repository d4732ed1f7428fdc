/**
 * A Responses turn that continues a stored one (`previous_response_id`) sends the whole stored
 * conversation upstream, so its key's budget hold covers that conversation, not only the new
 * input (README "Keys and limits"): the same turn sent inline, history and all, would hold as
 * much. Each hold is the most the request may cost, as LiteLLM's budget reservation is
 * (https://docs.litellm.ai/docs/proxy/budget_reservation).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';

const adminKey = 'admin-key-for-tests-0123456789';
const upstream = new TestUpstream();
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  await upstream.start();
  gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
      // gpt-4o: $2.50 input, $10 output per million tokens (src/usage/prices.ts).
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
      adminKey,
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  // Each answer reports a few tokens: what is spent stays far below what is held.
  upstream.answerUnqueuedWith(() => ({
    kind: 'json',
    body: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Noted.' }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
    },
  }));
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});

async function createKey(name: string, budget: number): Promise<string> {
  const response = await fetch(`${gatewayUrl}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, budget, budgetPeriod: 'total' }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { key: string }).key;
}

/** About 20,000 tokens: ~$0.05 of gpt-4o input. */
const longText = 'The quick brown fox jumps over the lazy dog. '.repeat(2000);

test('a continued turn holds for its stored conversation: refused when history and new input do not fit the budget', async () => {
  // Room for one long input (~$0.05), not for two (~$0.10).
  const client = new OpenAI({ apiKey: await createKey('continuing', 0.075), baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
  const first = await client.responses.create({ model: 'chat', input: longText, max_output_tokens: 16 });
  const sent = upstream.requests.length;
  await assert.rejects(
    client.responses.create({ model: 'chat', previous_response_id: first.id, input: `Once more: ${longText}`, max_output_tokens: 16 }),
    (error: unknown) => error instanceof OpenAI.RateLimitError && /has spent its budget/.test(error.message),
  );
  assert.equal(upstream.requests.length, sent, 'the continued turn never reached the upstream');
  // The same turn without its history fits: the refusal was for the history.
  await client.responses.create({ model: 'chat', input: `Once more: ${longText}`, max_output_tokens: 16 });
});
