/**
 * An Ollama model without the thinking capability refuses a request that asks it to think (`"llama3.2"
 * does not support thinking`, judged by test/support/vendor-rules/models/ollama-models.ts), and
 * Claude Code asks for thinking on every turn. The gateway asks such a deployment again at once
 * without reasoning, reports it, and asks it without reasoning from then on. The caller is the
 * official Anthropic SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let upstream: TestUpstream;
let gateway: Gateway;
let client: Anthropic;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { ol: { dialect: 'ollama', baseUrl: upstream.baseUrl } },
    models: { llama: [{ provider: 'ol', model: 'llama3.2' }], 'llama-stream': [{ provider: 'ol', model: 'llama3.1:8b' }], qwen: [{ provider: 'ol', model: 'qwen3:8b' }] },
  });
  gateway = createGateway(config, { logger: silentLogger });
  const port = (await gateway.listen(0, '127.0.0.1')).port;
  client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  // Both stop even when the upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), upstream.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => upstream.reset());

const thinking = { type: 'enabled' as const, budget_tokens: 2048 };
const sentThink = () => upstream.requests.map((request) => (request.body as { think?: unknown }).think);

test('a model that does not think is asked again without thinking, and the caller is told', async () => {
  upstream.enqueue(upstreamScenarios.ollama.text.reply);
  const { data, response } = await client.messages.create({ model: 'llama', max_tokens: 4096, thinking, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.ok(data.content.some((block) => block.type === 'text'));
  assert.deepEqual(sentThink(), [true, undefined]);
  assert.deepEqual(upstream.takeRefusals().map((refusal) => refusal.message), ['"llama3.2" does not support thinking']);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'reasoning'), JSON.stringify(warnings));

  // Remembered: the next request goes without thinking at once.
  upstream.enqueue(upstreamScenarios.ollama.text.reply);
  await client.messages.create({ model: 'llama', max_tokens: 4096, thinking, messages: [{ role: 'user', content: 'Hi again' }] });
  assert.deepEqual(sentThink(), [true, undefined, undefined]);
});

test('a stream too', async () => {
  upstream.enqueue(upstreamScenarios.ollama.streamText.reply);
  const stream = client.messages.stream({ model: 'llama-stream', max_tokens: 4096, thinking, messages: [{ role: 'user', content: 'Hi' }] });
  const message = await stream.finalMessage();
  assert.ok(message.content.some((block) => block.type === 'text'));
  assert.deepEqual(sentThink(), [true, undefined]);
  assert.equal(upstream.takeRefusals().length, 1);
});

test('a model that thinks is asked once, with thinking', async () => {
  upstream.enqueue(upstreamScenarios.ollama.text.reply);
  await client.messages.create({ model: 'qwen', max_tokens: 4096, thinking, messages: [{ role: 'user', content: 'Hi' }] });
  assert.deepEqual(sentThink(), [true]);
});
