/**
 * What the gateway answers the official `ollama` client beyond chat and generate: the server's own
 * routes (`/`, `/api/version`, `/api/show`, `/api/ps`, the older `/api/embeddings`), load and unload
 * requests answered without a model (docs/api.md "Load a model" / "Unload a model"), the timings of
 * an answer from another vendor, tool calls numbered in `function.index`, and no thinking after
 * `think: false`. Sources are cited in the code each test covers.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

/** An OpenAI Chat answer with DeepSeek-style `reasoning_content`, whole and streamed. */
const reasoningAnswer = {
  kind: 'json' as const,
  body: {
    id: 'c1', object: 'chat.completion', created: 1, model: 'gpt-4o',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Answer', reasoning_content: 'private chain of thought' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
  },
};
const chunk = (delta: unknown, finish: string | null = null, usage?: unknown) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;
const reasoningStream = {
  kind: 'stream' as const,
  contentType: 'text/event-stream',
  text:
    chunk({ role: 'assistant', reasoning_content: 'private chain of thought' }) +
    chunk({ content: 'Ans' }) +
    chunk({ content: 'wer' }) +
    chunk({}, 'stop', { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 }) +
    'data: [DONE]\n\n',
};

describe('an ollama client sees an Ollama server', () => {
  let harness: Harness;
  let client: Ollama;
  before(async () => {
    harness = await startHarness();
    client = new Ollama({ host: harness.gatewayUrl });
  });
  after(async () => harness.close());
  beforeEach(() => harness.reset());

  test('GET and HEAD / answer 200 "Ollama is running"; /api/version a release at or above 0.6.4', async () => {
    const root = await fetch(`${harness.gatewayUrl}/`);
    assert.equal(root.status, 200);
    assert.equal(await root.text(), 'Ollama is running');
    assert.equal((await fetch(`${harness.gatewayUrl}/`, { method: 'HEAD' })).status, 200);
    assert.equal((await fetch(`${harness.gatewayUrl}/`, { method: 'POST' })).status, 405);
    const { version } = await client.version();
    const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
    assert.match(version, /^\d+\.\d+\.\d+$/);
    assert.ok(major > 0 || minor > 6 || (minor === 6 && patch >= 4), version);
  });

  test('show() of a served model: capabilities, details and its context length; an unknown model is a 404', async () => {
    const shown = await client.show({ model: modelFor('anthropic') });
    assert.deepEqual(shown.capabilities, ['completion', 'tools', 'thinking', 'vision']);
    const info = shown.model_info as unknown as Record<string, unknown>;
    const architecture = info['general.architecture'];
    assert.equal(typeof architecture, 'string');
    assert.equal(typeof info[`${String(architecture)}.context_length`], 'number');
    assert.equal(shown.details.format, '');
    await assert.rejects(client.show({ model: 'no-such-model' }), (error: unknown) => {
      const failure = error as { status_code?: number; error?: string };
      assert.equal(failure.status_code, 404);
      assert.equal(failure.error, "model 'no-such-model' not found");
      return true;
    });
  });

  test('ps() lists no model held in memory', async () => {
    assert.deepEqual(await client.ps(), { models: [] });
  });

  test('embeddings() (the older /api/embeddings): one prompt, one embedding, asked of the upstream through /api/embed', async () => {
    harness.upstreams.ollama.enqueue({ kind: 'json', body: readFixtureText('ollama/embed-response-single.json') });
    const answer = await client.embeddings({ model: modelFor('ollama'), prompt: 'Here is an article about llamas...' });
    const recorded = readFixtureJson('ollama/embed-response-single.json') as { embeddings: number[][] };
    assert.deepEqual(answer, { embedding: recorded.embeddings[0] });
    const sent = harness.upstreams.ollama.requests[0];
    assert.equal(sent?.url, '/api/embed');
    assert.equal((sent?.body as { input?: unknown }).input, 'Here is an article about llamas...');
  });
});

