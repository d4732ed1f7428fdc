/**
 * A key's budget holds against requests running together (README "Keys and limits"): each
 * request holds the most it may cost from admission until its real cost is counted, so twenty
 * requests sent at once against a budget that fits four are not all let through while the
 * budget still reads $0; and a request that fails lets go of its hold.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { until } from '../replicas/support/plugin-jobs.js';

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

/** Output tokens each request may have, and does: $0.01 of gpt-4o output. */
const maxTokens = 1000;

/** An OpenAI chat stream that uses all of `max_tokens` (its usage chunk last, as `include_usage` asks). */
function streamUsingAll(): string {
  const chunk = (body: object) => `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', ...body })}\n\n`;
  return (
    chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: 'hi' }, finish_reason: null }] }) +
    chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'length' }] }) +
    chunk({ choices: [], usage: { prompt_tokens: 5, completion_tokens: maxTokens, total_tokens: maxTokens + 5 } }) +
    'data: [DONE]\n\n'
  );
}

async function createKey(name: string, budget: number): Promise<string> {
  const response = await fetch(`${gatewayUrl}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, budget, budgetPeriod: 'total' }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { key: string }).key;
}

/** The key's usage records, once `count` are written. */
async function usageOf(name: string, count: number): Promise<Array<{ cost: number; status: number }>> {
  let rows: Array<{ cost: number; status: number }> = [];
  await until(
    async () => {
      const response = await fetch(`${gatewayUrl}/admin/usage?key=${name}`, { headers: { authorization: `Bearer ${adminKey}` } });
      rows = ((await response.json()) as { data: Array<{ cost: number; status: number }> }).data;
      return rows.length >= count;
    },
    10_000,
    `${count} usage records of ${name}`,
  );
  return rows;
}

async function streamOnce(client: OpenAI): Promise<void> {
  const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Say hi.' }], max_tokens: maxTokens, stream: true, stream_options: { include_usage: true } });
  for await (const _chunk of stream) {
    // read to the end
  }
}

test('20 requests at once against a budget that fits 4: 4 are held and answered, 16 refused with the budget error, spend within the budget', async () => {
  const budget = 0.05;
  const client = new OpenAI({ apiKey: await createKey('burst', budget), baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
  // Every admitted request is held at the upstream until each of the 20 is either there or refused,
  // so none ends (and counts its real cost) before the last admission was decided.
  let reached = 0;
  let refused = 0;
  let open!: () => void;
  const allDecided = new Promise<void>((resolve) => (open = resolve));
  const decided = () => {
    if (reached + refused === 20) open();
  };
  upstream.answerUnqueuedWith((): UpstreamReply => {
    reached++;
    decided();
    return { kind: 'stream', text: streamUsingAll(), pauseAfterFrames: 1, resume: allDecided };
  });
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, () =>
      streamOnce(client).catch((error: unknown) => {
        refused++;
        decided();
        throw error;
      }),
    ),
  );
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  for (const failure of failures) {
    assert.ok(failure instanceof OpenAI.RateLimitError, `refused with the SDK's 429 error: ${String(failure)}`);
    assert.match(failure.message, /has spent its budget/);
  }
  // Each hold: ~9 input tokens at $2.50/M (the gateway's estimate) + 1000 output tokens at $10/M, just over $0.01.
  assert.equal(reached, 4, 'as many as the budget fits');
  const rows = await usageOf('burst', 20);
  const spend = rows.reduce((sum, row) => sum + row.cost, 0);
  // Each request cost at most what it held (5 input tokens reported, fewer than estimated), so the bound is the budget itself.
  assert.ok(spend <= budget, `spend $${spend} within the $${budget} budget`);
  assert.equal(rows.filter((row) => row.status === 429).length, 16);
});

test('a request that fails lets go of its hold: the next one is admitted', async () => {
  // Room for one hold (just over $0.01) at a time, not two.
  const client = new OpenAI({ apiKey: await createKey('failing', 0.015), baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
  upstream.answerUnqueuedWith(() => ({ kind: 'stream', text: streamUsingAll() }));
  upstream.enqueue({ kind: 'json', status: 400, body: { error: { message: 'Invalid value for messages.', type: 'invalid_request_error', param: 'messages', code: null } } });
  await assert.rejects(streamOnce(client), (error: unknown) => error instanceof OpenAI.BadRequestError);
  await streamOnce(client);
  await assert.rejects(streamOnce(client), (error: unknown) => error instanceof OpenAI.RateLimitError, 'the answered one spent $0.01: no room for another hold');
});
