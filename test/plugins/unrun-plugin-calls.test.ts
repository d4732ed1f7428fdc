/**
 * One model step that calls a plugin tool and one of the caller's own tools: the step ends the
 * loop and its caller call goes to the caller, and the plugin call, left unrun, is reported (the
 * `x-interlingua-warnings` header of a whole answer, the log's translation warnings of a stream)
 * rather than vanishing without a word.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createJsonLogger } from '../../src/gateway/logger.js';
import { startPluginGateway, type PluginGateway } from './support/plugin-gateway.js';
import { openaiChatReply } from './support/scripted-replies.js';

let setup: PluginGateway;
const logLines: string[] = [];
before(async () => {
  setup = await startPluginGateway({ logger: createJsonLogger((line) => logLines.push(line)) });
});
after(async () => {
  await setup.close();
});

const callerTools = [
  { type: 'function', function: { name: 'book_table', description: 'Books a table', parameters: { type: 'object', properties: { restaurant: { type: 'string' } }, required: ['restaurant'] } } },
];
const bothCalls = [
  { id: 'call_calc', name: 'calculator', args: { expression: '6*7' } },
  { id: 'call_book', name: 'book_table', args: { restaurant: 'Le Jules Verne' } },
];

interface Reported {
  feature: string;
  message: string;
}

function post(stream: boolean): Promise<Response> {
  return fetch(`${setup.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'travel', stream, messages: [{ role: 'user', content: 'Compute 6*7 and book dinner' }], tools: callerTools }),
  });
}

test('whole answer: the caller gets its own call, and the header names the plugin call left unrun', async () => {
  setup.upstream.reset();
  setup.upstream.enqueue(openaiChatReply({ calls: bothCalls }, false));
  const response = await post(false);
  assert.equal(response.status, 200);
  const body = (await response.json()) as { choices: Array<{ message: { tool_calls?: Array<{ function: { name: string } }> }; finish_reason: string }> };
  assert.deepEqual(body.choices[0]?.message.tool_calls?.map((call) => call.function.name), ['book_table']);
  assert.equal(body.choices[0]?.finish_reason, 'tool_calls');
  assert.equal(setup.upstream.requests.length, 1, 'the loop ends with the caller call');
  const reported = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Reported[];
  const unrun = reported.find((warning) => warning.feature === 'plugins.calculator');
  assert.ok(unrun !== undefined, `plugins.calculator in ${JSON.stringify(reported)}`);
  assert.match(unrun.message, /"calculator".*not run/);
});

test('stream: the plugin call left unrun is in the log of what the stream could not carry', async () => {
  setup.upstream.reset();
  logLines.length = 0;
  setup.upstream.enqueue(openaiChatReply({ calls: bothCalls }, true));
  const response = await post(true);
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.match(text, /book_table/);
  assert.doesNotMatch(text, /calculator/);
  const logged = logLines
    .map((line) => JSON.parse(line) as { message: string; streamed?: boolean; warnings?: Reported[] })
    .find((line) => line.message === 'translation warnings' && line.streamed === true);
  const features = logged?.warnings?.map((warning) => warning.feature) ?? [];
  assert.ok(features.includes('plugins.calculator'), `plugins.calculator in ${features.join(', ')}`);
});