describe('load and unload requests are answered without an upstream', () => {
  let harness: Harness;
  before(async () => (harness = await startHarness()));
  after(async () => harness.close());
  beforeEach(() => harness.reset());

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${harness.gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  test('chat with no messages loads; with keep_alive 0 it unloads', async () => {
    const load = await post('/api/chat', { model: modelFor('openai-chat'), messages: [] });
    assert.equal(load.status, 200);
    assert.deepEqual({ ...load.body, created_at: 'x' }, { model: modelFor('openai-chat'), created_at: 'x', message: { role: 'assistant', content: '' }, done: true, done_reason: 'load' });
    const unload = await post('/api/chat', { model: modelFor('anthropic'), messages: [], keep_alive: 0 });
    assert.equal(unload.body['done_reason'], 'unload');
    assert.equal((await post('/api/chat', { model: modelFor('anthropic'), messages: [], keep_alive: '0s' })).body['done_reason'], 'unload');
    assert.equal((await post('/api/chat', { model: modelFor('anthropic'), messages: [], keep_alive: '5m' })).body['done_reason'], 'load');
    assert.equal(harness.upstreams['openai-chat'].requests.length, 0);
    assert.equal(harness.upstreams.anthropic.requests.length, 0);
  });

  test('generate with no prompt loads, through the official client too; keep_alive 0 unloads', async () => {
    const client = new Ollama({ host: harness.gatewayUrl });
    const load = await client.generate({ model: modelFor('openai-chat'), prompt: '', stream: false });
    assert.equal(load.done_reason, 'load');
    assert.equal(load.response, '');
    const unload = await post('/api/generate', { model: modelFor('openai-chat'), keep_alive: 0 });
    assert.deepEqual({ ...unload.body, created_at: 'x' }, { model: modelFor('openai-chat'), created_at: 'x', response: '', done: true, done_reason: 'unload' });
    assert.equal(harness.upstreams['openai-chat'].requests.length, 0);
  });

  test('a load request for a model not served is a 404 in Ollama\'s shape', async () => {
    const answer = await post('/api/chat', { model: 'no-such-model', messages: [] });
    assert.equal(answer.status, 404);
    assert.equal(typeof answer.body['error'], 'string');
  });
});

describe('answers from other vendors, as an Ollama client reads them', () => {
  let harness: Harness;
  let client: Ollama;
  before(async () => {
    harness = await startHarness();
    client = new Ollama({ host: harness.gatewayUrl });
  });
  after(async () => harness.close());
  beforeEach(() => harness.reset());

  test('a whole answer reports the time it took, so eval_count / eval_duration is a finite rate', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    const answer = await client.chat({ model: modelFor('anthropic'), messages: [{ role: 'user', content: 'hi' }], stream: false });
    assert.ok(answer.eval_count > 0);
    assert.ok(answer.eval_duration > 0);
    assert.ok(answer.total_duration >= answer.eval_duration);
    assert.ok(Number.isFinite((answer.eval_count / answer.eval_duration) * 1e9));
  });

  test('a streamed answer splits its time at the first token: prompt_eval + eval = total', async () => {
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].streamText.reply);
    let final: { eval_duration: number; prompt_eval_duration: number; total_duration: number; load_duration: number } | undefined;
    for await (const part of await client.chat({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'hi' }], stream: true })) if (part.done) final = part;
    assert.ok(final !== undefined);
    assert.ok(final.eval_duration > 0 && final.prompt_eval_duration > 0);
    assert.equal(final.load_duration, 0);
    assert.ok(Math.abs(final.prompt_eval_duration + final.eval_duration - final.total_duration) <= 1);
  });

  test('a generate() answer reports timings too', async () => {
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const answer = await client.generate({ model: modelFor('openai-chat'), prompt: 'hi', stream: false });
    assert.ok(answer.eval_duration > 0 && answer.total_duration > 0);
  });

  test('tool calls are numbered in function.index, whole and streamed', async () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }];
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].tools.reply);
    const whole = await client.chat({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'weather?' }], tools, stream: false });
    const calls = whole.message.tool_calls ?? [];
    assert.ok(calls.length >= 2);
    assert.deepEqual(calls.map((call) => (call.function as { index?: number }).index), calls.map((_, index) => index));

    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].streamTools.reply);
    const streamed: unknown[] = [];
    for await (const part of await client.chat({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'weather?' }], tools, stream: true })) {
      for (const call of part.message.tool_calls ?? []) streamed.push((call.function as { index?: number }).index);
    }
    assert.ok(streamed.length >= 2);
    assert.deepEqual(streamed, streamed.map((_, index) => index));
  });

  test('think: false shows no thinking the upstream returned, whole or streamed; think: true shows it', async () => {
    harness.upstreams['openai-chat'].enqueue(reasoningAnswer, reasoningAnswer, reasoningStream);
    const hidden = await client.chat({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'hi' }], think: false, stream: false });
    assert.equal(hidden.message.content, 'Answer');
    assert.equal(hidden.message.thinking, undefined);
    const shown = await client.chat({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'hi' }], stream: false });
    assert.equal(shown.message.thinking, 'private chain of thought');
    let thinking = '';
    let content = '';
    for await (const part of await client.chat({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'hi' }], think: false, stream: true })) {
      thinking += part.message.thinking ?? '';
      content += part.message.content;
    }
    assert.equal(content, 'Answer');
    assert.equal(thinking, '');
  });
});
