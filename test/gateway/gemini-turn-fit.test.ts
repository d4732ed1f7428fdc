/**
 * Requests Gemini would refuse, sent by callers whose own vendors take them, reach Gemini changed
 * so that it serves them, and the caller is told how. Callers are the official SDKs; the Gemini
 * test upstream judges what it receives by Gemini's rules (test/support/vendor-rules/gemini).
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

type Body = Record<string, unknown>;
interface Entry {
  type: string;
  feature: string;
}

function warningsOf(headers: Headers): Entry[] {
  return JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Entry[];
}

function geminiReceived(): Body {
  const body = harness.upstreams.gemini.requests[0]?.body as Body | undefined;
  assert.ok(body !== undefined, 'Gemini received the request');
  return body;
}

const lookup: OpenAI.ChatCompletionTool = { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } } };

test('six Anthropic stop sequences reach Gemini as its five, with a warning', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages
    .create({ model: modelFor('gemini'), max_tokens: 100, stop_sequences: ['a', 'b', 'c', 'd', 'e', 'f'], messages: [{ role: 'user', content: 'Count.' }] })
    .withResponse();
  assert.deepEqual((geminiReceived().generationConfig as Body).stopSequences, ['a', 'b', 'c', 'd', 'e']);
  assert.ok(warningsOf(response.headers).some((warning) => warning.feature === 'stop_sequences'));
  assert.equal(harness.upstreams.gemini.takeRefusals().length, 0);
});

test('an OpenAI history that opens with a tool call reaches Gemini after a user turn, with a warning', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({
      model: modelFor('gemini'),
      tools: [lookup],
      messages: [
        { role: 'system', content: 'You resume a task.' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'found x' },
      ],
    })
    .withResponse();
  const contents = geminiReceived().contents as Array<{ role: string; parts: Body[] }>;
  assert.deepEqual(contents.map((content) => content.role), ['user', 'model', 'user']);
  assert.deepEqual(contents[0]?.parts, [{ text: 'Continue.' }]);
  assert.ok(warningsOf(response.headers).some((warning) => warning.feature === 'messages.order'));
  assert.equal(harness.upstreams.gemini.takeRefusals().length, 0);
});

test('an OpenAI tool call left without a result reaches Gemini answered with an error result, with a warning', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({
      model: modelFor('gemini'),
      tools: [lookup],
      messages: [
        { role: 'user', content: 'Look up x and y.' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } },
            { id: 'call_2', type: 'function', function: { name: 'lookup', arguments: '{"q":"y"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'found x' },
        { role: 'user', content: 'Never mind y.' },
      ],
    })
    .withResponse();
  const contents = geminiReceived().contents as Array<{ role: string; parts: Body[] }>;
  const answers = contents[2]?.parts.map((part) => part.functionResponse as Body | undefined).filter((answer) => answer !== undefined) ?? [];
  assert.equal(answers.length, 2, JSON.stringify(contents));
  assert.deepEqual(answers[1]?.response, { error: 'No result was given for this call.' });
  assert.equal(answers[1]?.name, 'lookup');
  assert.deepEqual(contents[2]?.parts.at(-1), { text: 'Never mind y.' });
  assert.ok(warningsOf(response.headers).some((warning) => warning.feature === 'tool_result.missing'));
  assert.equal(harness.upstreams.gemini.takeRefusals().length, 0);
});

test('an Ollama tool message that answers no call reaches Gemini as user text, with a warning', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  let warnings: Entry[] = [];
  const client = new Ollama({
    host: harness.gatewayUrl,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      warnings = warningsOf(response.headers);
      return response;
    },
  });
  await client.chat({
    model: modelFor('gemini'),
    messages: [
      { role: 'user', content: 'What did the lookup say?' },
      { role: 'tool', tool_name: 'lookup', content: 'found x' },
    ],
  });
  const contents = geminiReceived().contents as Array<{ role: string; parts: Body[] }>;
  assert.deepEqual(contents, [{ role: 'user', parts: [{ text: 'What did the lookup say?' }, { text: 'Result of lookup: {"output":"found x"}' }] }]);
  assert.ok(warnings.some((warning) => warning.feature === 'tool_result.position'), JSON.stringify(warnings));
  assert.equal(harness.upstreams.gemini.takeRefusals().length, 0);
});
