/**
 * A Gemini caller's response schema with an array at its root (as Gemini's own structured-output
 * guide writes a list of recipes), which OpenAI refuses ("schema must be a JSON Schema of 'type:
 * \"object\"', got 'type: \"array\"'"), reaches OpenAI wrapped in an object, and the answer comes back
 * to the caller as the array it asked for, whole and streamed. The OpenAI test upstream judges the root.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI, Type } from '@google/genai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { readFixtureJson } from '../support/fixtures.js';
import { TestUpstream } from '../support/test-upstream.js';

let upstream: TestUpstream;
let gateway: Gateway;
let client: GoogleGenAI;

before(async () => {
  upstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({ providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } }, models: { gpt: [{ provider: 'oa', model: 'gpt-4o' }] } }),
    { logger: silentLogger },
  );
  client = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}` } });
});
after(async () => {
  await gateway.close();
  await upstream.stop();
});
beforeEach(() => upstream.reset());

const config = {
  responseMimeType: 'application/json',
  responseSchema: { type: Type.ARRAY, items: { type: Type.OBJECT, properties: { name: { type: Type.STRING } }, required: ['name'] } },
};
const wrappedAnswer = '{"value": [{"name": "Soup"}, {"name": "Stew"}]}';

function answerWith(text: string): Record<string, unknown> {
  const recorded = readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') as { choices: Array<{ message: Record<string, unknown> }> };
  return { ...recorded, choices: [{ ...recorded.choices[0], message: { ...recorded.choices[0]?.message, content: text } }] };
}

test('the schema goes wrapped as the one property of an object, and the whole answer comes back unwrapped', async () => {
  upstream.enqueue({ kind: 'json', body: answerWith(wrappedAnswer) });
  const response = await client.models.generateContent({ model: 'gpt', contents: 'Two recipes, please.', config });
  assert.deepEqual(JSON.parse(response.text ?? ''), [{ name: 'Soup' }, { name: 'Stew' }]);
  const format = (upstream.requests[0]?.body as { response_format: { json_schema: { schema: Record<string, unknown> } } }).response_format.json_schema.schema;
  assert.equal(format['type'], 'object');
  assert.deepEqual(format['required'], ['value']);
});

test('a streamed answer comes back unwrapped, chunk by chunk', async () => {
  const pieces = ['{"val', 'ue": [{"name"', ': "Soup"}, {"name": "St', 'ew"}]', '}'];
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const usage = `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [], usage: { prompt_tokens: 10, completion_tokens: 9, total_tokens: 19 } })}\n\n`;
  upstream.enqueue({ kind: 'stream', text: [chunk({ role: 'assistant', content: '' }), ...pieces.map((content) => chunk({ content })), chunk({}, 'stop'), usage, 'data: [DONE]\n\n'].join('') });
  let text = '';
  for await (const part of await client.models.generateContentStream({ model: 'gpt', contents: 'Two recipes, please.', config })) text += part.text ?? '';
  assert.deepEqual(JSON.parse(text), [{ name: 'Soup' }, { name: 'Stew' }]);
});
