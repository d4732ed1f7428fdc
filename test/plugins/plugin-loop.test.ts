/**
 * Server-side plugins end to end: a model alias with an HTTP plugin and a stdio MCP plugin answers
 * a question that needs both, for OpenAI, Anthropic and Gemini callers (their official SDKs),
 * streamed and not. The upstream is scripted: landmark → weather → answer.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { anthropicCaller, geminiCaller, openaiCaller, type CallerClient } from '../gateway/support/callers.js';
import { startPluginGateway, type PluginGateway } from './support/plugin-gateway.js';
import { openaiChatReply } from './support/scripted-replies.js';

let setup: PluginGateway;

before(async () => {
  setup = await startPluginGateway();
});
after(async () => {
  await setup.close();
});
beforeEach(() => {
  setup.upstream.reset();
  setup.landmarks.requests.length = 0;
});

const answer = 'The Eiffel Tower is in Paris, where it is 18°C with light rain.';

function scriptBothPlugins(stream: boolean): void {
  setup.upstream.enqueue(
    openaiChatReply({ calls: [{ id: 'call_landmark', name: 'landmark', args: { name: 'Eiffel Tower' } }] }, stream),
    openaiChatReply({ calls: [{ id: 'call_weather', name: 'weather', args: { city: 'Paris' } }] }, stream),
    openaiChatReply({ text: answer }, stream),
  );
}

type Json = Record<string, unknown>;
/** The OpenAI Chat messages the upstream got in its n-th request. */
function sentMessages(index: number): Json[] {
  const body = setup.upstream.requests[index]?.body as { messages: Json[] };
  return body.messages;
}

const callers: Array<[string, (url: string) => CallerClient]> = [
  ['OpenAI', openaiCaller],
  ['Anthropic', anthropicCaller],
  ['Gemini', geminiCaller],
];

for (const [name, makeCaller] of callers) {
  for (const stream of [false, true]) {
    test(`${name} caller${stream ? ', streamed' : ''}: the HTTP and the MCP plugin both run and the model answers`, async () => {
      scriptBothPlugins(stream);
      const result = await makeCaller(setup.gatewayUrl).turn({ model: 'travel', prompt: 'What is the weather at the Eiffel Tower?', stream });
      assert.equal(result.text, answer);
      assert.deepEqual(result.calls, [], 'plugin calls are not the caller\'s to answer');
      if (stream) assert.ok(result.deltas > 1, 'the answer streams in pieces');
      assert.equal(setup.upstream.requests.length, 3);
      const offered = (setup.upstream.requests[0]?.body as { tools: Array<{ function: { name: string } }> }).tools.map((tool) => tool.function.name);
      assert.deepEqual(offered.sort(), ['calculator', 'flaky', 'landmark', 'ping', 'weather']);
      assert.deepEqual(setup.landmarks.requests, [{ method: 'GET', url: '/landmarks?name=Eiffel+Tower' }]);
      const second = sentMessages(1);
      assert.deepEqual(second.at(-1), { role: 'tool', tool_call_id: 'call_landmark', content: '{"landmark":"Eiffel Tower","city":"Paris"}' });
      const third = sentMessages(2);
      assert.deepEqual(third.at(-1), { role: 'tool', tool_call_id: 'call_weather', content: 'Paris: 18°C, light rain' });
      assert.equal((third.at(-2)?.tool_calls as Json[] | undefined)?.length, 1, 'the assistant turn with the call is replayed');
    });
  }
}

test('usage of every step is summed into one finish, and the stream has one start', async () => {
  scriptBothPlugins(true);
  const client = new OpenAI({ baseURL: `${setup.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { data, response } = await client.chat.completions
    .create({ model: 'travel', messages: [{ role: 'user', content: 'Weather at the Eiffel Tower?' }], stream: true, stream_options: { include_usage: true } })
    .withResponse();
  assert.match(response.headers.get('x-interlingua-conversation') ?? '', /^conv_/);
  const chunks = [];
  for await (const chunk of data) chunks.push(chunk);
  const ids = new Set(chunks.map((chunk) => chunk.id));
  assert.equal(ids.size, 1, 'one response id across the three model calls');
  const finishes = chunks.filter((chunk) => chunk.choices[0]?.finish_reason);
  assert.deepEqual(finishes.map((chunk) => chunk.choices[0]?.finish_reason), ['stop']);
  const usage = chunks.at(-1)?.usage;
  assert.deepEqual([usage?.prompt_tokens, usage?.completion_tokens, usage?.total_tokens], [30, 15, 45]);
});

test('a raw SSE stream names each plugin as it runs, in comments SDKs skip', async () => {
  scriptBothPlugins(true);
  const response = await fetch(`${setup.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'travel', messages: [{ role: 'user', content: 'Weather at the Eiffel Tower?' }], stream: true }),
  });
  const text = await response.text();
  assert.match(text, /^: plugin landmark running$/m);
  assert.match(text, /^: plugin weather running$/m);
  assert.ok(text.indexOf(': plugin landmark running') < text.indexOf(': plugin weather running'));
});

