/**
 * The repair of an unreadable emulated call is a second upstream call, billed like the first: the
 * caller's usage and the request's usage record hold both calls, whole and streamed, and a repair
 * that fails still records the tokens of both (and their cost).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { openaiChatReply } from '../plugins/support/scripted-replies.js';
import { adminKey, clientWithKey as keyClient, recordOf as firstRecord, type UsageRow } from '../support/admin-usage.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { local: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'k' } },
  // gpt-4o is priced in the catalog ($2.50 input, $10 output per million tokens), so the records have a cost.
  models: { emulated: [{ provider: 'local', model: 'gpt-4o', toolCalling: 'emulate', toolFormat: 'hermes' }] },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  adminKey,
}));

const tools: ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
];
const messages = [{ role: 'user' as const, content: 'Weather in Paris?' }];
const eachCall = { inputTokens: 100, outputTokens: 7, totalTokens: 107 };
const bothCallsCost = (200 * 2.5 + 14 * 10) / 1_000_000;

/** An answer with an unreadable call (a bare word as a JSON value), then the repair's answer. */
function scriptRepair(stream: boolean, repaired: string): void {
  setup.upstream.enqueue(
    openaiChatReply({ text: 'Sure. <tool_call>\n{"name": "get_weather", "arguments": {"city": Paris}}\n</tool_call>' }, stream, eachCall),
    openaiChatReply({ text: repaired }, false, eachCall),
  );
}
const goodRepair = '<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>';

function assertBothCalls(record: UsageRow): void {
  assert.equal(record.inputTokens, 200, 'both calls\' input tokens are recorded');
  assert.equal(record.outputTokens, 14, 'both calls\' output tokens are recorded');
  assert.ok(record.cost !== null && Math.abs(record.cost - bothCallsCost) < 1e-12, `both calls are priced: $${String(record.cost)}`);
}

test('a whole answer repaired: the caller\'s usage and the record hold both calls', async () => {
  scriptRepair(false, goodRepair);
  const client = await keyClient(setup.url, 'repaired-json');
  const completion = await client.chat.completions.create({ model: 'emulated', messages, tools });
  assert.equal(setup.upstream.requests.length, 2, 'the answer and its repair');
  const call = completion.choices[0]?.message.tool_calls?.[0];
  assert.equal(call?.type === 'function' ? call.function.name : undefined, 'get_weather');
  assert.equal(completion.usage?.prompt_tokens, 200);
  assert.equal(completion.usage?.completion_tokens, 14);
  assertBothCalls(await firstRecord(setup.url, 'repaired-json'));
});

test('a streamed answer repaired: the usage chunk and the record hold both calls', async () => {
  scriptRepair(true, goodRepair);
  const client = await keyClient(setup.url, 'repaired-stream');
  let usage: OpenAI.CompletionUsage | undefined;
  let called: string | undefined;
  for await (const chunk of await client.chat.completions.create({ model: 'emulated', messages, tools, stream: true, stream_options: { include_usage: true } })) {
    usage = chunk.usage ?? usage;
    called ??= chunk.choices[0]?.delta.tool_calls?.[0]?.function?.name;
  }
  assert.equal(setup.upstream.requests.length, 2);
  assert.equal(called, 'get_weather');
  assert.equal(usage?.prompt_tokens, 200);
  assert.equal(usage?.completion_tokens, 14);
  assertBothCalls(await firstRecord(setup.url, 'repaired-stream'));
});

test('a repair that fails, whole: a 502, and the record holds both calls\' tokens and cost', async () => {
  scriptRepair(false, 'I cannot.');
  const client = await keyClient(setup.url, 'failed-json');
  await assert.rejects(client.chat.completions.create({ model: 'emulated', messages, tools }), (error: unknown) => error instanceof OpenAI.APIError && error.status === 502);
  assert.equal(setup.upstream.requests.length, 2);
  const record = await firstRecord(setup.url, 'failed-json');
  assert.equal(record.status, 502);
  assertBothCalls(record);
});

test('a repair that fails, streamed: the error in-band, and the record holds both calls\' tokens', async () => {
  scriptRepair(true, 'I cannot.');
  const client = await keyClient(setup.url, 'failed-stream');
  const stream = await client.chat.completions.create({ model: 'emulated', messages, tools, stream: true, stream_options: { include_usage: true } });
  await assert.rejects(
    (async () => {
      for await (const _chunk of stream) {
        // read to the error
      }
    })(),
    (error: unknown) => error instanceof OpenAI.APIError && /could not be read/.test(error.message),
  );
  const record = await firstRecord(setup.url, 'failed-stream');
  assert.equal(record.errorCode, 'upstream_error');
  assertBothCalls(record);
});
