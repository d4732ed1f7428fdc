/**
 * A Claude Code history through the gateway to xAI and Mistral, whose test upstreams judge each
 * request by the vendor's rules: a turn of tool calls only, a tool result with text beside it in one
 * user message, a turn that only thought and an empty tool result reach each vendor in a form it
 * takes, and the caller is told what changed.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureText } from '../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let anthropic: Anthropic;

before(async () => {
  // Both vendors' paths are OpenAI's: their judges are named by the prefix each provider is given here.
  upstream = await new TestUpstream({ vendor: (request) => (request.url.startsWith('/xai/') ? 'xai' : request.url.startsWith('/mistral/') ? 'mistral' : undefined) }).start();
  const config = resolveConfig({
    providers: {
      xai: { dialect: 'xai', baseUrl: `${upstream.baseUrl}/xai/v1`, apiKey: 'xai-key' },
      mistral: { dialect: 'mistral', baseUrl: `${upstream.baseUrl}/mistral/v1`, apiKey: 'mistral-key' },
    },
    models: {
      grok: [{ provider: 'xai', model: 'grok-4-1-fast-reasoning' }],
      devstral: [{ provider: 'mistral', model: 'devstral-medium-latest' }],
    },
  });
  gateway = createGateway(config, { logger: silentLogger });
  const port = (await gateway.listen(0, '127.0.0.1')).port;
  anthropic = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  // Both stop even when the upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), upstream.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => upstream.reset());

const readFile: Anthropic.Tool = { name: 'read_file', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };

const history: Anthropic.MessageParam[] = [
  { role: 'user', content: 'read a.txt' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01ABCDEFGHIJKLMNOPQRSTUV', name: 'read_file', input: { path: 'a.txt' } }] },
  {
    role: 'user',
    content: [
      { type: 'tool_result', tool_use_id: 'toolu_01ABCDEFGHIJKLMNOPQRSTUV', content: 'hello' },
      { type: 'text', text: '<system-reminder>keep going</system-reminder>' },
    ],
  },
  { role: 'assistant', content: [{ type: 'thinking', thinking: 'The file says hello.', signature: 'sig' }] },
  { role: 'user', content: 'and b.txt?' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_02', name: 'read_file', input: { path: 'b.txt' } }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_02' }] },
];

async function send(model: string): Promise<{ warnings: Array<{ feature: string }>; sent: Array<Record<string, unknown>> }> {
  upstream.enqueue({ kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') });
  const { data, response } = await anthropic.messages.create({ model, max_tokens: 256, tools: [readFile], messages: history }).withResponse();
  assert.equal(data.type, 'message');
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  return { warnings, sent: (upstream.requests.at(-1)?.body as { messages: Array<Record<string, unknown>> }).messages };
}

test('xAI takes the history: "" beside tool calls, the empty result said in words, the turn that only thought left out, all reported', async () => {
  const { warnings, sent } = await send('grok');
  assert.deepEqual(upstream.takeRefusals(), []);
  assert.ok(sent.filter((message) => message['tool_calls'] !== undefined).every((message) => message['content'] === ''));
  assert.equal(sent.at(-1)?.['content'], 'The tool returned an empty result.');
  const reported = warnings.map((warning) => warning.feature);
  for (const feature of ['messages.empty', 'tool_result.empty']) assert.ok(reported.includes(feature), `${feature} in ${reported.join(', ')}`);
});

test('Mistral takes the history: an assistant message between the tool result and the user text, the turn that only thought left out, all reported', async () => {
  const { warnings, sent } = await send('devstral');
  assert.deepEqual(upstream.takeRefusals(), []);
  const afterTool = sent.findIndex((message) => message['role'] === 'tool') + 1;
  assert.deepEqual(sent[afterTool], { role: 'assistant', content: 'Tool results received.' });
  assert.equal(sent.filter((message) => message['role'] === 'assistant' && message['content'] === '' && message['tool_calls'] === undefined).length, 0);
  const reported = warnings.map((warning) => warning.feature);
  for (const feature of ['messages.order', 'messages.empty']) assert.ok(reported.includes(feature), `${feature} in ${reported.join(', ')}`);
});