test('a Gemini SSE stream carries no comment: Google\'s clients parse every line as JSON', async () => {
  scriptBothPlugins(true);
  const response = await fetch(`${setup.gatewayUrl}/v1beta/models/travel:streamGenerateContent?alt=sse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Weather at the Eiffel Tower?' }] }] }),
  });
  const lines = (await response.text()).split(/\r?\n/).filter((line) => line !== '');
  assert.equal(setup.upstream.requests.length, 3, 'both plugins ran');
  assert.deepEqual(lines.filter((line) => !line.startsWith('data: ')), [], 'every line is a data line');
  for (const line of lines) JSON.parse(line.slice('data: '.length));
});

test('a non-streamed answer names the plugins that ran in a header', async () => {
  scriptBothPlugins(false);
  const client = new OpenAI({ baseURL: `${setup.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions.create({ model: 'travel', messages: [{ role: 'user', content: 'Weather?' }] }).withResponse();
  assert.equal(response.headers.get('x-interlingua-plugin-calls'), '["landmark","weather"]');
});

test('arguments that break the schema, a failing MCP tool and an HTTP error all go back to the model', async () => {
  setup.upstream.enqueue(
    openaiChatReply(
      {
        calls: [
          { id: 'call_bad', name: 'landmark', args: { title: 'Eiffel Tower' } },
          { id: 'call_flaky', name: 'flaky', args: { what: 'this' } },
          { id: 'call_missing', name: 'landmark', args: { name: 'Atlantis' } },
        ],
      },
      false,
    ),
    openaiChatReply({ text: 'Sorry, the tools failed.' }, false),
  );
  const result = await openaiCaller(setup.gatewayUrl).turn({ model: 'travel', prompt: 'Try the tools' });
  assert.equal(result.text, 'Sorry, the tools failed.');
  const results = sentMessages(1).filter((message) => message.role === 'tool');
  assert.equal(results.length, 3);
  assert.match(String(results[0]?.content), /do not match the tool's schema: name: /);
  assert.equal(results[1]?.content, 'flaky could not do this');
  assert.match(String(results[2]?.content), /^HTTP 404: .*Atlantis/);
  assert.deepEqual(setup.landmarks.requests.map((request) => request.url), ['/landmarks?name=Atlantis'], 'invalid arguments never reach the tool');
});

test("a call of the caller's own tool ends the loop and goes to the caller", async () => {
  setup.upstream.enqueue(
    openaiChatReply({ calls: [{ id: 'call_calc', name: 'calculator', args: { expression: '6*7' } }] }, true),
    openaiChatReply({ calls: [{ id: 'call_book', name: 'book_table', args: { restaurant: 'Le Jules Verne' } }] }, true),
  );
  const tools = [{ name: 'book_table', description: 'Books a table', parameters: { type: 'object' as const, properties: { restaurant: { type: 'string', description: 'name' } }, required: ['restaurant'] } }];
  const result = await openaiCaller(setup.gatewayUrl).turn({ model: 'travel', prompt: 'Book dinner', tools, stream: true });
  assert.deepEqual(result.calls.map((call) => [call.name, call.args]), [['book_table', { restaurant: 'Le Jules Verne' }]]);
  assert.equal(result.finish, 'tool_calls');
  assert.deepEqual(sentMessages(1).at(-1), { role: 'tool', tool_call_id: 'call_calc', content: '42' });
  const offered = (setup.upstream.requests[0]?.body as { tools: Array<{ function: { name: string } }> }).tools.map((tool) => tool.function.name);
  assert.ok(offered.includes('book_table') && offered.includes('weather'));
});

test('the step limit makes the last model call answer without tools', async () => {
  setup.upstream.enqueue(
    ...[1, 2, 3].map((n) => openaiChatReply({ calls: [{ id: `call_${n}`, name: 'calculator', args: { expression: `${n}+${n}` } }] }, false)),
    openaiChatReply({ text: 'Done.' }, false),
  );
  const result = await openaiCaller(setup.gatewayUrl).turn({ model: 'travel', prompt: 'Add forever' });
  assert.equal(result.text, 'Done.');
  assert.equal(setup.upstream.requests.length, 4, 'maxSteps: 4');
  assert.equal((setup.upstream.requests[3]?.body as { tool_choice?: unknown }).tool_choice, 'none');
  assert.equal((setup.upstream.requests[1]?.body as { tool_choice?: unknown }).tool_choice, 'auto');
});

test("a caller's allowed tools keep the plugins allowed, and every step keeps the list", async () => {
  setup.upstream.enqueue(
    openaiChatReply({ calls: [{ id: 'call_calc', name: 'calculator', args: { expression: '6*7' } }] }, false),
    openaiChatReply({ text: 'Booked.' }, false),
  );
  const client = new OpenAI({ baseURL: `${setup.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const parameters = { type: 'object', properties: { restaurant: { type: 'string' } }, required: ['restaurant'] };
  const completion = await client.chat.completions.create({
    model: 'travel',
    messages: [{ role: 'user', content: 'Book dinner' }],
    tools: [
      { type: 'function', function: { name: 'book_table', parameters } },
      { type: 'function', function: { name: 'cancel_table', parameters } },
    ],
    tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'book_table' } }] } },
  });
  assert.equal(completion.choices[0]?.message.content, 'Booked.');
  const choices = setup.upstream.requests.map((request) => (request.body as { tool_choice?: { allowed_tools?: { mode: string; tools: Array<{ function: { name: string } }> } } }).tool_choice);
  const allowed = choices.map((choice) => [choice?.allowed_tools?.mode, choice?.allowed_tools?.tools.map((tool) => tool.function.name).sort()]);
  const listed = ['book_table', 'calculator', 'flaky', 'landmark', 'ping', 'weather'];
  assert.deepEqual(allowed, [
    ['required', listed],
    ['auto', listed],
  ]);
});

test('a model without plugins is untouched', async () => {
  setup.upstream.enqueue(openaiChatReply({ text: 'hello' }, false));
  const client = new OpenAI({ baseURL: `${setup.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { data, response } = await client.chat.completions.create({ model: 'plain', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  assert.equal(data.choices[0]?.message.content, 'hello');
  assert.equal(response.headers.get('x-interlingua-conversation'), null);
  assert.equal((setup.upstream.requests[0]?.body as { tools?: unknown }).tools, undefined);
});
