/**
 * Anthropic refuses a stop sequence that is empty or only whitespace (test/support/vendor-rules/
 * anthropic/request-rules.ts), which OpenAI takes: many OpenAI callers stop at "\n". Such a
 * sequence is left out with a warning; the others go. The caller is the official openai SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
let client: OpenAI;
before(async () => {
  harness = await startHarness();
  client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => harness.close());
beforeEach(() => harness.reset());

async function sentStops(stop: string[]): Promise<{ stops: unknown; warnings: string }> {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client.chat.completions.create({ model: modelFor('anthropic'), stop, messages: [{ role: 'user', content: 'One line, please.' }] }).withResponse();
  const body = harness.upstreams.anthropic.requests[0]?.body as { stop_sequences?: unknown };
  return { stops: body.stop_sequences, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('a whitespace stop sequence is left out with a warning, and the others go', async () => {
  const { stops, warnings } = await sentStops(['\n', 'END']);
  assert.deepEqual(stops, ['END']);
  assert.match(warnings, /stop_sequences/);
});

test('stop sequences that are all empty or whitespace leave none', async () => {
  const { stops } = await sentStops(['\n\n', '']);
  assert.equal(stops, undefined);
});
