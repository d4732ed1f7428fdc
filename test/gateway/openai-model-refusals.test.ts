/**
 * What OpenAI's models and Moonshot's Kimi refuse over Chat Completions, met by the gateway before the
 * request leaves: `stop` for o3 and gpt-5.1, reasoning efforts the gpt-5 chat models do not take, a
 * model served by the Responses API only, an assistant turn Kimi finds empty, and an image only Gemini
 * can open. Every upstream request is judged by the vendor's rules (test/support/vendor-rules), so one
 * the vendor would refuse fails the file; the caller is told what changed. Callers are the official SDKs
 * and Gemini's REST API.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { recordedAnswer } from './support/recorded-answers.js';
import { warningsOf } from './support/warnings-header.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

const openaiModels = ['o3', 'o3-2025-04-16', 'gpt-5.1', 'gpt-5-chat-latest', 'gpt-5.1-chat-latest', 'gpt-5.2-chat-latest', 'o3-pro', 'o1-pro', 'gpt-5-codex', 'codex-mini-latest', 'gpt-4.1'];

before(async () => {
  // Moonshot's path is OpenAI's: its judge is named by the path under which it is served here.
  upstream = await new TestUpstream({ vendor: (request) => (request.url.startsWith('/moonshot/') ? 'moonshot' : undefined) }).start();
  upstream.answerUnqueuedWith((request) => (request.url.endsWith('/responses') ? recordedAnswer('openai-responses')(request) : recordedAnswer('openai-chat')(request)));
  const config = resolveConfig({
    providers: {
      openai: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-openai' },
      kimi: { dialect: 'moonshot', baseUrl: `${upstream.baseUrl}/moonshot/v1`, apiKey: 'sk-moonshot' },
    },
    models: {
      ...Object.fromEntries(openaiModels.map((model) => [model, [{ provider: 'openai', model }]])),
      'kimi-k2.6': [{ provider: 'kimi', model: 'kimi-k2.6' }],
    },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  const stopped = await Promise.allSettled([gateway.close(), upstream.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => upstream.reset());

/** The one request the upstream received, after checking that its judge served it. */
function received(): { url: string; body: Record<string, unknown> } {
  assert.deepEqual(upstream.takeRefusals().map((refusal) => `${refusal.rule}: ${refusal.message}`), [], 'the upstream served the request as its vendor would');
  const request = upstream.requests.at(-1);
  assert.ok(request !== undefined, 'the upstream received the request');
  return { url: request.url, body: request.body as Record<string, unknown> };
}

const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
const features = (headers: Headers) => warningsOf(headers).map((warning) => warning.feature);

test('Anthropic SDK with stop sequences to o3 (dated too) and gpt-5.1: stop is left out, and the caller is told', async () => {
  for (const model of ['o3', 'o3-2025-04-16', 'gpt-5.1']) {
    upstream.reset();
    const { response } = await anthropic()
      .messages.create({ model, max_tokens: 200, stop_sequences: ['\n\nHuman:'], messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.equal(received().body['stop'], undefined, model);
    assert.ok(features(response.headers).some((feature) => feature.includes('stop')), `${model}: ${features(response.headers).join(', ')}`);
  }
});

test('Claude Code thinking to gpt-5-chat-latest goes without reasoning_effort; to gpt-5.x-chat-latest as medium, with a warning', async () => {
  const ask = (model: string, budget: number) =>
    anthropic()
      .messages.create({ model, max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: budget }, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
  await ask('gpt-5-chat-latest', 4000);
  assert.equal(received().body['reasoning_effort'], undefined);
  for (const [model, budget] of [['gpt-5.1-chat-latest', 7999], ['gpt-5.2-chat-latest', 1024]] as const) {
    upstream.reset();
    const { response } = await ask(model, budget);
    assert.equal(received().body['reasoning_effort'], 'medium', model);
    assert.ok(warningsOf(response.headers).length > 0, `${model}: the caller is told its effort was changed`);
  }
});

test('A model served by the Responses API only goes to the provider’s /v1/responses, for an Anthropic or an OpenAI caller', async () => {
  for (const model of ['o3-pro', 'o1-pro', 'gpt-5-codex', 'codex-mini-latest']) {
    upstream.reset();
    const { data, response } = await anthropic().messages.create({ model, max_tokens: 200, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    const { url, body } = received();
    assert.equal(url, '/v1/responses', model);
    assert.equal(body['model'], model);
    assert.ok(features(response.headers).includes('endpoint'), model);
    assert.ok(data.content.some((block) => block.type === 'text' && block.text.length > 0), model);
  }
  upstream.reset();
  const openai = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const completion = await openai.chat.completions.create({ model: 'o3-pro', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(received().url, '/v1/responses');
  assert.ok((completion.choices[0]?.message.content ?? '').length > 0);
});

test('Kimi: an Anthropic assistant turn that held only redacted or signed thinking is left out, not sent empty', async () => {
  const turns = [[{ type: 'redacted_thinking' as const, data: 'EmwKAhgBEgy3va3pzix' }], [{ type: 'thinking' as const, thinking: 'Let me think.', signature: 'sig' }]];
  for (const content of turns) {
    upstream.reset();
    const { response } = await anthropic()
      .messages.create({ model: 'kimi-k2.6', max_tokens: 1000, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content }, { role: 'user', content: 'go on' }] })
      .withResponse();
    const messages = received().body['messages'] as Array<{ role: string }>;
    assert.deepEqual(messages.map((message) => message.role), ['user', 'user'], content[0]!.type);
    assert.ok(features(response.headers).includes('messages.empty'), content[0]!.type);
  }
});

test('Gemini fileData images (gs:// and Files API) are left out for OpenAI with a warning, over Chat Completions and Responses; the text stays', async () => {
  // o3-pro is served by the Responses API only, so its request goes to /responses.
  for (const [model, field] of [['gpt-4.1', 'messages'], ['o3-pro', 'input']] as const) {
    for (const fileUri of ['gs://my-bucket/cat.png', 'https://generativelanguage.googleapis.com/v1beta/files/abc123']) {
      upstream.reset();
      const response = await fetch(`${gatewayUrl}/v1beta/models/${model}:generateContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': 'caller' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ fileData: { mimeType: 'image/png', fileUri } }, { text: 'What is this?' }] }] }),
      });
      assert.equal(response.status, 200, await response.clone().text());
      const sent = JSON.stringify(received().body[field]);
      assert.doesNotMatch(sent, /image_url/, `${model} ${fileUri}`);
      assert.match(sent, /What is this\?/);
      const warning = warningsOf(response.headers).find((entry) => entry.feature === 'image.url');
      assert.ok(warning?.message.includes(fileUri), `${model} ${fileUri}`);
    }
  }
});
