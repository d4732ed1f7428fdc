/**
 * JSON mode asked for by a field alone (Gemini's `responseMimeType`, Ollama's `format: json`) reaches
 * OpenAI, whose JSON mode refuses a conversation that never names JSON (Chat Completions: in any
 * message; Responses: in an input message, `instructions` not counting). The test upstreams judge
 * by that rule (test/support/vendor-rules/openai-chat/json-mode.ts, openai-responses/parameters.ts),
 * so each call here fails if the gateway sends such a request. Callers are the official SDKs.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI } from '@google/genai';
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
const instruction = 'Respond with a single JSON object and nothing else.';

function received(target: 'openai-chat' | 'openai-responses'): Body {
  const body = harness.upstreams[target].requests[0]?.body as Body | undefined;
  assert.ok(body !== undefined, `${target} received the request`);
  return body;
}

async function geminiJsonMode(target: 'openai-chat' | 'openai-responses', text: string): Promise<void> {
  harness.upstreams[target].enqueue(upstreamScenarios[target].text.reply);
  const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
  await ai.models.generateContent({ model: modelFor(target), contents: text, config: { responseMimeType: 'application/json' } });
}

test('Chat Completions: a Gemini caller\'s JSON mode gets the instruction in a system message', async () => {
  await geminiJsonMode('openai-chat', 'List three colours.');
  const body = received('openai-chat');
  assert.deepEqual(body['response_format'], { type: 'json_object' });
  const messages = body['messages'] as Body[];
  assert.ok(messages.some((message) => message['role'] !== 'user' && String(message['content']).includes(instruction)), JSON.stringify(messages));
});

test('Responses: the instruction is an input message, put first, since instructions do not count', async () => {
  await geminiJsonMode('openai-responses', 'List three colours.');
  const body = received('openai-responses');
  assert.deepEqual((body['text'] as Body)['format'], { type: 'json_object' });
  assert.deepEqual((body['input'] as Body[])[0], { role: 'system', content: instruction });
});

/** A Gemini caller's JSON-mode request over plain HTTP, to read the answer's headers. */
async function geminiJsonModeOverHttp(text: string): Promise<Response> {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  return fetch(`${harness.gatewayUrl}/v1beta/models/${modelFor('openai-chat')}:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'caller' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text }] }], generationConfig: { responseMimeType: 'application/json' } }),
  });
}

test('a conversation that names JSON already is sent as it is, without a warning', async () => {
  const response = await geminiJsonModeOverHttp('List three colours as json.');
  assert.equal(response.status, 200, await response.clone().text());
  assert.deepEqual(received('openai-chat')['messages'], [{ role: 'user', content: 'List three colours as json.' }]);
  assert.equal(response.headers.get('x-interlingua-warnings'), null);
});

test('the instruction added is reported in the warnings header', async () => {
  const response = await geminiJsonModeOverHttp('List three colours.');
  assert.equal(response.status, 200, await response.clone().text());
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'response_format.json_object'), JSON.stringify(warnings));
});

test('an Ollama caller\'s format: json reaches Chat Completions with the instruction', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const ollama = new Ollama({ host: harness.gatewayUrl });
  await ollama.chat({ model: modelFor('openai-chat'), format: 'json', messages: [{ role: 'user', content: 'List three colours.' }] });
  const messages = received('openai-chat')['messages'] as Body[];
  assert.ok(messages.some((message) => String(message['content']).includes(instruction)), JSON.stringify(messages));
});
