/**
 * A repair asked of a provider that answers whole requests by streaming (`quirks.completeAsStream`)
 * can end in a failed finish after its first words (DeepSeek's `insufficient_system_resource`). The
 * failure carries the repair's tokens; the answer it repaired was billed too, so the request's
 * record holds both calls, as a repair that fails any other way does (repair-usage.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { openaiChatReply } from '../plugins/support/scripted-replies.js';
import { adminKey, clientWithKey, recordOf } from '../support/admin-usage.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { local: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'k', quirks: { completeAsStream: true } } },
  // gpt-4o is priced in the catalog ($2.50 input, $10 output per million tokens).
  models: { emulated: [{ provider: 'local', model: 'gpt-4o', toolCalling: 'emulate', toolFormat: 'hermes' }] },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  adminKey,
}));

const tools: ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
];

function chunk(delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-r', object: 'chat.completion.chunk', created: 1_750_000_000, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
}

/** The repair's stream: its first words, then a failed finish, then its usage. */
const cutRepair =
  chunk({ role: 'assistant', content: '<tool_call>{"name": "get_weather", ' }, null) +
  chunk({}, 'insufficient_system_resource') +
  chunk({}, null, { choices: [], usage: { prompt_tokens: 1200, completion_tokens: 7, total_tokens: 1207 } }) +
  'data: [DONE]\n\n';

test('a repair cut by a failed finish: the record holds the repaired answer’s tokens and the repair’s', async () => {
  setup.upstream.enqueue(
    openaiChatReply({ text: 'Sure. <tool_call>\n{"name": "get_weather", "arguments": {"city": Paris}}\n</tool_call>' }, true, { inputTokens: 1000, outputTokens: 30_000, totalTokens: 31_000 }),
    { kind: 'stream', text: cutRepair },
  );
  const client = await clientWithKey(setup.url, 'cut-repair');
  await assert.rejects(client.chat.completions.create({ model: 'emulated', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools }), (error: unknown) => error instanceof OpenAI.APIError && error.status === 502);
  assert.equal(setup.upstream.requests.length, 2, 'the answer and its repair');
  const record = await recordOf(setup.url, 'cut-repair');
  assert.deepEqual([record.inputTokens, record.outputTokens], [2200, 30_007]);
  const cost = ((1000 + 1200) * 2.5 + (30_000 + 7) * 10) / 1_000_000;
  assert.ok(record.cost !== null && Math.abs(record.cost - cost) < 1e-12, `both calls are priced: $${String(record.cost)}`);
});
