/**
 * OpenAI-compatible vendors through their presets: Zhipu (JWT auth, no stream_options,
 * tool_choice only "auto") and DeepSeek (reasoning_content to thinking and back).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { request as undiciRequest } from 'undici';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureSseFrames, readFixtureText } from '../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  // DeepSeek's and Moonshot's paths are OpenAI's: their judges are named for the requests their providers send.
  upstream = await new TestUpstream({ vendor: (request) => (request.url === '/chat/completions' ? 'deepseek' : request.url.startsWith('/moonshot/') ? 'moonshot' : undefined) }).start();
  const config = resolveConfig({
    providers: {
      glm: { dialect: 'zhipu', baseUrl: `${upstream.baseUrl}/api/paas/v4`, apiKey: 'key-id.key-secret' },
      ds: { dialect: 'deepseek', baseUrl: upstream.baseUrl, apiKey: 'sk-deepseek' },
      kimi: { dialect: 'moonshot', baseUrl: `${upstream.baseUrl}/moonshot/v1`, apiKey: 'sk-moonshot' },
    },
    models: {
      glm: [{ provider: 'glm', model: 'glm-4.7-flash' }],
      reasoner: [{ provider: 'ds', model: 'deepseek-reasoner' }],
      'deepseek-v4': [{ provider: 'ds', model: 'deepseek-v4-pro' }],
      kimi: [{ provider: 'kimi', model: 'kimi-k2.6' }],
    },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await upstream.stop();
});
beforeEach(() => upstream.reset());

const weatherTool = { name: 'weather', description: 'Weather in a city', input_schema: { type: 'object' as const, properties: { location: { type: 'string' } }, required: ['location'] } };

test('Zhipu: JWT auth, max_tokens, no stream_options, and tool_choice other than auto left out with a warning', async () => {
  // fixtures/zhipu-glm/fantasy-glm47flash-tool_streaming.i0.response.sse: a recorded GLM tool-call stream
  upstream.enqueue({ kind: 'stream', text: readFixtureText('zhipu-glm/fantasy-glm47flash-tool_streaming.i0.response.sse') });
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const message = await client.messages
    .stream({ model: 'glm', max_tokens: 300, tools: [weatherTool], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'Weather in Florence?' }] })
    .finalMessage();
  assert.ok(message.content.some((block) => block.type === 'tool_use' && block.name === 'weather'));
  assert.equal(message.stop_reason, 'tool_use');

  const received = upstream.requests[0];
  assert.equal(received?.url, '/api/paas/v4/chat/completions');
  const body = received?.body as Record<string, unknown>;
  assert.equal(body.max_tokens, 300);
  assert.equal(body.max_completion_tokens, undefined);
  assert.equal(body.stream_options, undefined);
  assert.equal(body.tool_choice, undefined);
  const token = String(received?.headers.authorization).replace(/^Bearer /, '');
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { api_key: string };
  assert.equal(claims.api_key, 'key-id');
});

test('Zhipu: the dropped tool_choice is reported to the caller', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('zhipu-glm/fantasy-glm47flash-multi_tool.i0.response.json') });
  const response = await undiciRequest(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'glm',
      tool_choice: 'required',
      tools: [{ type: 'function', function: { name: 'add', parameters: { type: 'object', properties: {} } } }],
      messages: [{ role: 'user', content: 'add 2 and 3' }],
    }),
  });
  assert.equal(response.statusCode, 200);
  await response.body.dump();
  assert.match(String(response.headers['x-interlingua-warnings']), /tool_choice\.required/);
});

/** The reasoning a recorded DeepSeek stream carries, read from its reasoning_content deltas. */
function recordedReasoning(path: string): { reasoning: string; text: string } {
  let reasoning = '';
  let text = '';
  for (const frame of readFixtureSseFrames(path)) {
    if (frame.data === '[DONE]') continue;
    const delta = (JSON.parse(frame.data) as { choices?: Array<{ delta?: { reasoning_content?: string | null; content?: string | null } }> }).choices?.[0]?.delta;
    reasoning += delta?.reasoning_content ?? '';
    text += delta?.content ?? '';
  }
  return { reasoning, text };
}

const deepseekStream = 'deepseek/dd-stream-reasoning-content.response.sse';

test('DeepSeek reasoning_content reaches an Anthropic caller as a thinking block', async () => {
  const expected = recordedReasoning(deepseekStream);
  assert.ok(expected.reasoning.length > 20);
  upstream.enqueue({ kind: 'stream', text: readFixtureText(deepseekStream) });
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const message = await client.messages.stream({ model: 'reasoner', max_tokens: 2000, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
  const thinking = message.content.find((block) => block.type === 'thinking');
  assert.equal(thinking?.type === 'thinking' ? thinking.thinking : undefined, expected.reasoning);
  const text = message.content.filter((block) => block.type === 'text').map((block) => (block.type === 'text' ? block.text : '')).join('');
  assert.equal(text, expected.text);
});

test('DeepSeek reasoning_content reaches a Gemini caller that asks for thoughts as thought parts', async () => {
  const expected = recordedReasoning(deepseekStream);
  upstream.enqueue({ kind: 'stream', text: readFixtureText(deepseekStream) });
  const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });
  let thoughts = '';
  let text = '';
  for await (const chunk of await ai.models.generateContentStream({ model: 'reasoner', contents: 'hi', config: { thinkingConfig: { includeThoughts: true } } })) {
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      if (part.thought) thoughts += part.text ?? '';
      else text += part.text ?? '';
    }
  }
  assert.equal(thoughts, expected.reasoning);
  assert.equal(text, expected.text);
});

