/**
 * OpenAI answers a call forced by a named `tool_choice` with `finish_reason: "stop"`, not
 * `"tool_calls"` (https://community.openai.com/t/function-call-with-finish-reason-of-stop/437226:
 * 500 of 500 forced calls; vLLM matches it, vllm-project/vllm#49496). An Anthropic caller's agent
 * loop runs tools only on `stop_reason: "tool_use"`, so the answer's calls decide, whole or streamed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
  models: { gpt: [{ provider: 'oa', model: 'gpt-4o' }] },
  retry: { attempts: 0 },
}));

const call = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };
const usage = { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 };
const forcedAnswer = {
  id: 'chatcmpl-forced',
  object: 'chat.completion',
  created: 1_750_000_000,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [call] }, finish_reason: 'stop', logprobs: null }],
  usage,
};

function chunk(delta: Record<string, unknown>, finish: string | null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-forced', object: 'chat.completion.chunk', created: 1_750_000_000, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

const forcedStream =
  chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, null) +
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Paris"}' } }] }, null) +
  chunk({}, 'stop') +
  `data: ${JSON.stringify({ id: 'chatcmpl-forced', object: 'chat.completion.chunk', created: 1_750_000_000, model: 'gpt-4o', choices: [], usage })}\n\n` +
  'data: [DONE]\n\n';

const request = {
  model: 'gpt',
  max_tokens: 100,
  messages: [{ role: 'user' as const, content: 'Weather in Paris?' }],
  tools: [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } }],
  tool_choice: { type: 'tool' as const, name: 'get_weather' },
};

test('a forced call OpenAI ends with "stop" reaches an Anthropic caller as tool_use', async () => {
  setup.upstream.enqueue({ kind: 'json', body: forcedAnswer });
  const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  const message = await client.messages.create(request);
  assert.deepEqual(
    { stop: message.stop_reason, blocks: message.content.map((block) => block.type) },
    { stop: 'tool_use', blocks: ['tool_use'] },
  );
});

test('the same forced call streamed reaches an Anthropic caller as tool_use', async () => {
  setup.upstream.enqueue({ kind: 'stream', text: forcedStream });
  const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  const message = await client.messages.stream(request).finalMessage();
  assert.deepEqual(
    { stop: message.stop_reason, blocks: message.content.map((block) => block.type) },
    { stop: 'tool_use', blocks: ['tool_use'] },
  );
});
