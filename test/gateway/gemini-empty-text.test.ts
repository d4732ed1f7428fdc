/**
 * Gemini refuses a part of empty text ("Unable to submit request because it has an empty text
 * parameter", judged by test/support/vendor-rules/gemini/contents.ts), which OpenAI takes: LangChain
 * and others send an assistant turn with `content: ""` beside its tool calls, and a user message may
 * be empty. The caller is the official openai SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const caller = () => new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });

test('empty text parts are left out of what Gemini receives', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  await caller().chat.completions.create({
    model: modelFor('gemini'),
    tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }, { type: 'text', text: '' }] },
      { role: 'assistant', content: '', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
      { role: 'assistant', content: 'It is sunny.' },
      { role: 'user', content: '' },
      { role: 'user', content: 'Thanks. And Rome?' },
    ],
  });
  const contents = (harness.upstreams.gemini.requests[0]?.body as { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> }).contents;
  assert.ok(contents.every((content) => content.parts.every((part) => part['text'] !== '')), JSON.stringify(contents));
  assert.deepEqual(contents.map((content) => content.role), ['user', 'model', 'user', 'model', 'user']);
});

test('a request of system instructions only reaches Gemini with them as the user turn', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  const { response } = await caller().chat.completions.create({ model: modelFor('gemini'), messages: [{ role: 'system', content: 'Write a haiku about rain.' }, { role: 'user', content: '' }] }).withResponse();
  const body = harness.upstreams.gemini.requests[0]?.body as Record<string, unknown>;
  assert.equal(body['systemInstruction'], undefined);
  assert.deepEqual(body['contents'], [{ role: 'user', parts: [{ text: 'Write a haiku about rain.' }] }]);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /system_only/);
});

test('a request with no content at all is refused in the caller’s dialect without reaching Gemini', async () => {
  const refused = await caller().chat.completions.create({ model: modelFor('gemini'), messages: [{ role: 'user', content: '' }] }).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(refused instanceof OpenAI.BadRequestError, String(refused));
  assert.match(refused.message, /no message content/i);
  assert.equal(harness.upstreams.gemini.requests.length, 0);
});
