/**
 * Requests that reach Anthropic as the Messages API accepts them, where the caller's dialect allows
 * what Anthropic refuses: a forced tool choice while reasoning is on, tool call ids outside
 * Anthropic's id pattern, image media types Anthropic does not read; and a multi-step tool loop
 * with thinking, which Anthropic serves as it is. The Anthropic test upstream
 * judges every request by the vendor's rules (test/support/vendor-rules/anthropic), so each test
 * fails when the gateway sends what Anthropic would refuse. Callers are the official SDKs.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

interface Entry {
  type: string;
  feature: string;
}

const client = (): OpenAI => new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const weather: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

/** The assistant's two weather calls, for Paris and for Rome, under the ids given. */
function parisAndRome(parisId: string, romeId: string): OpenAI.ChatCompletionAssistantMessageParam {
  const call = (id: string, city: string) => ({ id, type: 'function' as const, function: { name: 'get_weather', arguments: JSON.stringify({ city }) } });
  return { role: 'assistant', content: null, tool_calls: [call(parisId, 'Paris'), call(romeId, 'Rome')] };
}

function anthropicReceived(): Record<string, unknown> {
  const body = harness.upstreams.anthropic.requests[0]?.body as Record<string, unknown> | undefined;
  assert.ok(body !== undefined, 'Anthropic received the request');
  return body;
}

function warningsOf(response: Response): Entry[] {
  return JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Entry[];
}

test('a forced tool call with reasoning on reaches Anthropic with the forced call kept and thinking off', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client()
    .chat.completions.create({
      model: modelFor('anthropic'),
      reasoning_effort: 'high',
      tools: [weather],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    })
    .withResponse();
  const body = anthropicReceived();
  assert.deepEqual(body['tool_choice'], { type: 'tool', name: 'get_weather' });
  assert.equal(body['thinking'], undefined);
  assert.ok(warningsOf(response).some((warning) => warning.feature === 'reasoning.forced_tool_choice'), JSON.stringify(warningsOf(response)));
});

test('tool call ids Anthropic does not take are rewritten alike in the call and its result', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  // Kimi-style ids (`functions.<name>:<n>`) and an id that would collide once rewritten.
  const { response } = await client()
    .chat.completions.create({
      model: modelFor('anthropic'),
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        parisAndRome('functions.get_weather:0', 'functions_get_weather_0'),
        { role: 'tool', tool_call_id: 'functions.get_weather:0', content: 'sunny' },
        { role: 'tool', tool_call_id: 'functions_get_weather_0', content: 'rainy' },
      ],
    })
    .withResponse();
  const messages = anthropicReceived()['messages'] as Array<{ content: Array<Record<string, unknown>> }>;
  const calls = messages[1]?.content.map((block) => block['id']);
  const answers = messages[2]?.content.map((block) => block['tool_use_id']);
  assert.deepEqual(calls, ['functions_get_weather_0_2', 'functions_get_weather_0']);
  assert.deepEqual(answers, calls);
  assert.ok(warningsOf(response).some((warning) => warning.feature === 'tool_call.id'), JSON.stringify(warningsOf(response)));
});

test('an image labelled image/jpg is sent as image/jpeg, and one of a type Anthropic cannot read, whose data shows no known format, is left out', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client()
    .chat.completions.create({
      model: modelFor('anthropic'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What do these show?' },
            { type: 'image_url', image_url: { url: 'data:image/jpg;base64,/9j/4AAQSkZJRgABAQ==' } },
            // An icon: a type Anthropic does not take, in bytes the gateway does not recognise, so its label is all there is.
            { type: 'image_url', image_url: { url: 'data:image/x-icon;base64,AAABAAEAEBA=' } },
          ],
        },
      ],
    })
    .withResponse();
  const messages = anthropicReceived()['messages'] as Array<{ content: Array<{ type: string; source?: Record<string, unknown> }> }>;
  const images = messages[0]?.content.filter((block) => block.type === 'image') ?? [];
  assert.deepEqual(
    images.map((block) => block.source?.['media_type']),
    ['image/jpeg'],
  );
  const features = warningsOf(response).filter((warning) => warning.feature === 'image.media_type').map((warning) => warning.type);
  assert.deepEqual(features.sort(), ['compatibility', 'unsupported']);
});

test('an image whose data shows a format Anthropic cannot read (HEIC) is refused in the caller\'s dialect, naming it, before any upstream call', async () => {
  const sentBefore = harness.upstreams.anthropic.requests.length;
  const refused = await client()
    .chat.completions.create({
      model: modelFor('anthropic'),
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What does this show?' }, { type: 'image_url', image_url: { url: 'data:image/heic;base64,AAAAGGZ0eXBoZWlj' } }] }],
    })
    .then(
      () => assert.fail('the request was sent'),
      (error: unknown) => error,
    );
  assert.ok(refused instanceof OpenAI.BadRequestError, String(refused));
  assert.match(refused.message, /Image 1 of the request .* is a HEIC image \(image\/heic\)/);
  assert.equal(harness.upstreams.anthropic.requests.length, sentBefore);
});

