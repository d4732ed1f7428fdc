/**
 * Parameters Zhipu GLM takes more narrowly than OpenAI, from an OpenAI caller through the `zhipu`
 * preset, judged by Zhipu's rules (test/support/vendor-rules/zhipu-glm.ts): a temperature above 1,
 * more than one stop word, and a JSON Schema response format, which Zhipu refuses, are fitted to what
 * it takes, and each change is reported to the caller.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureText } from '../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { glm: { dialect: 'zhipu', baseUrl: `${upstream.baseUrl}/api/paas/v4`, apiKey: 'key-id.key-secret' } },
    models: { glm: [{ provider: 'glm', model: 'glm-4.7' }] },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  // Both stop even when the upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), upstream.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => upstream.reset());

/** A recorded GLM answer (fixtures/zhipu-glm/pa-thinking-mode.response.json). */
const recordedAnswer = () => upstream.enqueue({ kind: 'json', body: readFixtureText('zhipu-glm/pa-thinking-mode.response.json') });

async function warningsOf(request: OpenAI.ChatCompletionCreateParamsNonStreaming): Promise<string> {
  const { response } = await client.chat.completions.create(request).withResponse();
  return response.headers.get('x-interlingua-warnings') ?? '';
}

test('a temperature above 1 goes to Zhipu as 1', async () => {
  recordedAnswer();
  const warnings = await warningsOf({ model: 'glm', temperature: 1.5, messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal((upstream.requests[0]?.body as Record<string, unknown>).temperature, 1);
  assert.match(warnings, /temperature/);
});

test('of several stop words, Zhipu gets the first', async () => {
  recordedAnswer();
  const warnings = await warningsOf({ model: 'glm', stop: ['END', 'STOP', '###'], messages: [{ role: 'user', content: 'Hi' }] });
  assert.deepEqual((upstream.requests[0]?.body as Record<string, unknown>).stop, ['END']);
  assert.match(warnings, /stop/);
});

test('a JSON Schema response format becomes JSON mode, the schema asked for in the system prompt', async () => {
  recordedAnswer();
  const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
  const warnings = await warningsOf({
    model: 'glm',
    response_format: { type: 'json_schema', json_schema: { name: 'place', schema, strict: true } },
    messages: [{ role: 'user', content: 'Where is the Duomo?' }],
  });
  const body = upstream.requests[0]?.body as { response_format: unknown; messages: Array<{ role: string; content: unknown }> };
  assert.deepEqual(body.response_format, { type: 'json_object' });
  const content = body.messages.find((message) => message.role === 'system')?.content;
  const system = typeof content === 'string' ? content : (content as Array<{ text: string }>).map((part) => part.text).join('');
  assert.match(system, /JSON Schema.*"city"/);
  assert.match(warnings, /response_format/);
});

test('what Zhipu takes as it is passes unchanged and without warnings', async () => {
  recordedAnswer();
  const warnings = await warningsOf({ model: 'glm', temperature: 0.7, stop: ['END'], response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'Reply in JSON' }] });
  const body = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(body.temperature, 0.7);
  assert.deepEqual(body.stop, ['END']);
  assert.deepEqual(body.response_format, { type: 'json_object' });
  assert.equal(warnings, '');
});