test('and back: thinking an Anthropic caller returns with a tool call goes to DeepSeek as reasoning_content', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('deepseek/response-reasoning-content.json') });
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  await client.messages.create({
    model: 'reasoner',
    max_tokens: 500,
    tools: [weatherTool],
    messages: [
      { role: 'user', content: 'Weather in Florence?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should look the weather up.', signature: '' },
          { type: 'tool_use', id: 'call_1', name: 'weather', input: { location: 'Florence' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '40 C' }] },
    ],
  });
  const messages = (upstream.requests[0]?.body as { messages: Array<Record<string, unknown>> }).messages;
  const assistant = messages.find((message) => message.role === 'assistant');
  assert.equal(assistant?.reasoning_content, 'I should look the weather up.');
  assert.ok(Array.isArray(assistant?.tool_calls));
});

test('DeepSeek V4 thinks unless switched off: thinking off from an Anthropic caller is thinking disabled, a budget an effort beside the switch', async () => {
  const anthropic = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  upstream.enqueue({ kind: 'json', body: readFixtureText('deepseek/response-reasoning-content.json') });
  await anthropic.messages.create({ model: 'deepseek-v4', max_tokens: 200, thinking: { type: 'disabled' }, messages: [{ role: 'user', content: 'Hi' }] });
  const off = upstream.requests.at(-1)?.body as Record<string, unknown>;
  assert.deepEqual(off.thinking, { type: 'disabled' });
  assert.equal(off.reasoning_effort, undefined);
  upstream.enqueue({ kind: 'json', body: readFixtureText('deepseek/response-reasoning-content.json') });
  const { response } = await anthropic.messages
    .create({ model: 'deepseek-v4', max_tokens: 20000, thinking: { type: 'enabled', budget_tokens: 16000 }, messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();
  const on = upstream.requests.at(-1)?.body as Record<string, unknown>;
  assert.deepEqual(on.thinking, { type: 'enabled' });
  assert.equal(on.reasoning_effort, 'high');
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /reasoning.budget_tokens/);
});

test('DeepSeek V4: an OpenAI caller\'s own effort word goes as written, DeepSeek maps it; none switches thinking off', async () => {
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  upstream.enqueue({ kind: 'json', body: readFixtureText('deepseek/response-reasoning-content.json') });
  await client.chat.completions.create({ model: 'deepseek-v4', reasoning_effort: 'xhigh', messages: [{ role: 'user', content: 'Hi' }] });
  const on = upstream.requests.at(-1)?.body as Record<string, unknown>;
  assert.deepEqual(on.thinking, { type: 'enabled' });
  assert.equal(on.reasoning_effort, 'xhigh');
  upstream.enqueue({ kind: 'json', body: readFixtureText('deepseek/response-reasoning-content.json') });
  await client.chat.completions.create({ model: 'deepseek-v4', reasoning_effort: 'none', messages: [{ role: 'user', content: 'Hi' }] });
  const off = upstream.requests.at(-1)?.body as Record<string, unknown>;
  assert.deepEqual(off.thinking, { type: 'disabled' });
  assert.equal(off.reasoning_effort, undefined);
});

test('DeepSeek: a developer message goes as system, the role DeepSeek knows', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('deepseek/response-reasoning-content.json') });
  const response = await undiciRequest(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'reasoner',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'developer', content: 'From now on, answer in German.' },
        { role: 'user', content: 'How are you?' },
      ],
    }),
  });
  assert.equal(response.statusCode, 200, await response.body.text());
  const sent = (upstream.requests[0]?.body as { messages: Array<{ role: string; content: unknown }> }).messages;
  assert.deepEqual(sent[2], { role: 'system', content: 'From now on, answer in German.' });
});

/** A tool-call turn written by a model that gave no reasoning, answered, asked of `model`. */
async function toolTurnWithoutReasoning(model: string): Promise<Array<Record<string, unknown>>> {
  upstream.enqueue({ kind: 'json', body: readFixtureText('deepseek/response-reasoning-content.json') });
  const response = await undiciRequest(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model,
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }],
      messages: [
        { role: 'user', content: 'Weather in Florence?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"location":"Florence"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 24°C' },
      ],
    }),
  });
  assert.equal(response.statusCode, 200, await response.body.text());
  return (upstream.requests[0]?.body as { messages: Array<Record<string, unknown>> }).messages;
}

test('Moonshot: a tool-call turn without reasoning goes to Kimi K2.6 with a single space as reasoning_content, which it takes', async () => {
  const sent = await toolTurnWithoutReasoning('kimi');
  assert.equal(sent[1]?.reasoning_content, ' ');
});

test('DeepSeek: a tool-call turn without reasoning (written by another model) goes back with an empty reasoning_content, as thinking mode requires', async () => {
  const sent = await toolTurnWithoutReasoning('reasoner');
  assert.equal(sent[1]?.reasoning_content, '');
  assert.equal(sent[0]?.reasoning_content, undefined);
});
