/**
 * An OpenAI caller names the participants of a conversation (`name` on a message: "Provides the
 * model information to differentiate between participants of the same role",
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages). Anthropic, Gemini
 * and Ollama messages have no such field, so the name is left out there and the caller is told which
 * one, by its path; an OpenAI upstream gets it back as written. The caller is the official OpenAI SDK.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    an: { dialect: 'anthropic', baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
    ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-test-key' },
    ol: { dialect: 'ollama', baseUrl },
    oa: { dialect: 'openai-chat', baseUrl, apiKey: 'sk-test' },
  },
  models: {
    claude: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }],
    gemini: [{ provider: 'ge', model: 'gemini-2.5-flash' }],
    llama: [{ provider: 'ol', model: 'qwen3:8b' }],
    gpt: [{ provider: 'oa', model: 'gpt-4o' }],
  },
}));

const messages: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'system', content: 'Two people talk to you.' },
  { role: 'user', content: 'I am Alice. Hello!', name: 'alice' },
  { role: 'assistant', content: 'Hello, Alice.' },
  { role: 'user', content: 'And I am Bob.', name: 'bob' },
];

function client(): OpenAI {
  return new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
}

async function warningsFor(model: string): Promise<Array<{ type: string; feature: string; message: string }>> {
  const { response } = await client().chat.completions.create({ model, messages }).withResponse();
  return JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ type: string; feature: string; message: string }>;
}

for (const [model, dialect] of [['claude', 'anthropic'], ['gemini', 'gemini'], ['llama', 'ollama']] as const) {
  test(`each message's name is reported as left out for ${dialect}, by the caller's path`, async () => {
    setup.upstream.enqueue(upstreamScenarios[dialect].text.reply);
    const warnings = await warningsFor(model);
    const named = warnings.filter((warning) => /^messages\[\d+\]\.name$/.test(warning.feature));
    assert.deepEqual(named.map((warning) => [warning.type, warning.feature]), [['unsupported', 'messages[1].name'], ['unsupported', 'messages[3].name']], JSON.stringify(warnings));
    assert.ok(!JSON.stringify(setup.upstream.requests[0]?.body).includes('alice'));
  });
}

test('an OpenAI upstream gets each name as written, and nothing is reported', async () => {
  setup.upstream.enqueue(upstreamScenarios['openai-chat'].text.reply);
  const warnings = await warningsFor('gpt');
  const body = setup.upstream.requests[0]?.body as { messages: Array<Record<string, unknown>> } & Record<string, unknown>;
  assert.deepEqual(
    body.messages.map((message) => message['name']),
    [undefined, 'alice', undefined, 'bob'],
  );
  assert.deepEqual(Object.keys(body).filter((key) => key.startsWith('^')), []);
  assert.deepEqual(warnings.filter((warning) => warning.feature.includes('name')), []);
});

test("an SDK's own answer message sent back as history, with its empty fields, reports nothing", async () => {
  setup.upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  // What `messages.push(completion.choices[0].message)` sends: the answer's fields that hold nothing.
  const echoed = { role: 'assistant', content: 'Hello, Alice.', refusal: null, audio: null, function_call: null, annotations: [] } as unknown as OpenAI.ChatCompletionMessageParam;
  const { response } = await client()
    .chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Hello!' }, echoed, { role: 'user', content: 'Again.' }] })
    .withResponse();
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.deepEqual(warnings.filter((warning) => warning.feature.startsWith('messages[')), [], JSON.stringify(warnings));
});
