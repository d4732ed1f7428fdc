/**
 * Mistral, Cohere's Compatibility API and Bedrock's OpenAI endpoint through their presets, called
 * with the openai SDK: the request each gets (path, key, field names) and recorded Mistral
 * answers read back (Magistral's thinking content chunks, tool calls without `type`).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureDataLines, readFixtureJson, readFixtureText } from '../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  // Mistral's, Groq's and xAI's paths are others': their judges are named for the requests their providers send.
  const judgeFor: Array<[prefix: string, vendor: string]> = [
    ['/v1/', 'mistral'],
    ['/groq/', 'groq'],
    ['/xai/', 'xai'],
  ];
  upstream = await new TestUpstream({ vendor: (request) => judgeFor.find(([prefix]) => request.url.startsWith(prefix))?.[1] }).start();
  const config = resolveConfig({
    providers: {
      mistral: { dialect: 'mistral', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'mistral-key' },
      cohere: { dialect: 'cohere', baseUrl: `${upstream.baseUrl}/compatibility/v1`, apiKey: 'cohere-key' },
      groq: { dialect: 'groq', baseUrl: `${upstream.baseUrl}/groq/openai/v1`, apiKey: 'groq-key' },
      xai: { dialect: 'xai', baseUrl: `${upstream.baseUrl}/xai/v1`, apiKey: 'xai-key' },
      // The real host carries the region (bedrock-runtime.us-west-2.amazonaws.com/openai/v1); here a
      // path segment stands in for it, so the path is not taken for Azure's `/openai/…`.
      bedrock: { dialect: 'bedrock-openai', baseUrl: `${upstream.baseUrl}/us-west-2/openai/v1`, apiKey: 'bedrock-api-key' },
    },
    models: {
      magistral: [{ provider: 'mistral', model: 'magistral-medium-2507' }],
      'mistral-small': [{ provider: 'mistral', model: 'mistral-small-latest' }],
      command: [{ provider: 'cohere', model: 'command-a-03-2025' }],
      llama: [{ provider: 'groq', model: 'llama-3.3-70b-versatile' }],
      'groq-gpt-oss': [{ provider: 'groq', model: 'openai/gpt-oss-120b' }],
      'groq-qwen': [{ provider: 'groq', model: 'qwen/qwen3.6-27b' }],
      'groq-qwen-32b': [{ provider: 'groq', model: 'qwen/qwen3-32b' }],
      kimi: [{ provider: 'groq', model: 'moonshotai/kimi-k2-instruct' }],
      grok: [{ provider: 'xai', model: 'grok-4.5' }],
      'grok-4.3': [{ provider: 'xai', model: 'grok-4.3' }],
      'grok-4.6': [{ provider: 'xai', model: 'grok-4.6' }],
      'grok-mini': [{ provider: 'xai', model: 'grok-3-mini' }],
      'grok-4': [{ provider: 'xai', model: 'grok-4-0709' }],
      'grok-fast': [{ provider: 'xai', model: 'grok-4-1-fast-non-reasoning' }],
      'gpt-oss': [{ provider: 'bedrock', model: 'openai.gpt-oss-120b-1:0' }],
    },
  });
  gateway = createGateway(config, { logger: silentLogger });
  const port = (await gateway.listen(0, '127.0.0.1')).port;
  client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  // Both stop even when the upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), upstream.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => upstream.reset());

/** A `.data.ndjson` recording (framing stripped by the recorder) framed as SSE again, ending in [DONE]. */
function asSse(name: string): string {
  return `${readFixtureDataLines(name).map((frame) => `data: ${frame.data}\n\n`).join('')}data: [DONE]\n\n`;
}

const magistralStream = 'mistral/stream-magistral-thinking-content-array.data.ndjson';

