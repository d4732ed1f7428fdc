/**
 * Bedrock Converse takes tool calls and results in the history only beside a `toolConfig` ("The
 * toolConfig field must be defined when using toolUse and toolResult content blocks.",
 * test/support/vendor-rules/bedrock.ts), while OpenAI takes a final turn that leaves the tools out
 * so that the model answers in words, as agents send after their tool rounds. The caller is the
 * official openai SDK; the upstream judges as Bedrock. Meta's and Mistral's models take a turn of
 * tool calls or results only with nothing else in it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson } from '../support/fixtures.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: { claude: [{ provider: 'aws', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }], llama: [{ provider: 'aws', model: 'us.meta.llama4-maverick-17b-instruct-v1:0' }] },
}));
const client = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

const toolRound: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'user', content: 'What is the weather in Paris?' },
  { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
  { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 24°C' },
  { role: 'user', content: 'Sum it up in one line.' },
];
const weather: OpenAI.ChatCompletionTool = { type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

interface ConverseBody {
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
  toolConfig?: unknown;
}

async function sent(tools?: OpenAI.ChatCompletionTool[]): Promise<{ body: ConverseBody; warnings: string }> {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const { response } = await client().chat.completions.create({ model: 'claude', messages: toolRound, ...(tools === undefined ? {} : { tools }) }).withResponse();
  return { body: setup.upstream.requests[0]?.body as ConverseBody, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('a final turn without tools: the calls and results of the history go as text', async () => {
  const { body, warnings } = await sent();
  assert.equal(body.toolConfig, undefined);
  const blocks = body.messages.flatMap((message) => message.content);
  assert.ok(!blocks.some((block) => block['toolUse'] !== undefined || block['toolResult'] !== undefined), JSON.stringify(body.messages));
  const texts = body.messages.map((message) => [message.role, message.content.map((block) => String(block['text'])).join('')]);
  assert.deepEqual(texts, [
    ['user', 'What is the weather in Paris?'],
    ['assistant', 'Let me look.\n{"name": "weather", "arguments": {"city":"Paris"}}'],
    ['user', 'Result of tool call call_1 (weather): Sunny, 24°CSum it up in one line.'],
  ]);
  assert.match(warnings, /tool_history/);
});

test('with the tools declared, the history keeps its tool blocks', async () => {
  const { body, warnings } = await sent([weather]);
  assert.ok(body.toolConfig !== undefined);
  const blocks = body.messages.flatMap((message) => message.content);
  assert.ok(blocks.some((block) => block['toolUse'] !== undefined) && blocks.some((block) => block['toolResult'] !== undefined));
  assert.doesNotMatch(warnings, /tool_history/);
});

test('with the tools declared, a call nobody answered gets an error result in the turn after it', async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const calls = [
    { id: 'call_1', type: 'function' as const, function: { name: 'weather', arguments: '{"city":"Paris"}' } },
    { id: 'call_2', type: 'function' as const, function: { name: 'weather', arguments: '{"city":"Rome"}' } },
  ];
  const { response } = await client()
    .chat.completions.create({
      model: 'claude',
      tools: [weather],
      messages: [
        { role: 'user', content: 'Paris and Rome?' },
        { role: 'assistant', content: null, tool_calls: calls },
        { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
        { role: 'user', content: 'Never mind Rome.' },
      ],
    })
    .withResponse();
  const body = setup.upstream.requests[0]?.body as ConverseBody;
  const results = body.messages[2]?.content.flatMap((block) => (block['toolResult'] === undefined ? [] : [block['toolResult'] as Record<string, unknown>]));
  assert.deepEqual(
    results?.map((result) => [result['toolUseId'], result['status'] ?? 'success']),
    [
      ['call_1', 'success'],
      ['call_2', 'error'],
    ],
  );
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /tool_result\.missing/);
});

test('with the tools declared, a conversation ending on Claude\'s turn gets a user turn after it', async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const { response } = await client()
    .chat.completions.create({
      model: 'claude',
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: 'I can look that up' },
      ],
    })
    .withResponse();
  const body = setup.upstream.requests[0]?.body as ConverseBody;
  assert.deepEqual(body.messages.at(-1), { role: 'user', content: [{ text: 'Continue.' }] });
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /"prefill"/);
});

test('for a Llama model, a turn of tool calls or results that holds more is split, the roles still alternating', async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const { response } = await client().chat.completions.create({ model: 'llama', messages: toolRound, tools: [weather] }).withResponse();
  const body = setup.upstream.requests[0]?.body as ConverseBody;
  const shapes = body.messages.map((message) => [message.role, message.content.map((block) => Object.keys(block)[0]).join(' ')]);
  assert.deepEqual(shapes, [
    ['user', 'text'],
    ['assistant', 'text'],
    ['user', 'text'],
    ['assistant', 'toolUse'],
    ['user', 'toolResult'],
    ['assistant', 'text'],
    ['user', 'text'],
  ]);
  assert.deepEqual(body.messages[2]?.content, [{ text: 'Continue.' }]);
  assert.deepEqual(body.messages[5]?.content, [{ text: 'Understood.' }]);
  assert.deepEqual(body.messages[6]?.content, [{ text: 'Sum it up in one line.' }]);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /messages\.tool_turns/);
});

test('for Claude, the same turns go as they are', async () => {
  const { body } = await sent([weather]);
  assert.deepEqual(
    body.messages.map((message) => message.role),
    ['user', 'assistant', 'user'],
  );
});