test('a multi-step tool loop with thinking keeps thinking on: only the loop\'s first assistant message needs its signed block', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const anthropic = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const tool: Anthropic.Tool = { name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };
  const { response } = await anthropic.messages
    .create({
      model: modelFor('anthropic'),
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      tools: [tool],
      messages: [
        { role: 'user', content: 'Weather in Paris, then Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Paris first, then Rome.', signature: 'EqQBCkYIBxgCKkBsigned' },
            { type: 'tool_use', id: 'toolu_01Paris', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01Paris', content: 'sunny' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01Rome', name: 'get_weather', input: { city: 'Rome' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01Rome', content: 'rainy' }] },
      ],
    })
    .withResponse();
  assert.deepEqual(anthropicReceived()['thinking'], { type: 'enabled', budget_tokens: 2048 });
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Entry[];
  assert.ok(!warnings.some((warning) => warning.feature === 'reasoning.tool_turn'), JSON.stringify(warnings));
});

test('adaptive thinking, which takes a forced tool choice, reaches Anthropic with both kept', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const anthropic = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const tool: Anthropic.Tool = { name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };
  await anthropic.messages.create({
    model: modelFor('anthropic'),
    max_tokens: 4096,
    thinking: { type: 'adaptive' },
    tools: [tool],
    tool_choice: { type: 'tool', name: 'get_weather' },
    messages: [{ role: 'user', content: 'Weather in Paris?' }],
  });
  const body = anthropicReceived();
  assert.deepEqual(body['thinking'], { type: 'adaptive' });
  assert.deepEqual(body['tool_choice'], { type: 'tool', name: 'get_weather' });
});

test('a request of system instructions only reaches Anthropic with them as the user turn', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client()
    .chat.completions.create({ model: modelFor('anthropic'), messages: [{ role: 'system', content: 'Write a haiku about rain.' }] })
    .withResponse();
  const body = anthropicReceived();
  assert.equal(body['system'], undefined);
  assert.deepEqual(body['messages'], [{ role: 'user', content: [{ type: 'text', text: 'Write a haiku about rain.' }] }]);
  assert.ok(warningsOf(response).some((warning) => warning.feature === 'system_only'), JSON.stringify(warningsOf(response)));
});

test('a request with no content at all is refused in the caller\'s dialect without reaching Anthropic', async () => {
  // An empty user message, and system instructions of whitespace only, which Anthropic refuses as text.
  for (const messages of [[{ role: 'user', content: '' }], [{ role: 'system', content: ' \n' }]] satisfies OpenAI.ChatCompletionMessageParam[][]) {
    const refused = await client()
      .chat.completions.create({ model: modelFor('anthropic'), messages })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof OpenAI.BadRequestError, String(refused));
    assert.match(refused.message, /no message content/i);
  }
  assert.equal(harness.upstreams.anthropic.requests.length, 0);
});

test('a final assistant message (a prefill) reaches Anthropic without its trailing whitespace', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client()
    .chat.completions.create({
      model: modelFor('anthropic'),
      messages: [
        { role: 'user', content: 'List three colours.' },
        { role: 'assistant', content: 'Here they are:\n' },
      ],
    })
    .withResponse();
  const messages = anthropicReceived()['messages'] as Array<{ role: string; content: Array<{ type: string; text?: string }> }>;
  assert.deepEqual(messages.at(-1), { role: 'assistant', content: [{ type: 'text', text: 'Here they are:' }] });
  assert.ok(warningsOf(response).some((warning) => warning.feature === 'prefill.trailing_whitespace'), JSON.stringify(warningsOf(response)));
});

test('an Ollama history with an unanswered tool call and an orphan tool result reaches Anthropic paired', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const ollama = new Ollama({ host: harness.gatewayUrl });
  // Ollama takes any order of turns: the user changed the subject before the tool ran, and an old
  // result whose call was trimmed from the history is still there.
  await ollama.chat({
    model: modelFor('anthropic'),
    messages: [
      { role: 'tool', content: 'old result', tool_name: 'get_weather' },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'user', content: 'Never mind, tell me a joke.' },
    ],
  });
  const messages = anthropicReceived()['messages'] as Array<{ role: string; content: Array<Record<string, unknown>> }>;
  const call = messages.find((message) => message.role === 'assistant')?.content.find((block) => block['type'] === 'tool_use');
  assert.ok(call !== undefined, JSON.stringify(messages));
  const answer = messages[messages.findIndex((message) => message.role === 'assistant') + 1]?.content[0];
  assert.equal(answer?.['type'], 'tool_result');
  assert.equal(answer?.['tool_use_id'], call['id']);
  assert.equal(answer?.['is_error'], true);
  assert.ok(!messages[0]?.content.some((block) => block['type'] === 'tool_result'), JSON.stringify(messages[0]));
});

test('beside tools, a conversation ending on the assistant reaches Anthropic with a user turn after it, as Claude takes no prefill there', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client()
    .chat.completions.create({
      model: modelFor('anthropic'),
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: 'I can look that up' },
      ],
    })
    .withResponse();
  const messages = anthropicReceived()['messages'] as Array<{ role: string; content: Array<{ type: string; text?: string }> }>;
  assert.deepEqual(messages.at(-2), { role: 'assistant', content: [{ type: 'text', text: 'I can look that up' }] });
  assert.deepEqual(messages.at(-1), { role: 'user', content: [{ type: 'text', text: 'Continue.' }] });
  assert.ok(warningsOf(response).some((warning) => warning.feature === 'prefill'), JSON.stringify(warningsOf(response)));
});

test('a history ending on tool calls nobody answered reaches Anthropic with an error result for each', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client()
    .chat.completions.create({
      model: modelFor('anthropic'),
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        parisAndRome('call_paris', 'call_rome'),
      ],
    })
    .withResponse();
  const messages = anthropicReceived()['messages'] as Array<{ role: string; content: Array<Record<string, unknown>> }>;
  const last = messages.at(-1);
  assert.equal(last?.role, 'user');
  assert.deepEqual(
    last?.content.map((block) => [block['type'], block['tool_use_id'], block['is_error']]),
    [
      ['tool_result', 'call_paris', true],
      ['tool_result', 'call_rome', true],
    ],
  );
  assert.ok(warningsOf(response).some((warning) => warning.feature === 'tool_result.missing'), JSON.stringify(warningsOf(response)));
});