/** The thinking and answer text of the recorded Magistral stream, read from its content chunks. */
function recordedMagistral(): { thinking: string; text: string } {
  let thinking = '';
  let text = '';
  for (const frame of readFixtureDataLines(magistralStream)) {
    const content = (JSON.parse(frame.data) as { choices: Array<{ delta: { content?: unknown } }> }).choices[0]?.delta.content;
    if (!Array.isArray(content)) continue;
    for (const chunk of content as Array<{ type: string; text?: string; thinking?: Array<{ text: string }> }>) {
      if (chunk.type === 'thinking') thinking += (chunk.thinking ?? []).map((part) => part.text).join('');
      if (chunk.type === 'text') text += chunk.text ?? '';
    }
  }
  return { thinking, text };
}

const weatherTool = {
  type: 'function' as const,
  function: { name: 'weather', description: 'Weather in a city', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } },
};

test('Mistral: bearer key, max_tokens and random_seed, no stream_options; Magistral thinking chunks become reasoning, the text stays text', async () => {
  const expected = recordedMagistral();
  assert.ok(expected.thinking.length > 20 && expected.text !== '');
  upstream.enqueue({ kind: 'stream', text: asSse(magistralStream) });
  const stream = await client.chat.completions.create({ model: 'magistral', stream: true, max_completion_tokens: 200, seed: 7, messages: [{ role: 'user', content: 'What is 2+2?' }] });
  let reasoning = '';
  let text = '';
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as { content?: string | null; reasoning_content?: string } | undefined;
    reasoning += delta?.reasoning_content ?? '';
    text += typeof delta?.content === 'string' ? delta.content : '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(reasoning, expected.thinking);
  assert.equal(text, expected.text);
  assert.equal(finish, 'stop');

  const received = upstream.requests[0];
  assert.equal(received?.url, '/v1/chat/completions');
  assert.equal(received?.headers.authorization, 'Bearer mistral-key');
  const body = received?.body as Record<string, unknown>;
  assert.equal(body.max_tokens, 200);
  assert.equal(body.max_completion_tokens, undefined);
  assert.equal(body.random_seed, 7);
  assert.equal(body.seed, undefined);
  assert.equal(body.stream_options, undefined);
});

test('Mistral: Magistral thinking reaches an Anthropic caller as a thinking block', async () => {
  const expected = recordedMagistral();
  upstream.enqueue({ kind: 'stream', text: asSse(magistralStream) });
  const port = new URL(client.baseURL).port;
  const anthropic = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'caller', maxRetries: 0 });
  const message = await anthropic.messages.stream({ model: 'magistral', max_tokens: 200, messages: [{ role: 'user', content: 'What is 2+2?' }] }).finalMessage();
  const thinking = message.content.find((block) => block.type === 'thinking');
  assert.equal(thinking?.type === 'thinking' ? thinking.thinking : undefined, expected.thinking);
  const text = message.content.find((block) => block.type === 'text');
  assert.equal(text?.type === 'text' ? text.text : undefined, expected.text);
});

test('Mistral: a Claude caller\'s tool call ids go as nine letters and digits, alike in the call and its result', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const port = new URL(client.baseURL).port;
  const anthropic = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await anthropic.messages
    .create({
      model: 'mistral-small',
      max_tokens: 200,
      tools: [{ name: 'weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01A09q90qw90lq917835lq9', content: 'Sunny' }] },
      ],
    })
    .withResponse();
  const messages = (upstream.requests[0]?.body as { messages: Array<{ tool_calls?: Array<{ id: string }>; tool_call_id?: string }> }).messages;
  const id = messages.find((message) => message.tool_calls !== undefined)?.tool_calls?.[0]?.id;
  assert.match(id ?? '', /^[a-zA-Z0-9]{9}$/);
  assert.equal(messages.find((message) => message.tool_call_id !== undefined)?.tool_call_id, id);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /tool_calls\.id/);
});

/**
 * Mistral's answer to a prefix repeats it, as its documentation's example shows ("The Capital of France is
 * **Paris**." for the prefix "The Capital of France is", docs.mistral.ai Chat Completions, "Prefix"): here the
 * recorded answer (mistral/pa-chat-penalties.response.json) with that text, whole or cut into chunks.
 */
