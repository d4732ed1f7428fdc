/**
 * A coding agent's tool-result turn sent to Claude with reasoning on: the history came from
 * another vendor, so the assistant turn being answered has no Anthropic-signed thinking block,
 * which Anthropic refuses while thinking is on (src/dialects/anthropic/thinking-turns.ts). The
 * gateway sends that request with thinking off and says so. Callers are the official SDKs.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

interface Entry {
  feature: string;
}

function anthropicReceived(): Record<string, unknown> {
  const body = harness.upstreams.anthropic.requests[0]?.body as Record<string, unknown> | undefined;
  assert.ok(body !== undefined, 'Anthropic received the request');
  return body;
}

test('Responses caller (Codex-style) with reasoning: the tool-result turn reaches Anthropic with thinking off', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.responses
    .create({
      model: modelFor('anthropic'),
      reasoning: { effort: 'high' },
      tools: [{ type: 'function', name: 'shell', description: 'Run a command', strict: false, parameters: { type: 'object', properties: { cmd: { type: 'string' } } } }],
      input: [
        { role: 'user', content: 'List the files.' },
        { type: 'function_call', call_id: 'call_ls', name: 'shell', arguments: '{"cmd":"ls"}' },
        { type: 'function_call_output', call_id: 'call_ls', output: 'README.md\nsrc' },
      ],
    })
    .withResponse();
  const body = anthropicReceived();
  assert.equal(body['thinking'], undefined);
  const messages = body['messages'] as Array<{ role: string; content: Array<{ type: string }> }>;
  assert.equal(messages.at(-2)?.content[0]?.type, 'tool_use');
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Entry[];
  assert.ok(warnings.some((warning) => warning.feature === 'reasoning.tool_turn'), JSON.stringify(warnings));
});

test('Gemini caller (Gemini CLI-style) with thinking: the function-response turn reaches Anthropic with thinking off', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const client = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
  await client.models.generateContent({
    model: modelFor('anthropic'),
    config: {
      thinkingConfig: { thinkingBudget: 4096 },
      tools: [{ functionDeclarations: [{ name: 'read_file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } } } }] }],
    },
    contents: [
      { role: 'user', parts: [{ text: 'Read the README.' }] },
      { role: 'model', parts: [{ functionCall: { name: 'read_file', args: { path: 'README.md' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'read_file', response: { output: '# Title' } } }] },
    ],
  });
  assert.equal(anthropicReceived()['thinking'], undefined);
});

test('a new question after the tool loop keeps thinking on', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  await client.responses.create({
    model: modelFor('anthropic'),
    reasoning: { effort: 'low' },
    input: [
      { role: 'user', content: 'List the files.' },
      { type: 'function_call', call_id: 'call_ls', name: 'shell', arguments: '{"cmd":"ls"}' },
      { type: 'function_call_output', call_id: 'call_ls', output: 'README.md' },
      { role: 'assistant', content: 'There is a README.' },
      { role: 'user', content: 'Summarise it.' },
    ],
  });
  assert.deepEqual(anthropicReceived()['thinking'], { type: 'enabled', budget_tokens: 1024 });
});
