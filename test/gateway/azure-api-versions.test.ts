/**
 * An Azure OpenAI provider on an older dated api-version: 2024-06-01 (GA) knows none of
 * `max_completion_tokens`, `stream_options`, `parallel_tool_calls` and JSON Schema output, and
 * 2024-08-01-preview knows only the last; 2024-10-21 knows them all but `reasoning_effort`, which came with
 * 2024-12-01-preview (test/support/vendor-rules/azure-openai.ts).
 * The caller is the official openai SDK; the upstream judges as Azure, so a field the version does
 * not know fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';

const provider = (baseUrl: string, apiVersion: string) => ({ dialect: 'azure-openai', baseUrl, apiVersion, apiKey: 'azure-test-key' });
const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    ga2406: provider(baseUrl, '2024-06-01'),
    preview2408: provider(baseUrl, '2024-08-01-preview'),
    ga2410: provider(baseUrl, '2024-10-21'),
    preview2412: provider(baseUrl, '2024-12-01-preview'),
  },
  models: {
    'june-ga': [{ provider: 'ga2406', model: 'gpt-4o-deployment' }],
    'august-preview': [{ provider: 'preview2408', model: 'gpt-4o-deployment' }],
    'october-ga': [{ provider: 'ga2410', model: 'gpt-4o-deployment' }],
    'o1-august': [{ provider: 'preview2408', model: 'my-o1-deployment' }],
    'o1-december': [{ provider: 'preview2412', model: 'my-o1-deployment' }],
  },
}));
const client = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

const weather: OpenAI.ChatCompletionTool = { type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const schema: OpenAI.ResponseFormatJSONSchema = {
  type: 'json_schema',
  json_schema: { name: 'forecast', schema: { type: 'object', properties: { sky: { type: 'string' } }, required: ['sky'], additionalProperties: false }, strict: true },
};

/** What the upstream received for a whole request with every such field, and the warnings the caller got. */
async function sentWhole(model: string): Promise<{ body: Record<string, unknown>; warnings: string }> {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json') });
  const { response } = await client()
    .chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather in Florence?' }], max_tokens: 300, tools: [weather], parallel_tool_calls: false, response_format: schema })
    .withResponse();
  return { body: setup.upstream.requests.at(-1)?.body as Record<string, unknown>, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('2024-06-01: the output limit as max_tokens, no parallel_tool_calls, the schema asked for in the prompt with JSON mode on', async () => {
  const { body, warnings } = await sentWhole('june-ga');
  assert.equal(body['max_tokens'], 300);
  assert.equal(body['max_completion_tokens'], undefined);
  assert.equal(body['parallel_tool_calls'], undefined);
  assert.deepEqual(body['response_format'], { type: 'json_object' });
  assert.match(JSON.stringify(body['messages']), /forecast|sky/);
  assert.match(warnings, /parallel_tool_calls/);
  assert.match(warnings, /response_format\.json_schema/);
});

test('2024-08-01-preview takes the JSON Schema, not the fields of September', async () => {
  const { body } = await sentWhole('august-preview');
  assert.equal(body['max_tokens'], 300);
  assert.equal((body['response_format'] as { type: string }).type, 'json_schema');
  assert.equal(body['parallel_tool_calls'], undefined);
});

test('2024-10-21 takes them all, as OpenAI does', async () => {
  const { body, warnings } = await sentWhole('october-ga');
  assert.equal(body['max_completion_tokens'], 300);
  assert.equal(body['parallel_tool_calls'], false);
  assert.equal((body['response_format'] as { type: string }).type, 'json_schema');
  assert.doesNotMatch(warnings, /parallel_tool_calls/);
});

test('reasoning_effort, which came with 2024-12-01-preview, is left out before it with a warning, and sent from it on', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json
  const answer = { kind: 'json' as const, body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json') };
  setup.upstream.enqueue(answer, answer);
  const asked = (model: string) => client().chat.completions.create({ model, reasoning_effort: 'low', max_completion_tokens: 500, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  const august = await asked('o1-august');
  assert.equal((setup.upstream.requests[0]?.body as Record<string, unknown>)['reasoning_effort'], undefined);
  assert.match(august.response.headers.get('x-interlingua-warnings') ?? '', /"feature":"reasoning_effort"/);
  await asked('o1-december');
  assert.equal((setup.upstream.requests[1]?.body as Record<string, unknown>)['reasoning_effort'], 'low');
});

test('a stream on 2024-06-01 goes without stream_options and still reaches the caller whole', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse
  setup.upstream.enqueue({ kind: 'stream', text: readFixtureText('azure-openai/fantasy-gpt5mini-chat-stream.response.sse') });
  const stream = await client().chat.completions.create({ model: 'june-ga', messages: [{ role: 'user', content: 'Say hi in Portuguese' }], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  assert.match(text, /^Olá/);
  const body = setup.upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(body['stream'], true);
  assert.equal(body['stream_options'], undefined);
});
