/**
 * temperature and top_p to gpt-5.1, gpt-5.2 and gpt-5.4, which take them only with reasoning effort `none`:
 * "The following parameters are only supported when using GPT-5.2 with reasoning effort set to `none`: temperature,
 * top_p, logprobs. Requests to GPT-5.2 or GPT-5.1 with any other reasoning effort setting … will raise an error", the
 * same for GPT-5.4 (developers.openai.com/api/docs/guides/latest-model; github.com/vercel/ai/pull/10940, /pull/11174).
 * `none` is their default (learn.microsoft.com/en-us/javascript/api/@azure/ai-projects/reasoningeffort for gpt-5.1;
 * "It is the default setting for both models", GPT-5.2 and GPT-5.4, in the same guide), so a request without an effort
 * takes them too. With another effort they are left out, with a warning each. The caller is the official openai SDK;
 * the upstreams judge each body by OpenAI's model rules.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { readFixtureJson } from '../support/fixtures.js';
import { TestUpstream } from '../support/test-upstream.js';
import { judgeRequest, type JudgedRequest } from '../support/vendor-rules/index.js';

let chatUpstream: TestUpstream;
let responsesUpstream: TestUpstream;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  chatUpstream = await new TestUpstream().start();
  responsesUpstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        oa: { dialect: 'openai-chat', baseUrl: `${chatUpstream.baseUrl}/v1`, apiKey: 'sk-test' },
        oar: { dialect: 'openai-responses', baseUrl: `${responsesUpstream.baseUrl}/v1`, apiKey: 'sk-test' },
      },
      models: {
        'gpt-5-1': [{ provider: 'oa', model: 'gpt-5.1' }],
        'gpt-5-2': [{ provider: 'oa', model: 'gpt-5.2-2025-12-11' }],
        'gpt-5-4': [{ provider: 'oa', model: 'gpt-5.4' }],
        'gpt-5-4-mini': [{ provider: 'oa', model: 'gpt-5.4-mini' }],
        'gpt-5': [{ provider: 'oa', model: 'gpt-5' }],
        'responses-gpt-5-4': [{ provider: 'oar', model: 'gpt-5.4' }],
      },
      retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
      routing: { cooldown: false },
    }),
    { logger: silentLogger },
  );
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  await gateway.close(0);
  await chatUpstream.stop();
  await responsesUpstream.stop();
});
beforeEach(() => {
  chatUpstream.reset();
  responsesUpstream.reset();
});

const warnedOf = (headers: Headers): string[] => (JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);

/** Asks `model` over Chat Completions with temperature, top_p and the effort given; what the upstream received and the warnings' features. */
async function askChat(model: string, effort?: OpenAI.ReasoningEffort, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) {
  chatUpstream.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
  const { response } = await client.chat.completions
    .create({ model, temperature: 0.3, top_p: 0.9, ...(effort === undefined ? {} : { reasoning_effort: effort }), ...extra, messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();
  const body = chatUpstream.requests[0]?.body as Record<string, unknown> | undefined;
  assert.ok(body !== undefined, 'the upstream received the request');
  return { body, warned: warnedOf(response.headers) };
}

for (const [model, effort] of [
  ['gpt-5-1', undefined],
  ['gpt-5-1', 'none'],
  ['gpt-5-2', 'none'],
  ['gpt-5-2', undefined],
  ['gpt-5-4', 'none'],
] as const) {
  test(`temperature and top_p to ${model} with reasoning effort ${effort ?? 'unset'} (none): sent as written`, async () => {
    const { body, warned } = await askChat(model, effort);
    assert.deepEqual([body['temperature'], body['top_p']], [0.3, 0.9]);
    assert.deepEqual(warned.filter((feature) => feature === 'temperature' || feature === 'top_p'), []);
  });
}

for (const [model, effort] of [
  ['gpt-5-1', 'high'],
  ['gpt-5-2', 'medium'],
  ['gpt-5-4', 'low'],
  ['gpt-5-4-mini', 'none'],
  ['gpt-5', undefined],
] as const) {
  test(`temperature and top_p to ${model} with reasoning effort ${effort ?? 'unset'}: left out, with a warning each`, async () => {
    const { body, warned } = await askChat(model, effort);
    assert.deepEqual([body['temperature'], body['top_p']], [undefined, undefined]);
    assert.ok(warned.includes('temperature') && warned.includes('top_p'), JSON.stringify(warned));
  });
}

test('logprobs to gpt-5.1 without an effort (its default none): sent as written', async () => {
  const { body, warned } = await askChat('gpt-5-1', undefined, { logprobs: true, top_logprobs: 2 });
  assert.deepEqual([body['logprobs'], body['top_logprobs']], [true, 2]);
  assert.deepEqual(warned.filter((feature) => feature.includes('logprobs')), []);
});

test('temperature and top_p to gpt-5.4 over Responses: sent with effort none, left out with effort medium', async () => {
  for (const [effort, sent] of [
    ['none', [0.3, 0.9]],
    ['medium', [undefined, undefined]],
  ] as const) {
    responsesUpstream.reset();
    responsesUpstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
    const { response } = await client.responses.create({ model: 'responses-gpt-5-4', input: 'Hi', temperature: 0.3, top_p: 0.9, reasoning: { effort } }).withResponse();
    const body = responsesUpstream.requests[0]?.body as Record<string, unknown> | undefined;
    assert.deepEqual([body?.['temperature'], body?.['top_p']], sent, effort);
    const warned = warnedOf(response.headers).filter((feature) => feature === 'temperature' || feature === 'top_p');
    assert.deepEqual(warned, sent[0] === undefined ? ['temperature', 'top_p'] : [], effort);
  }
});

test("OpenAI's judge takes temperature and top_p from gpt-5.1, 5.2 and 5.4 at effort none or none sent, and refuses them at any other", () => {
  const judge = (url: string, body: Record<string, unknown>): ReturnType<typeof judgeRequest> =>
    judgeRequest({ method: 'POST', url, headers: { authorization: 'Bearer sk-test' }, body } satisfies JudgedRequest);
  const chat = (body: Record<string, unknown>) => judge('/v1/chat/completions', { messages: [{ role: 'user', content: 'hi' }], ...body });
  const responses = (body: Record<string, unknown>) => judge('/v1/responses', { input: 'hi', ...body });
  for (const model of ['gpt-5.1', 'gpt-5.2-2025-12-11', 'gpt-5.4']) {
    for (const effort of ['none', undefined]) {
      assert.equal(chat({ model, temperature: 0.3, top_p: 0.9, ...(effort === undefined ? {} : { reasoning_effort: effort }) }), undefined, `${model} ${String(effort)}`);
      assert.equal(responses({ model, temperature: 0.3, top_p: 0.9, ...(effort === undefined ? {} : { reasoning: { effort } }) }), undefined, `${model} ${String(effort)}`);
    }
    for (const effort of ['low', 'high']) {
      assert.equal(chat({ model, temperature: 0.3, reasoning_effort: effort })?.rule, 'openai-chat.model.reasoning-temperature', `${model} ${effort}`);
      assert.equal(chat({ model, top_p: 0.9, reasoning_effort: effort })?.message, "Unsupported parameter: 'top_p' is not supported with this model.", `${model} ${effort}`);
      assert.equal(responses({ model, temperature: 0.3, reasoning: { effort } })?.rule, 'openai-responses.model.reasoning-temperature', `${model} ${effort}`);
    }
  }
  // Older GPT-5 models refuse them at their default effort (medium).
  assert.equal(chat({ model: 'gpt-5', temperature: 0.3 })?.rule, 'openai-chat.model.reasoning-temperature');
});
