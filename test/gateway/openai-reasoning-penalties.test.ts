/**
 * presence_penalty and frequency_penalty to OpenAI's reasoning models past gpt-5, over Chat Completions on
 * OpenAI and on an Azure deployment named after its model. Azure's reasoning-models page lists them among
 * what reasoning models refuse (github.com/MicrosoftDocs/azure-ai-docs, articles/foundry/openai/how-to/reasoning.md,
 * "Not Supported"), and OpenAI's exception for reasoning effort `none` covers logprobs, temperature and top_p
 * only (github.com/vercel/ai/pull/10940, /pull/11174): the penalties are left out whatever the effort, with a
 * warning each. The caller is the official openai SDK; the upstreams judge each body by OpenAI's model rules.
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

let openaiUpstream: TestUpstream;
let azureUpstream: TestUpstream;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  openaiUpstream = await new TestUpstream().start();
  azureUpstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        oa: { dialect: 'openai-chat', baseUrl: `${openaiUpstream.baseUrl}/v1`, apiKey: 'sk-test' },
        azure: { dialect: 'azure-openai', baseUrl: azureUpstream.baseUrl, apiVersion: '2025-04-01-preview', apiKey: 'azure-test-key' },
      },
      models: {
        'gpt-5-1': [{ provider: 'oa', model: 'gpt-5.1' }],
        'gpt-5-2': [{ provider: 'oa', model: 'gpt-5.2-2025-12-11' }],
        'gpt-5-4-mini': [{ provider: 'oa', model: 'gpt-5.4-mini' }],
        'gpt-4-1': [{ provider: 'oa', model: 'gpt-4.1' }],
        'azure-gpt-5-2': [{ provider: 'azure', model: 'gpt-5.2' }],
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
  await openaiUpstream.stop();
  await azureUpstream.stop();
});
beforeEach(() => {
  openaiUpstream.reset();
  azureUpstream.reset();
});

const answer = () => ({ kind: 'json' as const, body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });

/** Asks `model` with both penalties and the effort given; what the upstream received and the warnings' features. */
async function ask(upstream: TestUpstream, model: string, effort?: OpenAI.ReasoningEffort): Promise<{ body: Record<string, unknown>; warned: string[] }> {
  upstream.enqueue(answer());
  const { response } = await client.chat.completions
    .create({ model, presence_penalty: 0.5, frequency_penalty: 0.2, ...(effort === undefined ? {} : { reasoning_effort: effort }), messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();
  const body = upstream.requests[0]?.body as Record<string, unknown> | undefined;
  assert.ok(body !== undefined, 'the upstream received the request');
  const warned = (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
  return { body, warned };
}

for (const [model, effort] of [
  ['gpt-5-1', 'high'],
  ['gpt-5-1', undefined],
  ['gpt-5-2', 'medium'],
  ['gpt-5-2', 'none'],
  ['gpt-5-4-mini', 'low'],
] as const) {
  test(`penalties to ${model} with reasoning effort ${effort ?? 'unset'}: left out, with a warning each`, async () => {
    const { body, warned } = await ask(openaiUpstream, model, effort);
    assert.deepEqual([body['presence_penalty'], body['frequency_penalty']], [undefined, undefined]);
    assert.ok(warned.includes('presence_penalty') && warned.includes('frequency_penalty'), JSON.stringify(warned));
  });
}

test('penalties to an Azure deployment named gpt-5.2: left out, with a warning each', async () => {
  const { body, warned } = await ask(azureUpstream, 'azure-gpt-5-2', 'high');
  assert.deepEqual([body['presence_penalty'], body['frequency_penalty']], [undefined, undefined]);
  assert.ok(warned.includes('presence_penalty') && warned.includes('frequency_penalty'), JSON.stringify(warned));
});

test('penalties to gpt-4.1, which takes them: sent as written', async () => {
  const { body, warned } = await ask(openaiUpstream, 'gpt-4-1');
  assert.deepEqual([body['presence_penalty'], body['frequency_penalty']], [0.5, 0.2]);
  assert.deepEqual(warned.filter((feature) => feature.endsWith('_penalty')), []);
});

test("OpenAI's judge refuses the penalties from gpt-5.1 on whatever the effort, and takes them from gpt-4.1 and gpt-5.x chat", () => {
  const chat = (body: Record<string, unknown>): ReturnType<typeof judgeRequest> =>
    judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: 'Bearer sk-test' }, body: { messages: [{ role: 'user', content: 'hi' }], ...body } } satisfies JudgedRequest);
  for (const model of ['gpt-5.1', 'gpt-5.2-2025-12-11', 'gpt-5.4-mini', 'gpt-5.5']) {
    for (const reasoning_effort of ['none', 'high', undefined]) {
      const refusal = chat({ model, presence_penalty: 0.5, ...(reasoning_effort === undefined ? {} : { reasoning_effort }) });
      assert.equal(refusal?.rule, 'openai-chat.model.reasoning-penalties', `${model} ${String(reasoning_effort)}`);
      assert.equal(refusal.message, "Unsupported parameter: 'presence_penalty' is not supported with this model.");
    }
    assert.equal(chat({ model, frequency_penalty: 0.2 })?.message, "Unsupported parameter: 'frequency_penalty' is not supported with this model.", model);
  }
  for (const model of ['gpt-4.1', 'gpt-5.1-chat-latest']) assert.equal(chat({ model, presence_penalty: 0.5, frequency_penalty: 0.2 }), undefined, model);
});
