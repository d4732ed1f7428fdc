/**
 * Gemini refuses an array parameter without `items` (test/support/vendor-rules/gemini/schema.ts),
 * which JSON Schema takes and MCP servers' tools often declare: a Claude Code session with such
 * tools, routed to Gemini, failed on every request. The caller is the official Anthropic SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

test('a tool’s bare array parameter reaches Gemini with items that take anything', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  await client.messages.create({
    model: modelFor('gemini'),
    max_tokens: 256,
    tools: [
      {
        name: 'batch_update',
        description: 'Updates cells of a sheet.',
        input_schema: { type: 'object', properties: { values: { type: 'array', description: 'Rows of values.' }, ranges: { type: 'array', items: { type: 'string' } } }, required: ['values'] },
      },
    ],
    messages: [{ role: 'user', content: 'Fill in the totals.' }],
  });
  const tools = (harness.upstreams.gemini.requests[0]?.body as { tools: Array<{ functionDeclarations: Array<{ parameters: { properties: Record<string, unknown> } }> }> }).tools;
  const properties = tools[0]?.functionDeclarations[0]?.parameters.properties;
  assert.deepEqual(properties?.['values'], { type: 'ARRAY', description: 'Rows of values.', items: {} });
  assert.deepEqual(properties?.['ranges'], { type: 'ARRAY', items: { type: 'STRING' } });
});
