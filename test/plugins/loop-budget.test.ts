/**
 * A plugin model's one request makes up to `maxSteps` model calls, so a key's budget is checked
 * before each further call, and the request's hold grows to what the loop spent plus that call's
 * most (README "Keys and limits"). A call that does not fit ends the loop with the key's budget
 * refusal, as LiteLLM refuses each call of an agent loop that runs into a budget, before the
 * provider is asked (https://docs.litellm.ai/docs/proxy/budget_exceeded_errors); the calls already
 * made are still counted against the key.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { until } from '../replicas/support/plugin-jobs.js';
import { openaiChatReply } from './support/scripted-replies.js';

const adminKey = 'admin-key-for-tests-0123456789';
const upstream = new TestUpstream();
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  await upstream.start();
  gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
      plugins: { calculator: { type: 'builtin', builtin: 'calculator' } },
      // gpt-4o: $2.50 input, $10 output per million tokens (src/usage/prices.ts).
      models: { looper: { deployments: [{ provider: 'oa', model: 'gpt-4o' }], plugins: ['calculator'], maxSteps: 8 } },
      retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
      adminKey,
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});
beforeEach(() => upstream.reset());

/** Output tokens each call may have, and uses: $0.01 of gpt-4o output a call. */
const maxTokens = 1000;
/** Room for two calls (each holds just over $0.01, and costs $0.01), not three. */
const budget = 0.025;

/** Every model call asks for the calculator again, using all its output tokens. */
function alwaysCallingCalculator(stream: boolean): void {
  let call = 0;
  upstream.answerUnqueuedWith(() =>
    openaiChatReply({ calls: [{ id: `call_${++call}`, name: 'calculator', args: { expression: `${call} + 1` } }] }, stream, { inputTokens: 5, outputTokens: maxTokens, totalTokens: maxTokens + 5 }),
  );
}

async function createKey(name: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, budget, budgetPeriod: 'total' }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { key: string }).key;
}

async function recordOf(name: string): Promise<{ cost: number; status: number; errorCode?: string }> {
  let rows: Array<{ cost: number; status: number; errorCode?: string }> = [];
  await until(
    async () => {
      const response = await fetch(`${gatewayUrl}/admin/usage?key=${name}`, { headers: { authorization: `Bearer ${adminKey}` } });
      rows = ((await response.json()) as { data: typeof rows }).data;
      return rows.length >= 1;
    },
    10_000,
    `the usage record of ${name}`,
  );
  return rows[0] as (typeof rows)[number];
}

const question = { model: 'looper', max_tokens: maxTokens, messages: [{ role: 'user' as const, content: 'Count up with the calculator.' }] };

test('a loop stops at the call its key\'s budget has no room for: the 429 budget refusal, the calls made counted, spend within the budget', async () => {
  alwaysCallingCalculator(false);
  const client = new OpenAI({ apiKey: await createKey('looping'), baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
  await assert.rejects(client.chat.completions.create(question), (error: unknown) => error instanceof OpenAI.RateLimitError && /has spent its budget/.test(error.message));
  assert.equal(upstream.requests.length, 2, 'two calls fit the budget, the third is never sent');
  const record = await recordOf('looping');
  assert.equal(record.status, 429);
  assert.ok(Math.abs(record.cost - 2 * (5 * 2.5 + maxTokens * 10) / 1_000_000) < 1e-9, `both calls made are counted: $${record.cost}`);
  assert.ok(record.cost <= budget);
  // What was spent stays spent: the next request has no room either.
  await assert.rejects(client.chat.completions.create(question), (error: unknown) => error instanceof OpenAI.RateLimitError);
  assert.equal(upstream.requests.length, 2);
});

test('streamed, the refusal comes in-band after what the loop showed, and the calls made are counted', async () => {
  alwaysCallingCalculator(true);
  const client = new OpenAI({ apiKey: await createKey('looping-stream'), baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
  const stream = await client.chat.completions.create({ ...question, stream: true });
  await assert.rejects(
    (async () => {
      for await (const _chunk of stream) {
        // read to the error
      }
    })(),
    (error: unknown) => error instanceof OpenAI.APIError && /has spent its budget/.test(error.message),
  );
  assert.equal(upstream.requests.length, 2);
  const record = await recordOf('looping-stream');
  assert.equal(record.errorCode, 'rate_limited');
  assert.ok(record.cost > 0.02 - 1e-9 && record.cost <= budget, `both calls made are counted: $${record.cost}`);
});
