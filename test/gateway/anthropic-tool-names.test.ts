/**
 * A function whose name Claude refuses and Gemini takes (`github.create_issue`, `mcp:search`: dots
 * and colons, as MCP clients name tools) reaches Anthropic under a name it takes, and the Gemini
 * caller gets the call back under the name it declared. Caller: the official @google/genai SDK;
 * the Anthropic test upstream judges each request by Claude's rules.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI } from '@google/genai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import type { RecordedRequest } from '../support/test-upstream.js';
import { readFixtureText } from '../support/fixtures.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const names = ['github.create_issue', 'mcp:search'];

test('names with dots and colons go to Claude renamed, and its call comes back under the declared name', async () => {
  const recorded = readFixtureText('anthropic/fantasy-sonnet4-tool.i0.response.json');
  harness.upstreams.anthropic.answerUnqueuedWith((request: RecordedRequest) => {
    const sent = (request.body as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name);
    return { kind: 'json', body: recorded.replace('"name":"weather"', `"name":${JSON.stringify(sent[0])}`) };
  });
  const client = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
  const answer = await client.models.generateContent({
    model: modelFor('anthropic'),
    contents: 'Open an issue about the flaky test.',
    config: { tools: [{ functionDeclarations: names.map((name) => ({ name, description: 'A tool.', parametersJsonSchema: { type: 'object', properties: { title: { type: 'string' } } } })) }] },
  });
  const sent = (harness.upstreams.anthropic.requests[0]?.body as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name);
  assert.ok(sent.every((name) => /^[a-zA-Z0-9_-]{1,128}$/.test(name)), JSON.stringify(sent));
  assert.deepEqual(answer.functionCalls?.map((call) => call.name), ['github.create_issue']);
  assert.deepEqual(harness.upstreams.anthropic.takeRefusals(), []);
});
