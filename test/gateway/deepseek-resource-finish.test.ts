/**
 * DeepSeek ends an answer its inference system cut off with `finish_reason:
 * "insufficient_system_resource"` (https://api-docs.deepseek.com/api/create-chat-completion). That is
 * a failed answer, not a clean end. A caller of another dialect, whose finish words have nothing
 * for it, would read it as `end_turn`: a whole answer comes with the failure told in the warnings
 * (chat-engine.ts), a stream that has begun ends in an in-band error. (An OpenAI caller's relayed
 * answer keeps DeepSeek's own word, as DeepSeek sent it.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { passThroughSetup } from './support/pass-through-setup.js';

const usage = { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 };
const cutAnswer = {
  id: 'cmpl-ds-1',
  object: 'chat.completion',
  created: 1_750_000_000,
  model: 'deepseek-chat',
  choices: [{ index: 0, message: { role: 'assistant', content: 'The answer is' }, finish_reason: 'insufficient_system_resource', logprobs: null }],
  usage,
};

function chunk(delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({ id: 'cmpl-ds-3', object: 'chat.completion.chunk', created: 1_750_000_000, model: 'deepseek-chat', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], ...extra })}\n\n`;
}

const setup = passThroughSetup('deepseek-finish', (baseUrl: string) => ({
  providers: {
    ds: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'ds-key' },
  },
  models: { chat: [{ provider: 'ds', model: 'deepseek-chat' }] },
  auth: { required: true },
  retry: { attempts: 0 },
}));

test('a whole answer cut off for want of resources is given with the failure told in the warnings', async () => {
  const { key } = await setup.newKey();
  setup.upstream.enqueue({ kind: 'json', body: cutAnswer });
  const client = new Anthropic({ baseURL: setup.url, apiKey: key, maxRetries: 0 });
  const { data, response } = await client.messages.create({ model: 'chat', max_tokens: 100, messages: [{ role: 'user', content: 'What is six times seven?' }] }).withResponse();
  assert.deepEqual(data.content, [{ type: 'text', text: 'The answer is' }]);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'finish_reason' && warning.message.includes('insufficient_system_resource')), JSON.stringify(warnings));
});

test('a stream cut off after its first words ends in an in-band error, never "end_turn"', async () => {
  const { key } = await setup.newKey();
  setup.upstream.enqueue({
    kind: 'stream',
    text: chunk({ role: 'assistant', content: 'The answer is' }, null) + chunk({}, 'insufficient_system_resource') + chunk({}, null, { choices: [], usage }) + 'data: [DONE]\n\n',
  });
  const client = new Anthropic({ baseURL: setup.url, apiKey: key, maxRetries: 0 });
  const stream = await client.messages.create({ model: 'chat', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'What is six times seven?' }] });
  let text = '';
  const stops: Array<string | null> = [];
  await assert.rejects(async () => {
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') stops.push(event.delta.stop_reason);
    }
  }, /insufficient_system_resource/);
  assert.deepEqual({ text, stops }, { text: 'The answer is', stops: [] });
});
