/**
 * The repair of an unreadable emulated call is a further upstream call of the same request, so a
 * key with a budget holds for it before it is sent, as for a plugin loop's next call
 * (gateway/grown-hold.ts; a hold is the most a call may cost, as LiteLLM's budget reservation is:
 * https://docs.litellm.ai/docs/proxy/budget_reservation). When what the answer spent leaves the
 * budget no room, the repair is not asked: the answer fails as a failed repair does, and its
 * tokens are recorded and priced.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { openaiChatReply } from '../plugins/support/scripted-replies.js';
import { adminKey, clientWithKey, recordOf as firstRecord, type UsageRow } from '../support/admin-usage.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { local: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'k' } },
  // gpt-4o is priced in the catalog ($2.50 input, $10 output per million tokens).
  models: { emulated: [{ provider: 'local', model: 'gpt-4o', toolCalling: 'emulate', toolFormat: 'hermes' }] },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  adminKey,
}));

const tools: ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
];
const messages = [{ role: 'user' as const, content: 'Weather in Paris?' }];
// A long answer: $0.30025, more than the key's $0.20 budget.
const answerUsage = { inputTokens: 100, outputTokens: 30_000, totalTokens: 30_100 };
const answerCost = (100 * 2.5 + 30_000 * 10) / 1_000_000;

/** An answer with an unreadable call (a bare word as a JSON value), and a repair that would read. */
function scriptRepair(stream: boolean): void {
  setup.upstream.enqueue(
    openaiChatReply({ text: 'Sure. <tool_call>\n{"name": "get_weather", "arguments": {"city": Paris}}\n</tool_call>' }, stream, answerUsage),
    openaiChatReply({ text: '<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>' }, false, { inputTokens: 10, outputTokens: 5, totalTokens: 15 }),
  );
}

/** A client with a key whose budget ($0.20 in all) the answer alone spends past. */
function clientWithBudget(name: string): Promise<OpenAI> {
  return clientWithKey(setup.url, name, { budget: 0.2, budgetPeriod: 'total' });
}

function assertAnswerCounted(record: UsageRow): void {
  assert.equal(record.errorCode, 'upstream_error');
  assert.deepEqual({ input: record.inputTokens, output: record.outputTokens }, { input: 100, output: 30_000 });
  assert.ok(record.cost !== null && Math.abs(record.cost - answerCost) < 1e-12, `the answer is priced: $${String(record.cost)}`);
}

test('whole: a repair the budget has no room for is not asked; a 502 that says why, and the answer is recorded', async () => {
  scriptRepair(false);
  const client = await clientWithBudget('repair-hold-json');
  await assert.rejects(
    client.chat.completions.create({ model: 'emulated', messages, tools, max_tokens: 16 }),
    (error: unknown) => error instanceof OpenAI.APIError && error.status === 502 && /not asked to correct it.*spent its budget/.test(error.message),
  );
  assert.equal(setup.upstream.requests.length, 1, 'the repair was never sent');
  const record = await firstRecord(setup.url, 'repair-hold-json');
  assert.equal(record.status, 502);
  assertAnswerCounted(record);
});

test('streamed: a repair the budget has no room for is not asked; the error in-band, and the answer is recorded', async () => {
  scriptRepair(true);
  const client = await clientWithBudget('repair-hold-stream');
  const stream = await client.chat.completions.create({ model: 'emulated', messages, tools, max_tokens: 16, stream: true, stream_options: { include_usage: true } });
  await assert.rejects(
    (async () => {
      for await (const _chunk of stream) {
        // read to the error
      }
    })(),
    (error: unknown) => error instanceof OpenAI.APIError && /not asked to correct it.*spent its budget/.test(error.message),
  );
  assert.equal(setup.upstream.requests.length, 1, 'the repair was never sent');
  assertAnswerCounted(await firstRecord(setup.url, 'repair-hold-stream'));
});
