/**
 * Qwen through DashScope's compatible mode (the `qwen` preset), judged by DashScope's rules
 * (test/support/vendor-rules/dashscope.ts): its Qwen3 models think only in streamed calls, and the
 * open-source ones think unless told not to, so a caller's whole answer is asked for as a stream and
 * folded. The upstream replays a recorded DashScope stream (fixtures/openai-compat/alibaba-qwen-stream-tool-call-empty-id.data.ndjson).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureDataLines } from '../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let port: number;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { qwen: { dialect: 'qwen', baseUrl: `${upstream.baseUrl}/compatible-mode/v1`, apiKey: 'sk-dashscope' } },
    models: { qwen: [{ provider: 'qwen', model: 'qwen3-32b' }], 'qwen-max': [{ provider: 'qwen', model: 'qwen-max' }] },
  });
  gateway = createGateway(config, { logger: silentLogger });
  port = (await gateway.listen(0, '127.0.0.1')).port;
});
after(async () => {
  // Both stop even when the upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), upstream.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => upstream.reset());

/** The recorded DashScope stream (one data JSON per line in the recording) framed as SSE again. */
function recordedStream(): string {
  return `${readFixtureDataLines('openai-compat/alibaba-qwen-stream-tool-call-empty-id.data.ndjson').map((frame) => `data: ${frame.data}\n\n`).join('')}data: [DONE]\n\n`;
}

const weather = { type: 'function' as const, function: { name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } };

test('a whole answer is asked for as a stream, and the caller gets it whole: the tool call and the usage', async () => {
  upstream.enqueue({ kind: 'stream', text: recordedStream() });
  const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'caller', maxRetries: 0 });
  const completion = await client.chat.completions.create({ model: 'qwen', tools: [weather], messages: [{ role: 'user', content: 'Weather in San Francisco?' }] });
  const call = completion.choices[0]?.message.tool_calls?.[0];
  assert.equal(call?.type === 'function' ? call.function.name : undefined, 'weather');
  assert.deepEqual(JSON.parse(call?.type === 'function' ? call.function.arguments : '{}'), { location: 'San Francisco' });
  assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
  assert.ok((completion.usage?.total_tokens ?? 0) > 0);
  const sent = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(sent.stream, true);
  assert.deepEqual(sent.stream_options, { include_usage: true });
});

test('thinking asked of a whole answer goes as enable_thinking in a stream', async () => {
  upstream.enqueue({ kind: 'stream', text: recordedStream() });
  const client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'caller', maxRetries: 0 });
  const message = await client.messages.create({
    model: 'qwen',
    max_tokens: 4000,
    thinking: { type: 'enabled', budget_tokens: 2000 },
    tools: [{ name: 'weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } }],
    messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
  });
  assert.equal(message.stop_reason, 'tool_use');
  const sent = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(sent.stream, true);
  assert.equal(sent.enable_thinking, true);
  assert.equal(sent.thinking_budget, 2000);
});

test("Claude Code's 32000 output tokens to Qwen-Max, which writes at most 8192: lowered, with a warning", async () => {
  upstream.enqueue({ kind: 'stream', text: recordedStream() });
  const client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages.create({ model: 'qwen-max', max_tokens: 32000, messages: [{ role: 'user', content: 'Weather in San Francisco?' }] }, { timeout: 60_000 }).withResponse();
  assert.equal((upstream.requests[0]?.body as Record<string, unknown>).max_tokens, 8192);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /max_output_tokens/);
});
