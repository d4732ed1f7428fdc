/**
 * An agent that asks for a structured final answer beside its tools (OpenAI and Anthropic take
 * both) reaches Gemini 2.5, which refuses JSON output beside tools (test/support/vendor-rules/models/
 * gemini-models.ts): the tools go, and the JSON is asked for in the system instruction, with a
 * warning. The caller is the official openai SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { jsonInstruction } from '../../src/core/json-instruction.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

test('tools and a JSON Schema answer reach Gemini 2.5 as tools and an instruction', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  const schema = { type: 'object', properties: { city: { type: 'string' }, forecast: { type: 'string' } }, required: ['city', 'forecast'], additionalProperties: false };
  const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({
      model: modelFor('gemini'),
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
      response_format: { type: 'json_schema', json_schema: { name: 'report', schema, strict: true } },
      messages: [{ role: 'user', content: 'Weather report for Paris.' }],
    })
    .withResponse();
  const body = harness.upstreams.gemini.requests[0]?.body as { tools?: unknown[]; generationConfig?: Record<string, unknown>; systemInstruction?: { parts: Array<{ text: string }> } };
  assert.equal(body.tools?.length, 1);
  assert.equal(body.generationConfig?.['responseMimeType'], undefined);
  assert.equal(body.generationConfig?.['responseSchema'], undefined);
  assert.deepEqual(body.systemInstruction?.parts.map((part) => part.text), [jsonInstruction(schema)]);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /response_format/);
});
