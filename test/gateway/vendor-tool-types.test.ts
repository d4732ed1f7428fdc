/**
 * Tools only one vendor runs, sent by its own SDK to another vendor: Anthropic server and
 * Anthropic-defined tools (`web_search_20250305`, `code_execution_20250522`, `bash_20250124`;
 * @anthropic-ai/sdk `ToolUnion`) and Gemini's `googleSearch`, `codeExecution`, `urlContext`
 * (@google/genai `Tool`). The functions arrive; each other tool type is named in its own warning.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
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
  type: string;
  feature: string;
  tools?: string[];
}

test('Anthropic server tools to OpenAI Chat: the function goes, each server tool type is named', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages
    .create({
      model: modelFor('openai-chat'),
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Look it up.' }],
      tools: [
        { name: 'lookup', input_schema: { type: 'object', properties: { q: { type: 'string' } } } },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
        { type: 'code_execution_20250522', name: 'code_execution' },
        { type: 'bash_20250124', name: 'bash' },
      ],
    })
    .withResponse();
  const upstream = harness.upstreams['openai-chat'].requests[0]?.body as { tools: Array<{ function: { name: string } }> };
  assert.deepEqual(upstream.tools.map((tool) => tool.function.name), ['lookup']);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Entry[];
  const types = ['tools.web_search_20250305', 'tools.code_execution_20250522', 'tools.bash_20250124'];
  assert.deepEqual(warnings.filter((warning) => types.includes(warning.feature)).map((warning) => warning.feature), types);
});

test('Gemini built-in tools to Anthropic: the function goes, googleSearch, codeExecution and urlContext are each named', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
  const answer = await ai.models.generateContent({
    model: modelFor('anthropic'),
    contents: 'Look it up.',
    config: {
      tools: [
        { functionDeclarations: [{ name: 'lookup', parametersJsonSchema: { type: 'object', properties: { q: { type: 'string' } } } }] },
        { googleSearch: {} },
        { codeExecution: {} },
        { urlContext: {} },
      ],
    },
  });
  const upstream = harness.upstreams.anthropic.requests[0]?.body as { tools: Array<{ name: string }> };
  assert.deepEqual(upstream.tools.map((tool) => tool.name), ['lookup']);
  const header = answer.sdkHttpResponse?.headers?.['x-interlingua-warnings'];
  const warnings = JSON.parse(header ?? '[]') as Entry[];
  const types = ['tools.googleSearch', 'tools.codeExecution', 'tools.urlContext'];
  assert.deepEqual(warnings.filter((warning) => types.includes(warning.feature)).map((warning) => warning.feature), types);
});