const prefill = 'The Capital of France is';
const documentedAnswer = `${prefill} **Paris**.`;

function prefixAnswer(): unknown {
  const recorded = readFixtureJson('mistral/pa-chat-penalties.response.json') as { choices: Array<{ message: Record<string, unknown> }> };
  recorded.choices[0]!.message['content'] = documentedAnswer;
  return recorded;
}

function prefixStream(): string {
  const chunk = (delta: Record<string, unknown>, finish: string | null, usage?: unknown) =>
    `data: ${JSON.stringify({ id: 'a4e29c5b82f94d67b23e108a7c9df6e1', object: 'chat.completion.chunk', created: 1769088912, model: 'mistral-small-latest', choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;
  const pieces = ['The Capital', ' of France is **Pa', 'ris**.'];
  return [chunk({ role: 'assistant', content: '' }, null), ...pieces.map((piece) => chunk({ content: piece }, null)), chunk({ content: '' }, 'stop', { prompt_tokens: 15, completion_tokens: 9, total_tokens: 24 }), 'data: [DONE]\n\n'].join('');
}

test('Mistral: a Claude caller\'s prefill goes marked prefix, and the answer it repeats comes back without it, whole or streamed', async () => {
  const port = new URL(client.baseURL).port;
  const anthropic = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'caller', maxRetries: 0 });
  const ask = { model: 'mistral-small', max_tokens: 200, messages: [{ role: 'user' as const, content: 'What is the capital of France?' }, { role: 'assistant' as const, content: prefill }] };

  upstream.enqueue({ kind: 'json', body: prefixAnswer() });
  const whole = await anthropic.messages.create(ask);
  const last = (upstream.requests[0]?.body as { messages: Array<Record<string, unknown>> }).messages.at(-1);
  assert.deepEqual(last, { role: 'assistant', content: prefill, prefix: true });
  assert.deepEqual(whole.content.map((block) => (block.type === 'text' ? block.text : block.type)), [' **Paris**.']);

  upstream.enqueue({ kind: 'stream', text: prefixStream() });
  const streamed = await anthropic.messages.stream(ask).finalMessage();
  const text = streamed.content.find((block) => block.type === 'text');
  assert.equal(text?.type === 'text' ? text.text : undefined, ' **Paris**.');
});

test('Mistral: empty assistant messages at the end are left out, so the words before them go as the prefix', async () => {
  upstream.enqueue({ kind: 'json', body: prefixAnswer() });
  const completion = await client.chat.completions.create({
    model: 'mistral-small',
    messages: [
      { role: 'user', content: 'What is the capital of France?' },
      { role: 'assistant', content: prefill },
      { role: 'assistant', content: '' },
    ],
  });
  const messages = (upstream.requests[0]?.body as { messages: Array<Record<string, unknown>> }).messages;
  assert.deepEqual(messages.at(-1), { role: 'assistant', content: prefill, prefix: true });
  assert.equal(completion.choices[0]?.message.content, ' **Paris**.');
});

test('Mistral: tool_choice "required" goes through; a recorded tool call without `type` comes back as a function call', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('mistral/response-tool-call.json') });
  const completion = await client.chat.completions.create({ model: 'mistral-small', tools: [weatherTool], tool_choice: 'required', messages: [{ role: 'user', content: 'Weather in San Francisco?' }] });
  const call = completion.choices[0]?.message.tool_calls?.[0];
  assert.equal(call?.id, 'gSIMJiOkT');
  assert.equal(call?.type, 'function');
  assert.equal(call?.type === 'function' ? call.function.name : undefined, 'weather');
  assert.deepEqual(JSON.parse(call?.type === 'function' ? call.function.arguments : '{}'), { location: 'San Francisco' });
  assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
  assert.equal(completion.usage?.prompt_tokens, 124);
  assert.equal((upstream.requests[0]?.body as Record<string, unknown>).tool_choice, 'required');
});

test('Mistral: fields it does not declare (OpenAI\'s user and store, a user message\'s name) are left out and reported; declared ones go', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('mistral/response-tool-call.json') });
  const { response } = await client.chat.completions
    .create({
      model: 'mistral-small',
      user: 'user-42',
      store: false,
      metadata: { team: 'search' },
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Weather in San Francisco?', name: 'alice' }],
    })
    .withResponse();
  const body = upstream.requests[0]?.body as { user?: unknown; store?: unknown; metadata?: unknown; messages: Array<Record<string, unknown>> };
  assert.equal(body.user, undefined);
  assert.equal(body.store, undefined);
  assert.deepEqual(body.metadata, { team: 'search' });
  assert.deepEqual(body.messages[0], { role: 'user', content: 'Weather in San Francisco?' });
  const warnings = response.headers.get('x-interlingua-warnings') ?? '';
  for (const field of ['user', 'store', 'messages[].user.name']) assert.ok(warnings.includes(field), `${field} not reported in ${warnings}`);
});

test('Mistral: a recorded stream with the whole tool call in one chunk beside finish_reason and usage', async () => {
  upstream.enqueue({ kind: 'stream', text: asSse('mistral/stream-tool-call-single-chunk.data.ndjson') });
  const stream = await client.chat.completions.create({ model: 'mistral-small', stream: true, stream_options: { include_usage: true }, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather?' }] });
  let name = '';
  let args = '';
  let finish: string | null | undefined;
  let usage: OpenAI.CompletionUsage | null | undefined;
  for await (const chunk of stream) {
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
      name += call.function?.name ?? '';
      args += call.function?.arguments ?? '';
    }
    finish = chunk.choices[0]?.finish_reason ?? finish;
    usage = chunk.usage ?? usage;
  }
  const recorded = readFixtureDataLines('mistral/stream-tool-call-single-chunk.data.ndjson').map((frame) => JSON.parse(frame.data) as { choices: Array<{ delta: { tool_calls?: Array<{ function: { name: string; arguments: string } }> } }>; usage?: { completion_tokens: number } });
  const recordedCall = recorded.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])[0];
  assert.equal(name, recordedCall?.function.name);
  assert.deepEqual(JSON.parse(args), JSON.parse(recordedCall?.function.arguments ?? ''));
  assert.equal(finish, 'tool_calls');
  assert.equal(usage?.completion_tokens, recorded.find((chunk) => chunk.usage !== undefined)?.usage?.completion_tokens);
});

/** A recorded OpenAI-format completion: Cohere's Compatibility API and Bedrock's endpoint answer in OpenAI's format. */
const openaiFormatReply = 'openai-chat/fantasy-gpt4o-simple.response.json';

test('Groq: the fields it refuses (logprobs, logit_bias, top_logprobs, a message\'s name) are left out and reported', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const { response } = await client.chat.completions
    .create({ model: 'llama', logprobs: true, top_logprobs: 2, logit_bias: { '50256': -100 }, temperature: 0.2, messages: [{ role: 'user', content: 'Hi', name: 'alice' }] })
    .withResponse();
  const body = upstream.requests[0]?.body as Record<string, unknown> & { messages: Array<Record<string, unknown>> };
  for (const field of ['logprobs', 'top_logprobs', 'logit_bias']) assert.equal(body[field], undefined, field);
  assert.equal(body.temperature, 0.2);
  assert.deepEqual(body.messages[0], { role: 'user', content: 'Hi' });
  const warnings = response.headers.get('x-interlingua-warnings') ?? '';
  for (const field of ['logprobs', 'top_logprobs', 'logit_bias', 'messages[].user.name']) assert.ok(warnings.includes(field), `${field} not reported in ${warnings}`);
});

test('Groq: more than one answer is asked as one, and reported', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const { response } = await client.chat.completions.create({ model: 'llama', n: 3, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal((upstream.requests[0]?.body as Record<string, unknown>).n, 1);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'candidate_count' && warning.message.includes('3 were asked for')), JSON.stringify(warnings));
});

test('xAI: Grok 4 refuses the penalties, even at 0; they are left out and reported, the temperature goes', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const { response } = await client.chat.completions
    .create({ model: 'grok', presence_penalty: 0, frequency_penalty: 0.5, temperature: 0.3, messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();
  const body = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(body.presence_penalty, undefined);
  assert.equal(body.frequency_penalty, undefined);
  assert.equal(body.temperature, 0.3);
  const warnings = response.headers.get('x-interlingua-warnings') ?? '';
  for (const field of ['presence_penalty', 'frequency_penalty']) assert.ok(warnings.includes(field), `${field} not reported in ${warnings}`);
});

test('xAI: Grok 4 reasons by itself and refuses reasoning_effort, a non-reasoning Grok does not reason: both get none, and the caller is told', async () => {
  for (const [model, said] of [['grok-4', /reasons by itself/], ['grok-fast', /does not reason/]] as const) {
    upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
    const { response } = await client.chat.completions.create({ model, reasoning_effort: 'high', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    assert.equal((upstream.requests.at(-1)?.body as Record<string, unknown>).reasoning_effort, undefined, model);
    assert.match(response.headers.get('x-interlingua-warnings') ?? '', said);
  }
});

test('xAI: each current Grok gets only the effort words it takes; the caller is told of any other', async () => {
  const cases: Array<[model: string, asked: 'xhigh' | 'medium' | 'none' | 'minimal', sent: string | undefined, warned: RegExp | undefined]> = [
    ['grok', 'xhigh', 'high', /takes no reasoning effort "xhigh"; it was sent as "high"/],
    ['grok-4.6', 'xhigh', 'xhigh', undefined],
    ['grok-4.3', 'xhigh', 'high', /takes no reasoning effort "xhigh"/],
    ['grok-4.3', 'none', 'none', undefined],
    ['grok', 'none', undefined, /always reasons/],
    ['grok-mini', 'medium', 'high', /"medium" was sent as "high"/],
    ['grok', 'minimal', 'low', /"minimal" was sent as "low"/],
  ];
  for (const [model, asked, sent, warned] of cases) {
    upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
    const { response } = await client.chat.completions.create({ model, reasoning_effort: asked, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    assert.equal((upstream.requests.at(-1)?.body as Record<string, unknown>).reasoning_effort, sent, `${model} ${asked}`);
    const warnings = (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ message: string }>).map((warning) => warning.message).join('\n');
    if (warned === undefined) assert.doesNotMatch(warnings, /reason/, `${model} ${asked}`);
    else assert.match(warnings, warned, `${model} ${asked}`);
  }
});

test('xAI: thinking turned off by an Anthropic caller reaches Grok 4.3 as reasoning_effort none', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const port = new URL(client.baseURL).port;
  const anthropic = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'caller', maxRetries: 0 });
  await anthropic.messages.create({ model: 'grok-4.3', max_tokens: 100, thinking: { type: 'disabled' }, messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal((upstream.requests.at(-1)?.body as Record<string, unknown>).reasoning_effort, 'none');
});

test('xAI: the reasoning Groks refuse stop: it is left out and reported; a non-reasoning Grok gets it', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const { response } = await client.chat.completions.create({ model: 'grok', stop: ['END'], messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal((upstream.requests.at(-1)?.body as Record<string, unknown>).stop, undefined);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /"feature":"stop"/);
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  await client.chat.completions.create({ model: 'grok-fast', stop: ['END'], messages: [{ role: 'user', content: 'Hi' }] });
  assert.deepEqual((upstream.requests.at(-1)?.body as Record<string, unknown>).stop, ['END']);
});

test('Groq: reasoning asked of Llama, which does not reason, is left out; gpt-oss, which always reasons, gets low for minimal', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const llama = await client.chat.completions.create({ model: 'llama', reasoning_effort: 'high', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal((upstream.requests.at(-1)?.body as Record<string, unknown>).reasoning_effort, undefined);
  assert.match(llama.response.headers.get('x-interlingua-warnings') ?? '', /does not reason/);
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const oss = await client.chat.completions.create({ model: 'groq-gpt-oss', reasoning_effort: 'minimal', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal((upstream.requests.at(-1)?.body as Record<string, unknown>).reasoning_effort, 'low');
  assert.match(oss.response.headers.get('x-interlingua-warnings') ?? '', /reasoning/);
});

test('Groq: Qwen 3 takes reasoning_effort as a switch: default for reasoning at any level, none for off', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const high = await client.chat.completions.create({ model: 'groq-qwen', reasoning_effort: 'high', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal((upstream.requests.at(-1)?.body as Record<string, unknown>).reasoning_effort, 'default');
  assert.match(high.response.headers.get('x-interlingua-warnings') ?? '', /switches reasoning on or off/);
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const port = new URL(client.baseURL).port;
  const anthropic = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'caller', maxRetries: 0 });
  await anthropic.messages.create({ model: 'groq-qwen', max_tokens: 100, thinking: { type: 'disabled' }, messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal((upstream.requests.at(-1)?.body as Record<string, unknown>).reasoning_effort, 'none');
});

test("Groq: Claude Code's 64000 output tokens to Qwen 3 32B and Kimi K2, which write at most 40960 and 16384: lowered, with a warning", async () => {
  const port = new URL(client.baseURL).port;
  const anthropic = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'caller', maxRetries: 0 });
  const sent: unknown[] = [];
  for (const model of ['groq-qwen-32b', 'kimi']) {
    upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
    const { response } = await anthropic.messages.create({ model, max_tokens: 64000, messages: [{ role: 'user', content: 'Hi' }] }, { timeout: 60_000 }).withResponse();
    const body = upstream.requests.at(-1)?.body as Record<string, unknown>;
    sent.push(body.max_completion_tokens ?? body.max_tokens);
    assert.match(response.headers.get('x-interlingua-warnings') ?? '', /max_output_tokens/);
  }
  assert.deepEqual(sent, [40960, 16384]);
});

test('Cohere: the Compatibility API path with the Cohere key as bearer, OpenAI field names kept', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText(openaiFormatReply) });
  const expected = readFixtureJson(openaiFormatReply) as { choices: Array<{ message: { content: string } }> };
  const completion = await client.chat.completions.create({ model: 'command', max_completion_tokens: 50, seed: 3, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(completion.choices[0]?.message.content, expected.choices[0]?.message.content);
  const received = upstream.requests[0];
  assert.equal(received?.url, '/compatibility/v1/chat/completions');
  assert.equal(received?.headers.authorization, 'Bearer cohere-key');
  const body = received?.body as Record<string, unknown>;
  assert.equal(body.model, 'command-a-03-2025');
  assert.equal(body.max_completion_tokens, 50);
  assert.equal(body.seed, 3);
});

test('Bedrock OpenAI endpoint: /openai/v1/chat/completions with the Bedrock API key as bearer and the Bedrock model id', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureText(openaiFormatReply) });
  const completion = await client.chat.completions.create({ model: 'gpt-oss', max_completion_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
  assert.ok((completion.choices[0]?.message.content ?? '').length > 0);
  const received = upstream.requests[0];
  assert.equal(received?.url, '/us-west-2/openai/v1/chat/completions');
  assert.equal(received?.headers.authorization, 'Bearer bedrock-api-key');
  const body = received?.body as Record<string, unknown>;
  assert.equal(body.model, 'openai.gpt-oss-120b-1:0');
  assert.equal(body.max_completion_tokens, 50);
});
